import { useId } from 'react';
import type { InspectResult } from '../../io/import/inspect.ts';
import { type ModuleColumns, type ModuleMappingSpec, previewValues } from './moduleMapping.ts';

const NONE = '';
const MAX_SHOWN = 40;
const clip = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);

/** Every field the module reads: detected column (editable), values from the preview and their reading. */
export function ModuleMappingFields({
  inspection,
  spec,
  columns,
  onChange,
}: {
  inspection: InspectResult;
  spec: ModuleMappingSpec;
  columns: ModuleColumns;
  onChange: (columns: ModuleColumns) => void;
}) {
  const id = useId();
  return (
    <fieldset className="import-mapping import-module-mapping" data-testid="import-module-mapping">
      <legend>Colonnes lues par le module</legend>
      <table className="import-module-mapping__table">
        <thead>
          <tr>
            <th scope="col">Donnée</th>
            <th scope="col">Colonne du fichier</th>
            <th scope="col">Valeurs lues → interprétation</th>
          </tr>
        </thead>
        <tbody>
          {spec.fields.map((field) => {
            const column = columns[field.key] ?? null;
            const index = column === null ? -1 : inspection.fields.indexOf(column);
            const values = index < 0 ? [] : previewValues(inspection.preview, index);
            return (
              <tr key={field.key} data-testid={`module-field-${field.key}`}>
                <th scope="row">
                  <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
                </th>
                <td>
                  <select
                    id={`${id}-${field.key}`}
                    data-testid={`import-module-${field.key}`}
                    value={column ?? NONE}
                    onChange={(e) =>
                      onChange({ ...columns, [field.key]: e.target.value === NONE ? null : e.target.value })
                    }
                  >
                    <option value={NONE}>— aucune —</option>
                    {inspection.fields.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="import-small">
                  {column === null ? (
                    <span className="import-muted">non renseigné</span>
                  ) : values.length === 0 ? (
                    <span className="import-muted">vide dans l’aperçu</span>
                  ) : (
                    <ul className="import-module-mapping__values">
                      {values.map((v) => (
                        <li key={v}>
                          <code>{clip(v)}</code> → {clip(spec.interpret(field.key, v))}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </fieldset>
  );
}

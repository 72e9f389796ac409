import { useId } from 'react';
import type { InspectResult } from '../../io/import/inspect.ts';
import type { ColumnMapping } from '../../io/types.ts';
import { changeMapping, geometryInFeatures } from './inspection.ts';
import { MAPPING_FIELDS } from './labels.ts';

const NONE = '';

/** The column mapping as selects prefilled by the guess (or the remembered choice), for the user to correct. */
export function MappingFields({
  inspection,
  mapping,
  onChange,
}: {
  inspection: InspectResult;
  mapping: ColumnMapping;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const id = useId();
  const featureGeometry = geometryInFeatures(inspection);
  const fields = featureGeometry
    ? MAPPING_FIELDS.filter((f) => f.key === 'id' || f.key === 'insee' || f.key === 'commune')
    : MAPPING_FIELDS;
  return (
    <fieldset className="import-mapping">
      <legend>Correspondance des colonnes</legend>
      {featureGeometry ? (
        <p className="import-muted">La géométrie est lue dans les entités du fichier.</p>
      ) : null}
      <div className="import-mapping__grid">
        {fields.map((field) => (
          <div key={field.key} className="import-mapping__field">
            <label htmlFor={`${id}-${field.key}`}>{field.label}</label>
            <select
              id={`${id}-${field.key}`}
              data-testid={`import-mapping-${field.key}`}
              value={mapping[field.key] ?? NONE}
              onChange={(e) =>
                onChange(changeMapping(mapping, field.key, e.target.value === NONE ? null : e.target.value))
              }
            >
              <option value={NONE}>— aucune —</option>
              {inspection.fields.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <span className="import-muted import-small">{field.hint}</span>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

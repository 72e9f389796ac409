import type { InspectResult } from '../../io/import/inspect.ts';
import type { ColumnMapping } from '../../io/types.ts';
import { MAPPING_FIELDS } from './labels.ts';

const MAX_CELL = 60;
const clip = (text: string | null) =>
  text === null ? '' : text.length > MAX_CELL ? `${text.slice(0, MAX_CELL - 1)}…` : text;

/** The first rows as the engine read them (decoded, cleaned); chosen columns are tagged with their role. */
export function PreviewTable({ inspection, mapping }: { inspection: InspectResult; mapping: ColumnMapping }) {
  const roleOf = (name: string) =>
    MAPPING_FIELDS.filter((f) => mapping[f.key] === name)
      .map((f) => f.label)
      .join(', ');
  return (
    <div className="import-preview" data-testid="import-preview">
      <table>
        <caption>
          Aperçu des {inspection.preview.length} premières lignes (sur{' '}
          {inspection.rows.toLocaleString('fr-FR')})
        </caption>
        <thead>
          <tr>
            {inspection.fields.map((name) => {
              const role = roleOf(name);
              return (
                <th key={name} scope="col" className={role ? 'import-preview__mapped' : undefined}>
                  {name}
                  {role ? <span className="import-preview__role">{role}</span> : null}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {inspection.preview.map((row, r) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: preview rows are fixed, identified by position.
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={inspection.fields[c] ?? c} title={cell ?? undefined}>
                  {clip(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A module's own columns (beyond the engine's identifier / coordinates / commune), shown in the mapping step
 * with the column detected for each, a preview of its values and how the module reads them, each editable.
 * The chosen columns reach the module's `prepare` with the engine's result.
 */
export type ModuleColumns = Record<string, string | null>;

export interface ModuleMappingSpec {
  /** In display order. */
  fields: readonly { key: string; label: string }[];
  /** The module's own detection for a file's columns (null = none found). */
  guess: (fields: readonly string[]) => ModuleColumns;
  /** How the module reads one value of a field, in French (« SHP 100W » → « Sodium haute pression »). */
  interpret: (key: string, value: string) => string;
}

/** Up to `max` distinct non-empty values of a column in the preview rows. */
export function previewValues(
  preview: readonly (readonly (string | null)[])[],
  column: number,
  max = 3,
): string[] {
  const out: string[] = [];
  for (const row of preview) {
    const v = row[column]?.trim();
    if (v && !out.includes(v)) out.push(v);
    if (out.length >= max) break;
  }
  return out;
}

/** Remembered columns checked against the file's fields: unknown keys dropped, absent columns refused. */
export function checkModuleColumns(
  value: unknown,
  spec: ModuleMappingSpec,
  fields: readonly string[],
): ModuleColumns | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: ModuleColumns = {};
  for (const { key } of spec.fields) {
    const name = (value as Record<string, unknown>)[key];
    if (name === undefined) continue;
    if (name !== null && (typeof name !== 'string' || !fields.includes(name))) return null;
    out[key] = name;
  }
  return out;
}

/**
 * One runtime schema per section the app persists (`workspace.sections[key] = { version, data }`), used at
 * every boundary: IndexedDB restore and `apply()` (src/state/persistedWorkspace.ts), project import in the
 * browser and `atlas project verify` (both through `checkWorkspaceSections`), so that verify and import
 * cannot disagree. Record lists are checked record by record; user choices (filters, weights, settings) must
 * be objects and are then cleaned field by field by their module, as before.
 */
import * as v from 'valibot';
import type { LightPoint } from '../domain/lights/types.ts';
import {
  type ColumnarRecords,
  columnarProblem,
  decodeColumnar,
  isColumnarRecords,
} from '../io/project/columnar.ts';
import { type Checked, check, type SchemaError } from './issues.ts';
import {
  adviceSessionSchema,
  brownfieldSchema,
  featureCollectionSchema,
  lightPointSchema,
  pcaetIndicatorSchema,
  pcaetValueSchema,
} from './records.ts';

const text = v.string();
const choice = v.nullish(v.looseObject({}));

export const dataSourceSchema = v.variant('kind', [
  v.looseObject({
    kind: v.literal('sample'),
    label: v.literal("Données d'exemple"),
    generatedAt: v.optional(text),
    seed: v.optional(v.number()),
  }),
  v.looseObject({ kind: v.literal('import'), fileName: text, importedAt: text }),
  v.looseObject({ kind: v.literal('manual'), updatedAt: text }),
  v.looseObject({ kind: v.literal('team'), syncedAt: text }),
]);

const contextEntry = v.looseObject({
  layer: featureCollectionSchema,
  source: v.variant('kind', [
    v.looseObject({ kind: v.literal('sample'), label: v.literal('exemple fictif') }),
    v.looseObject({ kind: v.literal('import'), fileName: text, importedAt: text }),
  ]),
});

/**
 * The friches weights: a preset, edited weights and directions, and the preset's eliminatory conditions as the
 * user edited them (enabled, threshold). Shapes only: values are then cleaned by cleanFrichesWeights.
 */
const frichesWeights = v.nullish(
  v.looseObject({
    preset: v.nullish(text),
    weights: v.nullish(v.record(text, v.nullish(v.number()))),
    inverted: v.nullish(v.array(text)),
    exclusions: v.nullish(
      v.array(
        v.looseObject({
          id: text,
          enabled: v.optional(v.boolean()),
          threshold: v.optional(v.number()),
        }),
      ),
    ),
  }),
);

const lightPoints = v.array(lightPointSchema);
/**
 * Light points saved column by column (io/project/columnar.ts): the columns are checked, then the decoded
 * points go through the same point schema as a list of objects (one rule for both forms).
 */
const columnarLightPoints = v.pipe(
  v.unknown(),
  v.rawCheck(({ dataset, addIssue }) => {
    const problem = dataset.typed ? columnarProblem(dataset.value) : null;
    if (problem) addIssue({ message: `fr:${problem.path ? `${problem.path} : ` : ''}${problem.reason}` });
  }),
  v.transform((value) => decodeColumnar<LightPoint>(value as ColumnarRecords)),
  lightPoints,
);

export const SECTION_SCHEMAS = {
  lights: v.looseObject({
    points: v.optional(v.lazy((input) => (isColumnarRecords(input) ? columnarLightPoints : lightPoints))),
    source: v.nullish(dataSourceSchema),
    settings: choice,
  }),
  lightsView: v.looseObject({ filter: choice, mapStyle: v.optional(v.unknown()) }),
  // Lists of INSEE codes; cleaned on restore (cleanComplianceSettings).
  lightsCompliance: v.looseObject({
    protectedCommunes: v.optional(v.array(text)),
    switchOffCommunes: v.optional(v.array(text)),
  }),
  // Suggestions only: each entry is checked against the file's columns when used (rememberedMapping.ts).
  importMappings: v.looseObject({ mappings: v.optional(v.record(text, v.looseObject({}))) }),
  // Per module, identifier → fingerprint at the last import (conflict detection of the import modes).
  importBases: v.looseObject({ bases: v.optional(v.record(text, v.record(text, text))) }),
  advice: v.looseObject({
    sessions: v.optional(v.array(adviceSessionSchema)),
    source: v.nullish(dataSourceSchema),
    settings: choice,
    mapIndicator: v.optional(v.unknown()),
  }),
  friches: v.looseObject({
    sites: v.optional(v.array(brownfieldSchema)),
    source: v.nullish(dataSourceSchema),
    context: v.nullish(v.record(text, v.nullish(contextEntry))),
    weights: frichesWeights,
    pins: v.nullish(v.array(v.unknown())),
  }),
  dashboard: v.looseObject({
    map: choice,
    pcaetIndicators: v.nullish(v.array(pcaetIndicatorSchema)),
    pcaetValues: v.nullish(v.array(pcaetValueSchema)),
  }),
} as const satisfies Record<string, v.GenericSchema>;

export type SectionKey = keyof typeof SECTION_SCHEMAS;
export type SectionData<K extends SectionKey> = v.InferOutput<(typeof SECTION_SCHEMAS)[K]>;

export function hasSectionSchema(key: string): key is SectionKey {
  return Object.hasOwn(SECTION_SCHEMAS, key);
}

/**
 * Checks one section's data. `base` prefixes the error paths (`lights` → `lights.points[0]`). Sections this
 * version of the app does not know are not checked here: they are kept aside as they are, never applied.
 */
export function checkSectionData(key: string, data: unknown, base: string = key): Checked<unknown> {
  if (!hasSectionSchema(key)) return { ok: true, value: data };
  // valibot's object schemas accept arrays (and would then report `data.map` as « objet attendu », through
  // Array.prototype.map): a list is refused as such, at the section's own path.
  if (Array.isArray(data))
    return { ok: false, errors: [{ path: base, reason: 'objet attendu (liste reçue)' }] };
  return check(SECTION_SCHEMAS[key], data, base);
}

/** Every known section of a workspace (`{ version, data }` entries); all errors, located. Never throws. */
export function checkWorkspaceSections(sections: Record<string, unknown>, base = 'sections'): SchemaError[] {
  const errors: SchemaError[] = [];
  for (const key of Object.keys(sections)) {
    if (!hasSectionSchema(key)) continue;
    const entry = sections[key];
    const path = `${base}.${key}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || !('data' in entry)) {
      errors.push({ path, reason: 'section { version, data } attendue' });
      continue;
    }
    const result = checkSectionData(key, (entry as { data: unknown }).data, `${path}.data`);
    if (!result.ok) errors.push(...result.errors);
  }
  return errors;
}

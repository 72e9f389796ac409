/**
 * Runtime schemas of the workspace document's frame and of its IndexedDB records: the document itself (version
 * 2, and version 1 before migration), the storage meta record, a document kept aside by a failed database
 * upgrade, and one stored module section `{ version, data }`. Project files (src/io/project), IndexedDB restore
 * (src/storage) and the store's section restore (src/state) all read through these, so the frame is checked
 * by one set of rules wherever a document comes from. Section contents are checked by sections.ts.
 *
 * This file and issues.ts import only valibot and the document's types and predicates (src/io/project), so the
 * low layers that read documents (io, storage) may use them without reaching domain code.
 */
import * as v from 'valibot';
import {
  type DocumentError,
  isIsoInstant,
  isPlainObject,
  type Shortlist,
  WORKSPACE_SCHEMA_VERSION,
  type Workspace,
} from '../io/project/workspace.ts';
import { check } from './issues.ts';

/** A plain object (not an array, a Date, a class instance); its entries are checked by the next schema. */
const plainObject = v.custom<Record<string, unknown>>(isPlainObject, 'fr:objet attendu');
const entriesOf = <T extends v.GenericSchema>(value: T) =>
  v.pipe(plainObject, v.record(v.string(), value, 'fr:objet attendu'));
const sectionMap = entriesOf(v.unknown());
const safeCount = (min: number, reason: string) =>
  v.pipe(v.number(`fr:${reason}`), v.safeInteger(`fr:${reason}`), v.minValue(min, `fr:${reason}`));

/** Strict objects refuse unknown keys: « champ inconnu » there, `reason` when the value is no object at all. */
function strictMessage(reason: string): (issue: v.BaseIssue<unknown>) => string {
  return (issue) => {
    if (issue.expected === 'never') return 'fr:champ inconnu';
    if (issue.received === 'undefined' && issue.expected?.startsWith('"')) return 'fr:champ manquant';
    return `fr:${reason}`;
  };
}

export const shortlistSchema = v.strictObject(
  {
    siteIds: v.array(v.string('fr:identifiant texte attendu'), 'fr:liste attendue'),
    notes: entriesOf(v.string('fr:texte attendu')),
  },
  strictMessage('objet { siteIds, notes } attendu'),
);

/** The current document (src/io/project/workspace.ts), as stored and as carried in a project file's payload. */
export const workspaceSchema = v.strictObject(
  {
    schemaVersion: v.literal(WORKSPACE_SCHEMA_VERSION, `fr:version attendue : ${WORKSPACE_SCHEMA_VERSION}`),
    savedAt: v.custom<string>(isIsoInstant, 'fr:date ISO attendue (ex. 2025-03-01T10:00:00.000Z)'),
    revision: safeCount(0, 'entier positif ou nul attendu'),
    layers: sectionMap,
    edits: sectionMap,
    settings: sectionMap,
    shortlist: shortlistSchema,
    sections: sectionMap,
  },
  strictMessage("l'espace de travail doit être un objet"),
);

/** Version 1 (first release), before its migration to version 2 (src/io/project/migrations.ts). */
export const workspaceV1Schema = v.strictObject(
  {
    schemaVersion: v.literal(1),
    savedAt: v.custom<string>(isIsoInstant, 'fr:date ISO attendue'),
    layers: sectionMap,
    edits: sectionMap,
    settings: sectionMap,
    shortlist: v.array(v.unknown(), 'fr:liste attendue'),
    notes: sectionMap,
  },
  strictMessage("l'espace de travail doit être un objet"),
);

/**
 * The IndexedDB meta record (src/storage/layout.ts): where the document's frame fields are stored, with the
 * keys of its other records. Loose: a field written by a newer release is carried, not refused.
 */
export const metaRecordSchema = v.looseObject(
  {
    schemaVersion: safeCount(1, 'numéro de version manquant ou invalide'),
    savedAt: v.string('fr:date attendue'),
    revision: safeCount(0, 'entier positif ou nul attendu'),
    sectionKeys: v.array(v.string('fr:clé texte attendue'), 'fr:liste des enregistrements attendue'),
    empty: v.optional(v.literal(true, 'fr:vrai attendu')),
  },
  strictMessage('enregistrement de l’espace de travail attendu (objet)'),
);
export type MetaRecord = v.InferOutput<typeof metaRecordSchema>;

export function isMetaRecord(value: unknown): value is MetaRecord {
  return v.is(metaRecordSchema, value);
}

const documentErrorSchema = v.object({ path: v.string(), reason: v.string() });

/** A document from an older database that could not be migrated: kept, never deleted silently. */
export const unmigratedRecordSchema = v.looseObject({
  fromVersion: v.nullable(v.pipe(v.number(), v.safeInteger())),
  document: v.unknown(),
  errors: v.array(documentErrorSchema),
});
export type UnmigratedRecord = v.InferOutput<typeof unmigratedRecordSchema>;

export function isUnmigratedRecord(value: unknown): value is UnmigratedRecord {
  return v.is(unmigratedRecordSchema, value);
}

/** One module section as the app writes it: `sections[key] = { version, data }` (src/state/persistedWorkspace.ts). */
export const storedSectionSchema = v.pipe(
  plainObject,
  v.looseObject(
    { version: safeCount(1, 'numéro de version entier attendu'), data: v.unknown() },
    strictMessage('section { version, data } attendue'),
  ),
);
export type StoredSection = v.InferOutput<typeof storedSectionSchema>;

export function isStoredSection(value: unknown): value is StoredSection {
  return v.is(storedSectionSchema, value);
}

export type FrameResult = { ok: true; workspace: Workspace } | { ok: false; errors: DocumentError[] };

/** Checks a document's frame (not section contents, which belong to sections.ts). Never throws. */
export function checkWorkspaceFrame(doc: unknown, base = ''): FrameResult {
  if (!isPlainObject(doc))
    return { ok: false, errors: [{ path: base, reason: "l'espace de travail doit être un objet" }] };
  const checked = check(workspaceSchema, doc, base);
  // The schema's output is a copy of the input's checked fields: return the input itself, so that what
  // was stored (typed arrays, key order) is handed on untouched.
  return checked.ok ? { ok: true, workspace: doc as unknown as Workspace } : checked;
}

/* Compile-time ties between the schemas and the document's declared types (both directions). */
type Is<T, U extends T> = U;
export type FrameTypeChecks = [
  Is<Workspace, v.InferOutput<typeof workspaceSchema>>,
  // The stored version is the literal current one; a Workspace declares it as a number.
  Is<Omit<v.InferInput<typeof workspaceSchema>, 'schemaVersion'>, Omit<Workspace, 'schemaVersion'>>,
  Is<Shortlist, v.InferOutput<typeof shortlistSchema>>,
  Is<v.InferInput<typeof shortlistSchema>, Shortlist>,
];

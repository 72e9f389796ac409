/**
 * Reads a project file. The file is untrusted: every failure becomes a located French error, never an
 * exception, and nothing is returned unless the whole file is valid (all-or-nothing).
 */

import { checkFileSize, MAX_FILE_BYTES } from '../fileSize.ts';
import { canonicalJson } from './canonical.ts';
import { CodecError, decodeStorable } from './codec.ts';
import { PROJECT_FORMAT, PROJECT_VERSION, type ProjectApp, sha256Hex } from './format.ts';
import { migrateDocument, newerVersionMessage } from './migrations.ts';
import { type DocumentError, isIsoInstant, isPlainObject, type Workspace } from './workspace.ts';

export interface ProjectImportResult {
  ok: boolean;
  /** The workspace in the current schema (migrated if the file is older); null unless ok. */
  workspace: Workspace | null;
  /** Format version written in the file header; 0 when unreadable. */
  version: number;
  /** Set when the file was written by an older version and migrated. */
  migratedFrom: number | null;
  createdAt: string | null;
  app: ProjectApp | null;
  /** French reasons; `path` is '' for the whole file, a header field, or `payload.<dotted path>`. */
  errors: DocumentError[];
}

export interface ImportOptions {
  maxBytes?: number;
}

export const UNEXPECTED_ERROR = 'Erreur inattendue pendant la lecture du projet.';

const HEADER_KEYS = ['format', 'version', 'createdAt', 'app', 'sha256', 'payload'];

/** "payload.layers : objet attendu" — one line for the UI or the CLI. */
export function formatProjectError(error: DocumentError): string {
  return error.path === '' ? error.reason : `${error.path} : ${error.reason}`;
}

function failure(errors: DocumentError[], partial: Partial<ProjectImportResult> = {}): ProjectImportResult {
  return {
    ok: false,
    workspace: null,
    version: 0,
    migratedFrom: null,
    createdAt: null,
    app: null,
    ...partial,
    errors,
  };
}

function decodeText(input: Uint8Array | ArrayBuffer | string): string | null {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(input);
  } catch {
    return null;
  }
}

function isApp(value: unknown): value is ProjectApp {
  return (
    isPlainObject(value) &&
    Object.keys(value).length === 2 &&
    typeof value.name === 'string' &&
    typeof value.version === 'string'
  );
}

function payloadPath(path: string): string {
  return path === '' ? 'payload' : `payload.${path}`;
}

async function read(
  input: Uint8Array | ArrayBuffer | string,
  options: ImportOptions,
): Promise<ProjectImportResult> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  const sizeProblem = checkFileSize(size, options.maxBytes ?? MAX_FILE_BYTES);
  if (sizeProblem) return failure([{ path: '', reason: sizeProblem }]);

  const text = decodeText(input);
  if (text === null)
    return failure([
      { path: '', reason: "Le fichier n'est pas un texte UTF-8 : ce n'est pas un projet Atlas COTRI." },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failure([
      {
        path: '',
        reason:
          "Le fichier n'est pas un JSON valide : ce n'est pas un projet Atlas COTRI, ou il est tronqué.",
      },
    ]);
  }
  if (!isPlainObject(parsed) || parsed.format !== PROJECT_FORMAT)
    return failure([
      {
        path: 'format',
        reason: `ce fichier n'est pas un projet Atlas COTRI (format « ${PROJECT_FORMAT} » attendu)`,
      },
    ]);

  const header: DocumentError[] = [];
  for (const key of Object.keys(parsed))
    if (!HEADER_KEYS.includes(key)) header.push({ path: key, reason: 'champ inconnu' });
  const rawVersion = parsed.version;
  const version =
    typeof rawVersion === 'number' && Number.isSafeInteger(rawVersion) && rawVersion >= 1 ? rawVersion : 0;
  if (version === 0) header.push({ path: 'version', reason: 'numéro de version manquant ou invalide' });
  else if (version > PROJECT_VERSION) header.push({ path: 'version', reason: newerVersionMessage(version) });
  const createdAt = isIsoInstant(parsed.createdAt) ? parsed.createdAt : null;
  if (createdAt === null) header.push({ path: 'createdAt', reason: 'date ISO attendue' });
  const app = isApp(parsed.app) ? parsed.app : null;
  if (app === null) header.push({ path: 'app', reason: 'objet { name, version } attendu' });
  const sha256 =
    typeof parsed.sha256 === 'string' && /^[0-9a-f]{64}$/.test(parsed.sha256) ? parsed.sha256 : null;
  if (sha256 === null)
    header.push({
      path: 'sha256',
      reason: 'empreinte SHA-256 manquante ou mal formée (64 caractères hexadécimaux)',
    });
  if (!isPlainObject(parsed.payload)) header.push({ path: 'payload', reason: 'objet attendu' });
  const context = { version, createdAt, app };
  if (header.length > 0) return failure(header, context);

  let canonical: string;
  try {
    canonical = canonicalJson(parsed.payload);
  } catch (error) {
    if (error instanceof CodecError)
      return failure([{ path: 'payload', reason: error.detail.reason }], context);
    throw error;
  }
  if ((await sha256Hex(canonical)) !== sha256)
    return failure(
      [
        {
          path: 'sha256',
          reason: "le contenu ne correspond pas à l'empreinte SHA-256 : fichier modifié ou corrompu",
        },
      ],
      context,
    );

  let document: unknown;
  try {
    document = decodeStorable(parsed.payload);
  } catch (error) {
    if (error instanceof CodecError)
      return failure([{ path: payloadPath(error.detail.path), reason: error.detail.reason }], context);
    throw error;
  }
  if (isPlainObject(document) && document.schemaVersion !== version)
    return failure(
      [{ path: 'payload.schemaVersion', reason: `ne correspond pas à la version de l'en-tête (${version})` }],
      context,
    );
  const migrated = migrateDocument(document);
  if (!migrated.ok)
    return failure(
      migrated.errors.map((e) => ({ path: payloadPath(e.path), reason: e.reason })),
      context,
    );
  return {
    ok: true,
    workspace: migrated.workspace,
    version,
    migratedFrom: migrated.from < PROJECT_VERSION ? migrated.from : null,
    createdAt,
    app,
    errors: [],
  };
}

/** Parses and validates a project file (bytes or text). Never throws. */
export async function importProject(
  input: Uint8Array | ArrayBuffer | string,
  options: ImportOptions = {},
): Promise<ProjectImportResult> {
  try {
    return await read(input, options);
  } catch {
    return failure([{ path: '', reason: UNEXPECTED_ERROR }]);
  }
}

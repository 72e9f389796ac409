import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkFileSize } from '../../io/fileSize.ts';
import {
  countLayers,
  countSectionItems,
  type DocumentError,
  type Workspace,
} from '../../io/project/workspace.ts';
import { readProject } from '../../schema/project.ts';
import { parseArgs } from '../args.ts';
import { CliError } from '../errors.ts';

/** Public contract of `atlas project verify <file> --json` (docs/project-file.md). */
export interface ProjectVerifyOutput {
  ok: boolean;
  /** Format version written in the file (0 when unreadable); older versions are migrated and still ok. */
  version: number;
  /** Item count of each layer of the workspace (empty unless ok). */
  layers: Record<string, number>;
  /** `{ path, reason }`, reason in French; path '' = whole file, a header field, or `payload.<dotted path>`. */
  errors: DocumentError[];
}

const USAGE = 'Usage : atlas project verify <fichier> --json';

/**
 * Layers written by other tools, then the modules' sections the app writes (lights points, advice sessions…).
 * A key present in both is reported twice, as `layers.<key>` and `sections.<key>`, so neither count hides the other.
 */
function itemCounts(workspace: Workspace): Record<string, number> {
  const layers = countLayers(workspace);
  const sections = countSectionItems(workspace);
  const entries: [string, number][] = [];
  for (const [key, n] of Object.entries(layers))
    entries.push([Object.hasOwn(sections, key) ? `layers.${key}` : key, n]);
  for (const [key, n] of Object.entries(sections))
    entries.push([Object.hasOwn(layers, key) ? `sections.${key}` : key, n]);
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export async function verifyProjectFile(file: string): Promise<ProjectVerifyOutput> {
  const path = resolve(process.cwd(), file);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
  } catch {
    throw new CliError(`Fichier introuvable ou illisible : ${file}`);
  }
  // Checked before reading, so a huge file is refused without loading it into memory.
  const tooBig = checkFileSize(size);
  if (tooBig) return { ok: false, version: 0, layers: {}, errors: [{ path: '', reason: tooBig }] };
  const result = await readProject(readFileSync(path));
  return {
    ok: result.ok,
    version: result.version,
    layers: result.workspace ? itemCounts(result.workspace) : {},
    errors: result.errors,
  };
}

export async function run(args: string[]): Promise<ProjectVerifyOutput> {
  const { positional } = parseArgs(args);
  const [action, file, ...extra] = positional;
  if (action !== 'verify') throw new CliError(`Action inconnue : ${action ?? '(aucune)'}. ${USAGE}`, 2);
  if (!file || extra.length > 0) throw new CliError(`Indiquez un seul fichier. ${USAGE}`, 2);
  return verifyProjectFile(file);
}

/**
 * The reference data beside the repository (`../shared`: real files, read and never copied in). Tests that
 * need it skip — visibly — on a machine without it, instead of failing on a missing path:
 *
 *   const CSV = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');
 *   describe.skipIf(!hasShared(CSV))('…', () => { … });
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const SHARED_DIR = resolve(ROOT, '../shared');

/** Absolute path of a file under `../shared`. */
export function sharedPath(path: string): string {
  return resolve(SHARED_DIR, path);
}

const warned = new Set<string>();

/** True when every path exists; otherwise warns once per missing path, naming it, and returns false. */
export function hasShared(...paths: string[]): boolean {
  const missing = paths.filter((p) => !existsSync(p));
  for (const path of missing) {
    if (warned.has(path)) continue;
    warned.add(path);
    console.warn(
      `⚠ ${relative(ROOT, path)} absent : tests qui le lisent ignorés (placez le dossier shared à côté du dépôt).`,
    );
  }
  return missing.length === 0;
}

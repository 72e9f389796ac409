import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Built (derived, git-ignored) data the app fetches at /data/generated/… and the CLI reads from disk. */
export const GENERATED_DIR = resolve(ROOT, 'public/data/generated');
export const CACHE_DIR = resolve(ROOT, 'data/cache');
export const TERRITORY_CONFIG = resolve(ROOT, 'data/territory.config.json');
/** The built territory, committed so that a fresh clone runs offline (`npm run setup -- --refresh` rebuilds). */
export const TERRITORY_DATA_DIR = resolve(ROOT, 'data/territory');

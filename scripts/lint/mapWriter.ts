/**
 * One map writer: only src/map/sync.ts (MapSync, which applies the MapSpec built by the pure layer builders)
 * adds, removes or changes sources and layers on the MapLibre map. Any other file calling one of those
 * methods fails `npm run lint` (`tsx scripts/lint/mapWriter.ts`). MapView alone may set feature state (hover
 * and selection highlights of the commune it owns), which is not a source or layer.
 *
 * A textual scan, not a type check: it catches `map.addLayer(…)`, `source.setData(…)`, `map?.moveLayer(…)`
 * whatever the receiver's name. Comments are stripped first, so documentation may name the methods.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const WRITER = 'src/map/sync.ts';
const WRITES =
  /\??\.\s*(addLayer|addSource|removeLayer|removeSource|setData|updateData|setPaintProperty|setLayoutProperty|setFilter|moveLayer|setStyle|setLayerZoomRange|addImage|removeImage|setFeatureState|removeFeatureState)\s*\(/g;
/** Feature state is not a source or layer: the commune hover/selection owned by MapView. */
const FEATURE_STATE_OWNER = 'src/map/MapView.tsx';

export interface MapWrite {
  file: string;
  line: number;
  method: string;
}

/** Blanks comments (keeping line breaks) so that line numbers stay right. */
function stripComments(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, lead: string) => lead + ' '.repeat(m.length - lead.length));
}

/** The map writes in one file's source text (`file` relative to the repository, with `/`). */
export function mapWritesIn(file: string, source: string): MapWrite[] {
  if (file === WRITER) return [];
  const code = stripComments(source);
  const found: MapWrite[] = [];
  for (const match of code.matchAll(WRITES)) {
    const method = match[1]!;
    if (file === FEATURE_STATE_OWNER && /FeatureState$/.test(method)) continue;
    found.push({ file, line: code.slice(0, match.index).split('\n').length, method });
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|e2e)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every map write outside the writer in the app's code (src/, tests excepted: they drive mocks). */
export function mapWritesInRepo(root: string): MapWrite[] {
  return sourceFiles(resolve(root, 'src')).flatMap((path) =>
    mapWritesIn(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = mapWritesInRepo(resolve(import.meta.dirname, '../..'));
  for (const w of found)
    process.stderr.write(
      `${w.file}:${w.line}: map.${w.method}() outside ${WRITER} — build a MapSpec (src/map/layers) instead\n`,
    );
  if (found.length > 0) process.exit(1);
}

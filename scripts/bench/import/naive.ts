import Papa from 'papaparse';
import proj4 from 'proj4';
import type { CommuneCollection } from '../../../src/domain/territory/types.ts';
import { naiveLocate } from '../../../src/geo/naiveLocate.ts';
import { registerProj4Defs } from '../../../src/io/crs/index.ts';
import type { ReferenceResult } from './stages.ts';

registerProj4Defs(proj4);

/**
 * The obvious implementation the benchmark compares against: PapaParse with `header: true` (one object
 * per row), proj4 per point, and turf.booleanPointInPolygon over the communes in order (naiveLocate), with
 * no bounding-box test. Stages are timed separately (parse, reproject, join).
 */
export function naiveCountsByCommune(bytes: Uint8Array, communes: CommuneCollection): ReferenceResult {
  const t0 = performance.now();
  const text = new TextDecoder().decode(bytes);
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    delimiter: ';',
  });
  const t1 = performance.now();
  const toWgs84 = proj4('EPSG:2154', 'EPSG:4326');
  const points: [number, number][] = [];
  for (const row of parsed.data) {
    const x = Number.parseFloat((row.X ?? '').replace(',', '.'));
    const y = Number.parseFloat((row.Y ?? '').replace(',', '.'));
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    points.push(toWgs84.forward([x, y]) as [number, number]);
  }
  const t2 = performance.now();
  const counts: Record<string, number> = {};
  for (const [lon, lat] of points) {
    const k = naiveLocate(communes, lon, lat);
    if (k < 0) continue;
    const code = communes.features[k]!.properties.insee;
    counts[code] = (counts[code] ?? 0) + 1;
  }
  const t3 = performance.now();
  return {
    counts,
    rows: parsed.data.length,
    stages: { parseMs: t1 - t0, reprojectMs: t2 - t1, joinMs: t3 - t2 },
  };
}

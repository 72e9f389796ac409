import { placeByPopulation } from '../../../src/domain/sample/placement.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../../src/domain/territory/types.ts';
import { fromWgs84 } from '../../../src/io/crs/index.ts';
import { createRandom } from '../../../src/lib/random.ts';

/** Technologies with their share in an old street-lighting stock (rows average ~64 bytes). */
const TECHNOLOGIES: readonly (readonly [string, number])[] = [
  ['Sodium haute pression', 45],
  ['Iodure métallique', 15],
  ['Ballon fluorescent', 15],
  ['LED', 20],
  ['Fluocompacte', 5],
];
const POWERS = [35, 50, 70, 100, 150, 250];

export const BENCH_HEADER = 'id;insee;X;Y;puissance;techno';

/**
 * Seeded street-light CSV as French tools export it: `;`, decimal commas, Lambert-93 X/Y in metres with
 * centimetres, UTF-8. Points are placed inside the territory's communes, proportionally to population.
 */
export function generateLightsCsv(
  communes: CommuneCollection,
  centres: CommuneCentreCollection,
  rows: number,
  seed: number,
): Uint8Array {
  const random = createRandom(seed);
  const points = placeByPopulation(communes, centres, rows, random);
  // Shuffle so that a commune's points are spread through the file as in a real inventory.
  for (let i = points.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [points[i], points[j]] = [points[j]!, points[i]!];
  }
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [encoder.encode(`${BENCH_HEADER}\n`)];
  let lines: string[] = [];
  const flush = () => {
    chunks.push(encoder.encode(lines.join('')));
    lines = [];
  };
  points.forEach((p, i) => {
    const [x, y] = fromWgs84('EPSG:2154', p.lon, p.lat);
    const id = `EP-${p.insee}-${String(i + 1).padStart(7, '0')}`;
    const techno = random.weighted(TECHNOLOGIES);
    const power = random.pick(POWERS);
    lines.push(
      `${id};${p.insee};${x.toFixed(2).replace('.', ',')};${y.toFixed(2).replace('.', ',')};${power};${techno}\n`,
    );
    if (lines.length === 50_000) flush();
  });
  flush();
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

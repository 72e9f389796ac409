/**
 * Street-lighting benchmark on the generated ~25,000-point sample: building the derived table, filtering
 * (the UI target is < 100 ms per filter change), sorting by consumption, progress and a batch edit.
 * Run: `npx tsx scripts/bench/lights.ts` (after `npm run setup`). Prints medians in ms on stderr and a JSON
 * document on stdout.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lightsContext } from '../../src/domain/lights/context.ts';
import { applyEdit, undoEdit } from '../../src/domain/lights/edit.ts';
import { DEFAULT_LIGHTING_SETTINGS } from '../../src/domain/lights/energy.ts';
import {
  buildLightsTable,
  filterLights,
  rectangle,
  sortByConsumption,
} from '../../src/domain/lights/filter.ts';
import { computeProgress } from '../../src/domain/lights/progress.ts';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  TerritoryMeta,
} from '../../src/domain/territory/types.ts';
import { GENERATED_DIR } from '../lib/paths.ts';
import { generateLights, LIGHTS_SAMPLE } from '../samples/lights.ts';
import { medianRunMs } from './lib/timing.ts';

const median = (run: () => unknown, repeat = 30, warmup = 3) => medianRunMs(run, repeat, warmup);

export function benchLights(): Record<string, number> {
  const read = <T>(name: string) => JSON.parse(readFileSync(resolve(GENERATED_DIR, name), 'utf8')) as T;
  const communes = read<CommuneCollection>('communes.geojson');
  const centres = read<CommuneCentreCollection>('centres.geojson');
  const meta = read<TerritoryMeta>('territory.meta.json');
  const count = Math.round(meta.population * LIGHTS_SAMPLE.pointsPerInhabitant);
  const points = generateLights(communes, centres, {
    seed: LIGHTS_SAMPLE.seed,
    count,
    contractStart: meta.contract.start,
  });
  const context = lightsContext(communes);
  const settings = DEFAULT_LIGHTING_SETTINGS;
  const table = buildLightsTable(points, settings);
  const all = filterLights(table, {}, context);
  const boulogne = filterLights(table, { communes: ['62160'], statuses: ['toRenovate'] }, context);
  const selection = Array.from(boulogne.subarray(0, 200), (i) => points[i]!.id);
  const edited = applyEdit(points, selection, {
    kind: 'renovate',
    date: '2025-06-01',
    works: { technologyAfter: 'led', powerAfterW: 30 },
  });
  if (!edited.ok) throw new Error(edited.reason);
  return {
    points: points.length,
    buildTableMs: median(() => buildLightsTable(points, settings), 10),
    filterNoneMs: median(() => filterLights(table, {}, context)),
    filterCommuneStatusMs: median(() =>
      filterLights(table, { communes: ['62160'], statuses: ['toRenovate'] }, context),
    ),
    filterEverythingMs: median(() =>
      filterLights(
        table,
        {
          epci: ['246200729'],
          statuses: ['toRenovate', 'scheduled'],
          technologies: ['sodiumHighPressure', 'mercury'],
          powerMinW: 100,
          powerMaxW: 250,
          area: rectangle(1.55, 50.65, 1.7, 50.78),
        },
        context,
      ),
    ),
    sortAllMs: median(() => sortByConsumption(table, all)),
    progressMs: median(() => computeProgress(points, settings, meta.contract, context), 10),
    batchEdit200Ms: median(() =>
      applyEdit(points, selection, {
        kind: 'renovate',
        date: '2025-06-01',
        works: { technologyAfter: 'led', powerAfterW: 30 },
      }),
    ),
    undoMs: median(() => undoEdit(edited.points, edited.undo)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchLights();
  for (const [k, v] of Object.entries(result)) process.stderr.write(`${k}: ${v}\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

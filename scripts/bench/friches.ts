/**
 * Brownfield scoring benchmark on 1,000 seeded fictional sites over the real territory, with fictional
 * context layers (stations, flood zones, protected areas): computing every criterion once (context
 * indexes included) and re-ranking after a weight change (target ≤ 16 ms, one frame).
 * Run: `npx tsx scripts/bench/friches.ts` (after `npm run setup`). JSON on stdout, details on stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { circle } from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { prepareContext } from '../../src/domain/friches/context.ts';
import { computeCriteriaMatrix } from '../../src/domain/friches/matrix.ts';
import { PRESETS, type ScoringProfile } from '../../src/domain/friches/presets.ts';
import { rankSites } from '../../src/domain/friches/scoring.ts';
import { rankStability } from '../../src/domain/friches/stability.ts';
import type { AreaCollection, ContextLayers } from '../../src/domain/friches/types.ts';
import { placeByPopulation } from '../../src/domain/sample/placement.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { createRandom } from '../../src/lib/random.ts';
import { GENERATED_DIR } from '../lib/paths.ts';
import { FICTIONAL, generateFrichesSample } from '../samples/friches.ts';
import { benchClipping, type ClippingBench } from './clipping.ts';
import { medianRunMs } from './lib/timing.ts';

const SITES = 1_000;

const median = (run: () => unknown, repeat: number, warmup = 2) => medianRunMs(run, repeat, warmup);

export interface FrichesBench {
  rerank1000: { medianMs: number };
  /** 1,000 draws of weights and of every unknown value, over the 1,000 sites; `missingShare` of cells unknown. */
  stability1000: { medianMs: number; draws: number; missingShare: number };
  criteria1000: { medianMs: number };
  /** polygon-clipping vs turf's intersect/union on the sites' perimeters × flood zones and protected areas. */
  clipping: ClippingBench;
}

export function benchFriches(log: (m: string) => void = () => {}): FrichesBench {
  const read = <T>(name: string) => JSON.parse(readFileSync(resolve(GENERATED_DIR, name), 'utf8')) as T;
  const communes = read<CommuneCollection>('communes.geojson');
  const centres = read<CommuneCentreCollection>('centres.geojson');
  const sample = generateFrichesSample(communes, centres, { seed: 1_000, count: SITES });
  const random = createRandom(2_000);
  const protectedAreas: AreaCollection = {
    type: 'FeatureCollection',
    features: placeByPopulation(communes, centres, 40, random).map(
      (p): Feature<Polygon> => ({
        ...circle([p.lon, p.lat], 500 + random.next() * 1_500, { steps: 128, units: 'meters' }),
        properties: { exemple: FICTIONAL },
      }),
    ),
  };
  const layers: ContextLayers = {
    communes,
    communeCentres: centres,
    stations: sample.stations,
    floodZones: sample.floodZones,
    protectedAreas,
  };
  log(
    `${sample.sites.length} sites (${sample.sites.filter((s) => s.surface).length} avec périmètre), ` +
      `${sample.floodZones.features.length} zones inondables, ${protectedAreas.features.length} espaces protégés`,
  );

  let matrix = computeCriteriaMatrix(sample.sites, prepareContext(layers));
  const criteriaMs = median(
    () => {
      matrix = computeCriteriaMatrix(sample.sites, prepareContext(layers));
    },
    5,
    1,
  );

  // A weight change: alternate two profiles so that nothing can be cached between runs.
  const profiles: ScoringProfile[] = [PRESETS.habitat.profile, PRESETS.renaturation.profile];
  let k = 0;
  const rerankMs = median(() => rankSites(matrix, profiles[k++ % 2]!), 101, 10);
  const stabilityMs = median(() => rankStability(matrix, profiles[k++ % 2]!, { draws: 1_000 }), 7, 1);
  let missing = 0;
  for (const v of matrix.normalised) if (Number.isNaN(v)) missing++;
  const missingShare = Math.round((missing / matrix.normalised.length) * 1000) / 1000;
  log(
    `critères : ${criteriaMs} ms ; reclassement : ${rerankMs} ms ; stabilité (1 000 tirages, valeurs ` +
      `manquantes tirées : ${Math.round(missingShare * 100)} % des cellules) : ${stabilityMs} ms`,
  );
  const surfaces = sample.sites.flatMap((site) => (site.surface ? [site.surface] : []));
  const overlays = [...sample.floodZones.features, ...protectedAreas.features].map((f) => f.geometry);
  const clippingBench = benchClipping(surfaces, overlays, log);
  return {
    clipping: clippingBench,
    rerank1000: { medianMs: rerankMs },
    stability1000: { medianMs: stabilityMs, draws: 1_000, missingShare },
    criteria1000: { medianMs: criteriaMs },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchFriches((m) => process.stderr.write(`${m}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * What the friches UI does on the main thread when a weight slider moves, for 1,000 seeded fictional sites:
 * ranking (rankSites), table rows, map points and the perimeter colour expression, default shortlist — no
 * geometry is computed. Target: well under 16 ms (one frame). The 1,000-draw rank stability is measured
 * apart: above 200 sites the UI runs it 250 ms after the slider rests, not on every move.
 * Run: `npx tsx scripts/bench/frichesUi.ts` (after `npm run setup`). JSON on stdout, details on stderr.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prepareContext } from '../../src/domain/friches/context.ts';
import { computeCriteriaMatrix } from '../../src/domain/friches/matrix.ts';
import { PRESETS, type ScoringProfile } from '../../src/domain/friches/presets.ts';
import { rankSites } from '../../src/domain/friches/scoring.ts';
import { defaultShortlist } from '../../src/domain/friches/shortlist.ts';
import { rankStability } from '../../src/domain/friches/stability.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { frichePoints, surfaceColourExpression } from '../../src/map/layers/friches.ts';
import { buildRows } from '../../src/ui/friches/rows.ts';
import { GENERATED_DIR } from '../lib/paths.ts';
import { generateFrichesSample } from '../samples/friches.ts';
import { medianRunMs } from './lib/timing.ts';

const SITES = 1_000;

const median = (run: () => unknown, repeat: number, warmup = 5) => medianRunMs(run, repeat, warmup);

export function benchFrichesUi(log: (m: string) => void = () => {}) {
  const read = <T>(name: string) => JSON.parse(readFileSync(resolve(GENERATED_DIR, name), 'utf8')) as T;
  const communes = read<CommuneCollection>('communes.geojson');
  const centres = read<CommuneCentreCollection>('centres.geojson');
  const { sites, stations, floodZones } = generateFrichesSample(communes, centres, {
    seed: 1_000,
    count: SITES,
  });
  const matrix = computeCriteriaMatrix(
    sites,
    prepareContext({ communes, communeCentres: centres, stations, floodZones }),
  );
  const profiles: ScoringProfile[] = [PRESETS.habitat.profile, PRESETS.renaturation.profile];
  let k = 0;
  const weightChange = () => {
    const ranking = rankSites(matrix, profiles[k++ % 2]!);
    const rows = buildRows(sites, matrix, ranking, null);
    const scoreOf = (i: number) => ({
      score: Number.isNaN(ranking.score[i]!) ? null : ranking.score[i]!,
      rank: ranking.rank[i]! || null,
    });
    const shortlist = new Set(defaultShortlist(matrix, ranking));
    return [rows, frichePoints(sites, scoreOf, shortlist), surfaceColourExpression(sites, scoreOf)];
  };
  const weightChangeMs = median(weightChange, 101);
  const stabilityMs = median(() => rankStability(matrix, profiles[k++ % 2]!), 5, 1);
  log(
    `${SITES} sites : déplacement d’un curseur ${weightChangeMs} ms ; stabilité (différée) ${stabilityMs} ms`,
  );
  return { uiWeightChange1000: { medianMs: weightChangeMs }, stability1000: { medianMs: stabilityMs } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = benchFrichesUi((m) => process.stderr.write(`${m}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * `npm run setup`: everything the app needs before it starts, idempotent. `--force` rebuilds the generated
 * files; `--refresh` also rebuilds the committed territory (data/territory/) from COMMUNES_SOURCE or the API.
 */
import { buildTerritoryData } from './build-territory.ts';
import { writeAdviceSample } from './samples/advice.ts';
import { writeFrichesSample } from './samples/friches.ts';
import { writeLightsSample } from './samples/lights.ts';

const force = process.argv.includes('--force');
const refresh = process.argv.includes('--refresh');

try {
  await buildTerritoryData({ force, refresh });
  await writeAdviceSample();
  await writeFrichesSample();
  await writeLightsSample();
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\n`);
  process.exit(1);
}

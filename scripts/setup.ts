/** `npm run setup`: everything the app needs before it starts, idempotent. `--force` rebuilds. */
import { buildTerritoryData } from './build-territory.ts';
import { writeAdviceSample } from './samples/advice.ts';
import { writeFrichesSample } from './samples/friches.ts';
import { writeLightsSample } from './samples/lights.ts';

const force = process.argv.includes('--force');

try {
  await buildTerritoryData({ force });
  await writeAdviceSample();
  await writeFrichesSample();
  await writeLightsSample();
} catch (error) {
  process.stderr.write(`\n${(error as Error).message}\n`);
  process.exit(1);
}

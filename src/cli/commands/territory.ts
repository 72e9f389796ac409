import { summarizeTerritory } from '../../domain/territory/summary.ts';
import { loadTerritory } from '../territoryData.ts';

export async function run(): Promise<unknown> {
  const { meta, communes } = loadTerritory();
  return summarizeTerritory(meta.name, communes, meta.epci, meta.source);
}

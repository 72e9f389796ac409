/**
 * Where the dashboard finds each module's data. Lighting and advice live in their slices; the friches
 * module has no slice yet, so its dataset reads as not loaded (« Données non chargées ») until it does.
 */
import type { BrownfieldsInput } from '../../domain/indicators/types.ts';
import type { DataSource } from '../../state/persist.ts';
import { ensureAdviceSample } from '../advice/importAdvice.ts';
import { ensureLightsSample } from '../lights/loadLights.ts';

export interface BrownfieldsState {
  input: BrownfieldsInput | null;
  source: DataSource | null;
}

const NONE: BrownfieldsState = { input: null, source: null };

export function useBrownfieldsInput(): BrownfieldsState {
  return NONE;
}

/**
 * Loads each module's sample when that module has nothing (the rule every module follows on its own
 * screen), so a dashboard opened first is not empty. Failures are reported per module, not thrown.
 */
export async function ensureModuleSamples(): Promise<string[]> {
  const results = await Promise.allSettled([ensureLightsSample(), ensureAdviceSample()]);
  const names = ['Éclairage public', 'Conseils énergie'];
  return results.flatMap((r, i) =>
    r.status === 'rejected'
      ? [`${names[i]} : ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`]
      : [],
  );
}

/**
 * Advice files into sessions, for the sample and for advisers' exports alike: the import engine
 * (`runImport`, kind 'advice') then the advice mapping — the same code path as `atlas advice`.
 */
import { localToday } from '../../domain/advice/dates.ts';
import { type AdviceMappingResult, mapAdviceImport } from '../../domain/advice/mapping.ts';
import type { ImportResult } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';
import { pseudonymKey } from '../../storage/pseudonymKey.ts';
import { fetchGenerated, type RunImportControls, runImport } from '../data/importService.ts';
import { fetchSampleMeta, sampleLoader } from '../data/sample.ts';
import { type ModuleOutcome, splitFileErrors } from '../import/outcome.ts';
import { territoryRefs } from './derived.ts';

export const SAMPLE_FILE = 'sample-advice.csv';

interface AdviceImportOptions {
  rejectFuture: boolean;
  keepPersonalColumns?: boolean;
  /** Prefix of the ids made up for a file without an identifier column. */
  idPrefix?: string;
}

function mapAdvice(result: ImportResult, options: AdviceImportOptions): AdviceMappingResult {
  const { territory } = useAppStore.getState();
  if (!territory) throw new Error('Le territoire n’est pas encore chargé.');
  return mapAdviceImport(result, {
    communes: territoryRefs(territory).communes,
    pseudonymKey: pseudonymKey(),
    keepPersonalColumns: options.keepPersonalColumns === true,
    ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
    ...(options.rejectFuture ? { asOf: localToday() } : {}),
  });
}

export async function importAdviceFile(
  bytes: Uint8Array,
  fileName: string,
  options: AdviceImportOptions,
  controls: RunImportControls = {},
): Promise<AdviceMappingResult> {
  const { territory } = useAppStore.getState();
  if (!territory) throw new Error('Le territoire n’est pas encore chargé.');
  const result = await runImport(bytes, territory.communes, { kind: 'advice', fileName }, controls);
  return mapAdvice(result, options);
}

/** Sessions typed in the app (no source row) are real work even on top of the sample. */
export function adviceWorkAtStake(): number {
  const { adviceSessions, adviceSource } = useAppStore.getState();
  const keepsWork =
    adviceSessions.some((s) => s.sourceRow === undefined) ||
    (adviceSource?.kind !== 'sample' && adviceSessions.length > 0);
  return keepsWork ? adviceSessions.length : 0;
}

/** The advice mapping as the import dialog reports it; the RGPD message is raised as an alert. */
export function adviceImportOutcome(
  result: ImportResult,
  options: AdviceImportOptions,
): ModuleOutcome<AdviceMappingResult> {
  // A file without identifiers gets ids of its own import (« Ajouter » twice must not merge row 3 with row 3).
  const report = mapAdvice(result, { idPrefix: `import-${Date.now().toString(36)}-`, ...options });
  const { fatal, rows } = splitFileErrors(report.errors);
  const privacy =
    report.personalColumns.length > 0 ? report.warnings.find((w) => w.includes('RGPD')) : undefined;
  const atStake = adviceWorkAtStake();
  return {
    value: report,
    accepted: report.sessions.length,
    errors: rows,
    // Sessions of communes outside the territory are rejected by the mapping, with their reason.
    outsideTerritory: 0,
    warnings: report.warnings.filter((w) => w !== privacy),
    alerts: privacy ? [privacy] : [],
    fatal: fatal ?? (report.ok ? null : 'Fichier inutilisable comme liste de conseils.'),
    unit: ['conseil retenu', 'conseils retenus'],
    notice:
      atStake > 0
        ? `Valider remplace les ${atStake.toLocaleString('fr-FR')} conseils actuels par ceux du fichier : pensez à exporter les données actuelles avant.`
        : 'Valider remplace les données actuelles par ces conseils.',
  };
}

/**
 * Loads the generated sample when the module has no data at all (nothing imported, typed or restored),
 * once the saved workspace has been restored (the rules of `sampleLoader`: one load for every caller, never
 * over data that arrived meanwhile).
 */
export const ensureAdviceSample = sampleLoader({
  isEmpty: (s) => !s.adviceSource && s.adviceSessions.length === 0,
  load: async () => {
    const [bytes, meta] = await Promise.all([
      fetchGenerated(SAMPLE_FILE),
      fetchSampleMeta<{ seed: number }>('sample-advice.meta.json'),
    ]);
    // The sample is generated up to a fixed reference date: none of its rows may be rejected as "future".
    const mapped = await importAdviceFile(bytes, SAMPLE_FILE, { rejectFuture: false });
    if (!mapped.ok) throw new Error(mapped.errors[0]?.reason ?? 'Jeu d’exemple illisible.');
    return { sessions: mapped.sessions, meta };
  },
  apply: ({ sessions, meta }, now) =>
    now.replaceAdviceSessions(sessions, {
      kind: 'sample',
      label: "Données d'exemple",
      ...(typeof meta.seed === 'number' ? { seed: meta.seed } : {}),
    }),
});

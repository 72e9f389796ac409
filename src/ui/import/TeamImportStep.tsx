import { useCallback, useState } from 'react';
import { plural } from '../../domain/choropleth/format.ts';
import type { ImportMode } from '../../domain/importModes.ts';
import type { ImportModule } from '../../state/importHistorySlice.ts';
import { useAppStore } from '../../state/store.ts';
import { syncNow } from '../../state/teamSync.ts';
import { SYNC_ADAPTERS } from '../../state/teamSyncModules.ts';
import { postTeamImport, type TeamImportKind, type TeamImportOutcome } from '../../storage/teamImport.ts';
import { useTeamReadOnly } from '../team/permissions.ts';
import { RowTable } from './RowTable.tsx';

const SERVER_KINDS: readonly string[] = ['lights', 'friches', 'advice'] satisfies TeamImportKind[];

/**
 * The module whose « Valider l'import » goes to the team server: team mode, a module the server imports and
 * the sync engine shares (so the imported records come back through its cursor). Otherwise null and the
 * import stays in the browser as in standalone mode (e.g. context layers, or a module not shared yet).
 */
export function useServerImportKind(module: ImportModule | undefined): TeamImportKind | null {
  const team = useAppStore((s) => s.teamMode === 'team' && s.teamUser !== null);
  if (!team || !module || !SERVER_KINDS.includes(module)) return null;
  return SYNC_ADAPTERS.some((a) => a.module === module) ? (module as TeamImportKind) : null;
}

/**
 * False when the module's imports go to the server and the user's role may not write it: the import button is
 * not offered (the server refuses it anyway). A module not shared yet keeps its browser-only import.
 */
export function useImportOffered(module: TeamImportKind): boolean {
  const readOnly = useTeamReadOnly(module);
  return !(useServerImportKind(module) && readOnly);
}

export type TeamImportState = { phase: 'sending' } | { phase: 'done'; outcome: TeamImportOutcome };

/** Sends the file with the chosen mode; on success the module re-syncs from its cursor at once. */
export function useTeamImport() {
  const [state, setState] = useState<TeamImportState | null>(null);
  const send = useCallback(
    async (file: File, options: { kind: TeamImportKind; mode: ImportMode; crs: string }) => {
      setState({ phase: 'sending' });
      let outcome: TeamImportOutcome;
      try {
        outcome = await postTeamImport(await file.arrayBuffer(), { ...options, name: file.name });
      } catch (error) {
        // The file could not be read again (moved or deleted since it was chosen).
        outcome = {
          kind: 'refused',
          status: 0,
          message: `Fichier illisible : ${error instanceof Error ? error.message : String(error)}`,
          report: null,
        };
      }
      if (outcome.kind === 'expired') useAppStore.getState().setSessionExpired(true);
      if (outcome.kind === 'ok') void syncNow();
      setState({ phase: 'done', outcome });
    },
    [],
  );
  return { state, send, reset: useCallback(() => setState(null), []) };
}

/** The server's report, in French: what was written, the rejected rows with their reasons, or why nothing was. */
export function TeamImportResult({ state }: { state: TeamImportState }) {
  if (state.phase === 'sending')
    return (
      <p className="import-step" aria-live="polite" data-testid="team-import-sending">
        Envoi du fichier au serveur de l’équipe…
      </p>
    );
  const { outcome } = state;
  if (outcome.kind === 'offline' || outcome.kind === 'expired')
    return (
      <div className="import-step">
        <p role="alert" className="import-error" data-testid="team-import-failed">
          {outcome.message}
        </p>
      </div>
    );
  const report = outcome.report;
  const rejected = report?.errors ?? [];
  return (
    <div className="import-step" data-testid="team-import-result" data-outcome={outcome.kind}>
      {outcome.kind === 'refused' ? (
        <p role="alert" className="import-error" data-testid="team-import-refused">
          Import refusé par le serveur : {outcome.message} Rien n’a été importé.
        </p>
      ) : (
        <>
          <p className="import-info" role="status" data-testid="team-import-done">
            Import enregistré sur le serveur et partagé avec l’équipe :{' '}
            {plural(outcome.report.accepted, 'ligne acceptée', 'lignes acceptées')}.
          </p>
          <ul className="import-counts" aria-label="Bilan de l’import sur le serveur">
            <li data-testid="team-import-inserted">{plural(outcome.applied.inserted, 'ajout', 'ajouts')}</li>
            <li>{plural(outcome.applied.updated, 'mise à jour', 'mises à jour')}</li>
            {outcome.applied.deleted > 0 ? (
              <li>{plural(outcome.applied.deleted, 'retrait', 'retraits')} (absents du fichier)</li>
            ) : null}
            {outcome.applied.skipped > 0 ? (
              <li>
                {plural(
                  outcome.applied.skipped,
                  'ligne déjà présente, laissée telle quelle',
                  'lignes déjà présentes, laissées telles quelles',
                )}
              </li>
            ) : null}
          </ul>
          {outcome.applied.droppedColumns.length > 0 ? (
            <p className="import-muted import-small">
              Colonnes personnelles non enregistrées par le serveur :{' '}
              {outcome.applied.droppedColumns.join(', ')}.
            </p>
          ) : null}
        </>
      )}
      {report ? (
        <p className="import-muted import-small" data-testid="team-import-rows">
          {plural(report.rows, 'ligne lue', 'lignes lues')},{' '}
          {plural(rejected.length, 'ligne rejetée', 'lignes rejetées')}
          {report.outsideTerritory > 0
            ? `, ${plural(report.outsideTerritory, 'ligne hors du territoire', 'lignes hors du territoire')}`
            : ''}
          .
        </p>
      ) : null}
      <RowTable caption="Lignes rejetées par le serveur" rows={rejected} testId="team-import-rejected" />
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import type { SyncModule } from '../../storage/syncClient.ts';
import { useLive } from './LiveStatus.tsx';
import { describeEntry, fetchHistory, type HistoryEntry } from './teamViewsClient.ts';
import './team.css';

/**
 * A record's recent history in its sheet (team mode only; nothing in standalone, where there is no author):
 * who changed what and when, newest first. Read again after each live change, so the sheet open on a point an
 * editor just renovated shows that change too.
 */
export function RecordHistory({ module, id }: { module: SyncModule; id: string }) {
  const team = useAppStore((s) => s.teamMode === 'team' && s.teamUser !== null);
  const lastChange = useLive((s) => s.lastChangeAt);
  const [state, setState] = useState<{ entries: HistoryEntry[] } | { error: string } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when a remote change arrives.
  useEffect(() => {
    if (!team) return;
    let cancelled = false;
    void fetchHistory(module, id).then((out) => {
      if (!cancelled) setState(out.ok ? { entries: out.items } : { error: out.message });
    });
    return () => {
      cancelled = true;
    };
  }, [team, module, id, lastChange]);
  if (!team) return null;
  return (
    <section className="team-history" aria-label={`Historique de ${id}`} data-testid="record-history">
      <h4>Historique récent</h4>
      {state === null ? (
        <p className="muted">Chargement de l’historique…</p>
      ) : 'error' in state ? (
        <p className="muted">{state.error}</p>
      ) : state.entries.length === 0 ? (
        <p className="muted">Aucune modification enregistrée.</p>
      ) : (
        <ol>
          {state.entries.map((e) => (
            <li key={`${e.at}-${e.version ?? ''}-${e.action}`}>{describeEntry(e)}</li>
          ))}
        </ol>
      )}
    </section>
  );
}

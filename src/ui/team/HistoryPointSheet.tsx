import { pointCommuneLabel, STATUS_LABELS, TECHNOLOGY_LABELS } from '../../domain/lights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { useLightsContext } from '../lights/derived.ts';
import { RecordHistory } from './HistoryList.tsx';

/**
 * Team mode: the sheet of the one selected light point — what it is now and who changed it (its history from
 * the server). Standalone mode has no authors, so nothing is shown there.
 */
export function HistoryPointSheet() {
  const team = useAppStore((s) => s.teamMode === 'team' && s.teamUser !== null);
  const id = useAppStore((s) => (s.lightsSelection.length === 1 ? s.lightsSelection[0]! : null));
  const point = useAppStore((s) => (id ? s.lightPoints.find((p) => p.id === id) : undefined));
  const context = useLightsContext();
  if (!team || !point) return null;
  return (
    <section className="panel" aria-labelledby="light-sheet-title" data-testid="light-sheet">
      <h3 id="light-sheet-title">Fiche du point {point.id}</h3>
      <p className="muted lights-small">
        {pointCommuneLabel(point, context.communeName)}
        {point.address ? ` · ${point.address}` : ''} · {TECHNOLOGY_LABELS[point.technologyBefore]}{' '}
        {formatInt(point.powerBeforeW)} W · {STATUS_LABELS[point.status]}
      </p>
      <RecordHistory module="lights" id={point.id} />
    </section>
  );
}

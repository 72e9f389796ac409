import { useMemo, useState } from 'react';
import {
  pointCommuneLabel,
  STATUS_LABELS,
  TECHNOLOGIES,
  TECHNOLOGY_LABELS,
} from '../../domain/lights/index.ts';
import { flyToPoint } from '../../map/camera.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { topOf, useLightsContext, useLightsTable } from './derived.ts';

export const PAGE_SIZE = 200;

/** The matching points, biggest consumption first (the biggest savings when renovated), paginated. */
export function PointList({ filtered }: { filtered: Uint32Array }) {
  const table = useLightsTable();
  const context = useLightsContext();
  const selection = useAppStore((s) => s.lightsSelection);
  const setSelection = useAppStore((s) => s.setLightsSelection);
  // Back to the first page whenever the filter result changes (a long list re-rendered on each keystroke).
  const [page, setPage] = useState({ filtered, limit: PAGE_SIZE });
  const limit = page.filtered === filtered ? page.limit : PAGE_SIZE;
  const shown = topOf(table, filtered, limit);
  const selected = useMemo(() => new Set(selection), [selection]);

  return (
    <section className="panel" aria-labelledby="lights-list-title">
      <h3 id="lights-list-title">Points par consommation annuelle</h3>
      <p className="muted lights-small">
        Les plus gros consommateurs d’abord : ce sont les plus grandes économies possibles. Cliquez sur un
        point pour le centrer sur la carte ; cochez-le pour l’ajouter à la sélection.
      </p>
      <ol className="lights-list" data-testid="lights-list">
        {Array.from(shown, (i) => {
          const p = table.points[i]!;
          const technology = TECHNOLOGIES[table.currentTechnology[i]!] ?? 'other';
          return (
            <li key={p.id} className={p.outsideTerritory ? 'lights-list--outside' : undefined}>
              <input
                type="checkbox"
                aria-label={`Sélectionner ${p.id}`}
                checked={selected.has(p.id)}
                onChange={(e) =>
                  setSelection(
                    e.target.checked ? [...selection, p.id] : selection.filter((id) => id !== p.id),
                  )
                }
              />
              <button type="button" className="lights-list__item" onClick={() => flyToPoint(p.lon, p.lat)}>
                <span className="lights-list__main">
                  {p.id}
                  {p.generatedId ? ' (identifiant généré)' : ''} — {pointCommuneLabel(p, context.communeName)}
                </span>
                <span className="muted">
                  {TECHNOLOGY_LABELS[technology]} {formatInt(table.currentPowerW[i]!)} W ·{' '}
                  {formatInt(table.currentKwh[i]!)} kWh/an · {STATUS_LABELS[p.status]}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      {filtered.length === 0 ? <p className="muted">Aucun point ne correspond aux filtres.</p> : null}
      {filtered.length > limit ? (
        <button type="button" onClick={() => setPage({ filtered, limit: limit + PAGE_SIZE })}>
          Afficher plus ({formatInt(Math.min(PAGE_SIZE, filtered.length - limit))} suivants sur{' '}
          {formatInt(filtered.length - limit)} restants)
        </button>
      ) : null}
    </section>
  );
}

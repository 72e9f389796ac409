import { useState } from 'react';
import { plural } from '../../domain/choropleth/format.ts';
import { SHORTLIST_SIZE } from '../../domain/friches/index.ts';
import { agree } from '../../lib/plural.ts';
import { useMapInstance } from '../../map/mapInstance.ts';
import { frichesShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { exportSites } from './exportFriches.ts';
import { formatPercent, formatScore } from './format.ts';
import { printShortlist } from './printSheets.tsx';
import { flyToSite } from './RankingTable.tsx';
import type { FrichesView } from './useFrichesAnalysis.ts';

/**
 * « Liste restreinte (5) »: the pinned sites with their notes and the French warnings of the review (unstable,
 * unreliable, unjustified, not exactly 5) — or, while nothing is pinned, the automatic proposal (top 5).
 */
export function ShortlistBox({ view }: { view: FrichesView }) {
  const pins = useAppStore((s) => s.frichesPins);
  const source = useAppStore(frichesShownSource);
  const context = useAppStore((s) => s.frichesContext);
  const pin = useAppStore((s) => s.pinFriche);
  const select = useAppStore((s) => s.selectFriche);
  const map = useMapInstance();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { review } = view;
  const entries = view.shortlist.map((id) => ({
    id,
    row: view.rowById.get(id),
    note: pins.find((p) => p.siteId === id)?.note ?? null,
    warnings: review?.entries.find((e) => e.siteId === id)?.warnings ?? [],
  }));
  const listWarnings = review
    ? review.warnings.filter((w) => !entries.some((e) => e.warnings.includes(w)))
    : [];
  const shortlistedSites = entries.flatMap((e) => (e.row ? [e.row.site] : []));

  const print = async () => {
    if (!map) return;
    setError(null);
    setBusy('Préparation des fiches…');
    try {
      await printShortlist(map, view, pins, { source, context, onStep: setBusy });
    } catch (e) {
      setError(`Impression impossible : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section
      className="friches-shortlist"
      aria-labelledby="friches-shortlist-title"
      data-testid="friches-shortlist"
    >
      <h3 id="friches-shortlist-title">
        Liste restreinte ({SHORTLIST_SIZE}){' '}
        <span className="muted">
          {pins.length === 0
            ? 'proposition : 5 premiers du classement'
            : pins.length === 1
              ? '1 site retenu'
              : `${pins.length} sites retenus`}
        </span>
      </h3>
      <ol className="shortlist-entries">
        {entries.map((e) => (
          <li key={e.id} data-testid="friches-shortlist-entry" data-site-id={e.id}>
            <button
              type="button"
              className="link"
              onClick={() => {
                select(e.id);
                flyToSite(view, e.id);
              }}
            >
              {e.row?.site.name ?? e.id}
            </button>{' '}
            <span className="muted">
              rang {e.row?.rank ?? '—'} · score {formatScore(e.row?.score ?? null)} · fiabilité{' '}
              {formatPercent(e.row?.reliability ?? null)} · top 5 : {formatPercent(e.row?.top5 ?? null)}
            </span>
            {e.note ? <p className="note">« {e.note} »</p> : null}
            {e.warnings.length > 0 ? (
              <ul className="warnings">
                {e.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
      {listWarnings.length > 0 ? (
        <ul className="warnings" data-testid="friches-shortlist-warnings">
          {listWarnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {review?.ready ? (
        <p className="success" role="status" data-testid="friches-shortlist-ready">
          Liste prête : {SHORTLIST_SIZE} sites retenus et justifiés, aucun avertissement.
        </p>
      ) : null}
      {review && !view.stability ? (
        <p className="muted">Stabilité du classement en cours de calcul…</p>
      ) : null}
      <div className="toolbar">
        {pins.length === 0 && view.shortlist.length > 0 ? (
          <button
            type="button"
            data-testid="friches-shortlist-pin-all"
            onClick={() => {
              for (const id of view.shortlist) pin(id, '');
            }}
          >
            Retenir {agree(view.shortlist.length, 'ce site', `ces ${plural(view.shortlist.length, 'site')}`)}
          </button>
        ) : null}
        <button type="button" disabled={!map || busy !== null || entries.length === 0} onClick={print}>
          Imprimer les fiches
        </button>
        <button
          type="button"
          disabled={shortlistedSites.length === 0}
          onClick={() => exportSites('csv', shortlistedSites, view, pins, 'liste-restreinte-friches')}
        >
          Liste (CSV CNIG)
        </button>
        <button
          type="button"
          disabled={shortlistedSites.length === 0}
          onClick={() => exportSites('geojson', shortlistedSites, view, pins, 'liste-restreinte-friches')}
        >
          Liste (GeoJSON)
        </button>
        <button
          type="button"
          disabled={shortlistedSites.length === 0}
          onClick={() => exportSites('gpkg', shortlistedSites, view, pins, 'liste-restreinte-friches')}
        >
          Liste (GeoPackage)
        </button>
      </div>
      <p role="status" className="muted">
        {busy}
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
    </section>
  );
}

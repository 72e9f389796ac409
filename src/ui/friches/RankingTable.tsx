import { useEffect, useRef, useState } from 'react';
import { UNRELIABLE_BELOW } from '../../domain/friches/index.ts';
import { flyToPoint } from '../../map/camera.ts';
import { scoreColour } from '../../map/layers/friches.ts';
import { useAppStore } from '../../state/store.ts';
import { formatPercent, formatScore } from './format.ts';
import type { FrichesView } from './useFrichesAnalysis.ts';

/** Rows rendered at first: a slider move must re-render the table within a frame, even for 1,000 sites. */
export const ROWS_SHOWN = 100;

/** Zoom at which a chosen site is shown: its perimeter and surroundings fit on screen. */
export const SITE_ZOOM = 15;

export function flyToSite(view: FrichesView, siteId: string): void {
  const site = view.rowById.get(siteId)?.site;
  if (!site) return;
  const [lon, lat] = site.point.coordinates as [number, number];
  flyToPoint(lon, lat, SITE_ZOOM);
}

/** Ranked table synchronised with the map: hover highlights the site, click flies to it and opens its sheet. */
export function RankingTable({ view }: { view: FrichesView }) {
  const selected = useAppStore((s) => s.frichesSelected);
  const hovered = useAppStore((s) => s.frichesHovered);
  const select = useAppStore((s) => s.selectFriche);
  const hover = useAppStore((s) => s.hoverFriche);
  const pins = useAppStore((s) => s.frichesPins);
  const pinned = new Set(pins.map((p) => p.siteId));
  const rowRefs = useRef(new Map<string, HTMLTableRowElement>());
  const [limit, setLimit] = useState(ROWS_SHOWN);
  // A site chosen on the map further down the list is always shown.
  const selectedAt = selected ? view.rows.findIndex((r) => r.site.id === selected) : -1;
  const shown = view.rows.slice(0, Math.max(limit, selectedAt + 1));

  // A site chosen on the map: bring its row into view (without moving the page).
  useEffect(() => {
    if (selected) rowRefs.current.get(selected)?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  const choose = (id: string) => {
    select(id);
    flyToSite(view, id);
  };

  return (
    <div className="friches-table-wrap" data-testid="friches-ranking">
      <table className="friches-table">
        <caption className="sr-only">Classement des sites par score de reconversion</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Site</th>
            <th scope="col">Commune</th>
            <th scope="col" title="Score pondéré de 0 à 1">
              Score
            </th>
            <th scope="col" title="Part du poids des critères renseignés pour ce site">
              Fiabilité
            </th>
            <th
              scope="col"
              title="Part des 1 000 tirages de pondérations (±25 %) où le site est dans les 5 premiers"
            >
              Proba. top 5
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const id = row.site.id;
            const classes = [
              id === selected ? 'selected' : '',
              id === hovered ? 'hovered' : '',
              pinned.has(id) ? 'pinned' : '',
            ].join(' ');
            return (
              <tr
                key={id}
                ref={(el) => {
                  if (el) rowRefs.current.set(id, el);
                  else rowRefs.current.delete(id);
                }}
                className={classes.trim()}
                aria-selected={id === selected}
                data-site-id={id}
                onMouseEnter={() => hover(id)}
                onMouseLeave={() => hover(null)}
                onClick={() => choose(id)}
              >
                <td className="num">{row.rank ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="link site-name"
                    onClick={(e) => {
                      e.stopPropagation();
                      choose(id);
                    }}
                  >
                    {row.site.name}
                  </button>
                  {pinned.has(id) ? (
                    <span className="pin-tag" title="Retenu dans la liste restreinte">
                      retenu
                    </span>
                  ) : null}
                </td>
                <td>{row.site.communeName ?? row.site.insee ?? '—'}</td>
                <td className="num">
                  <span
                    className="swatch round"
                    style={{ background: scoreColour(row.rank ? row.score : null) }}
                    aria-hidden="true"
                  />{' '}
                  {row.exclusion ? <span title={row.exclusion}>hors cl.</span> : formatScore(row.score)}
                </td>
                <td className={`num ${row.reliability < UNRELIABLE_BELOW ? 'low' : ''}`}>
                  {formatPercent(row.reliability)}
                </td>
                <td className="num">{formatPercent(row.top5)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length < view.rows.length ? (
        <button type="button" className="link more-rows" onClick={() => setLimit(limit + ROWS_SHOWN)}>
          Afficher {Math.min(ROWS_SHOWN, view.rows.length - shown.length)} site(s) de plus (
          {view.rows.length - shown.length} non affiché(s))
        </button>
      ) : null}
    </div>
  );
}

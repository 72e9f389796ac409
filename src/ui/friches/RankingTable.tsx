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

/** Search key: case, accents and apostrophes ignored (« Saint-Leonard » finds « Saint-Léonard »). */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase();
}

/** The interval [scoreMin, scoreMax] with a tick at the ranking score: how much the unknown could move it. */
export function ScoreInterval({
  min,
  max,
  score,
}: {
  min: number | null;
  max: number | null;
  score: number | null;
}) {
  if (min === null || max === null || score === null) return null;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return (
    <span
      className="score-interval"
      role="img"
      aria-label={`score entre ${formatScore(min)} et ${formatScore(max)} selon les critères non renseignés`}
      title={`Entre ${formatScore(min)} (critères non renseignés au pire) et ${formatScore(max)} (au mieux)`}
    >
      <span
        className="score-interval-range"
        style={{ left: pct(min), width: pct(Math.max(0.01, max - min)) }}
      />
      <span className="score-interval-tick" style={{ left: pct(score) }} />
    </span>
  );
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
  const showOutside = useAppStore((s) => s.frichesShowOutside);
  const [limit, setLimit] = useState(ROWS_SHOWN);
  const [query, setQuery] = useState('');
  const key = searchKey(query.trim());
  const rows = view.rows.filter(
    (r) =>
      (showOutside || !r.outside) &&
      (key === '' ||
        [r.site.name, r.site.communeName ?? '', r.site.insee ?? '', r.site.id].some((t) =>
          searchKey(t).includes(key),
        )),
  );
  // A site chosen on the map further down the list is always shown.
  const selectedAt = selected ? rows.findIndex((r) => r.site.id === selected) : -1;
  const shown = rows.slice(0, Math.max(limit, selectedAt + 1));

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
      <label className="friches-search">
        Rechercher un site{' '}
        <input
          type="search"
          value={query}
          placeholder="nom, commune ou identifiant"
          data-testid="friches-search"
          onChange={(e) => setQuery(e.target.value)}
        />
      </label>
      {key !== '' && rows.length === 0 ? (
        <p className="muted">Aucun site ne correspond à « {query} ».</p>
      ) : null}
      <table className="friches-table">
        <caption className="sr-only">Classement des sites par score de reconversion</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Site</th>
            <th scope="col">Commune</th>
            <th
              scope="col"
              title="Score pondéré de 0 à 1 (critères non renseignés à la médiane du territoire) ; la barre montre l’intervalle possible"
            >
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
              row.outside ? 'outside' : '',
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
                <td className="num">
                  {row.outside ? (
                    <span title="Site hors du territoire : jamais classé">hors terr.</span>
                  ) : (
                    (row.rank ?? '—')
                  )}
                </td>
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
                    style={{ background: scoreColour(row.score, row.rank) }}
                    aria-hidden="true"
                  />{' '}
                  {formatScore(row.score)}
                  <ScoreInterval min={row.scoreMin} max={row.scoreMax} score={row.score} />
                  {row.exclusion ? (
                    <span className="exclusion" data-testid="friches-exclusion">
                      écarté : {row.exclusion}
                    </span>
                  ) : null}
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
      {shown.length < rows.length ? (
        <button type="button" className="link more-rows" onClick={() => setLimit(limit + ROWS_SHOWN)}>
          Afficher {Math.min(ROWS_SHOWN, rows.length - shown.length)} sites de plus (
          {rows.length - shown.length} non affichés)
        </button>
      ) : null}
    </div>
  );
}

import type { Map as MapLibreMap } from 'maplibre-gl';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import {
  CONTEXT_ROLE_LABELS,
  DEFAULT_PROFILE_LABEL,
  type Pin,
  PRESETS,
  type SiteSheet,
  siteSheet,
} from '../../domain/friches/index.ts';
import { composeMapPng } from '../../map/export/composeMapPng.ts';
import { SCORE_CLASSES, UNRANKED_COLOUR, UNRANKED_LABEL } from '../../map/layers/friches.ts';
import { type FrichesContext, frichesProfile } from '../../state/frichesSlice.ts';
import { type ShownSource, sampleWarning, siteOrigin } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { formatPercent, formatScore, formatWeight } from './format.ts';
import { ScoreInterval } from './RankingTable.tsx';
import {
  communesInView,
  formatNeighbourDistance,
  NEIGHBOUR_RADIUS_M,
  nearbySites,
  SHEET_SCALE,
  type SheetFormat,
  type SheetNeighbour,
  sheetCrop,
  sheetZoom,
} from './sheetContext.ts';
import { drawSheetOverlay } from './sheetOverlay.ts';
import type { FrichesView } from './useFrichesAnalysis.ts';

interface SheetData {
  id: string;
  name: string;
  place: string;
  imageUrl: string | null;
  sheet: SiteSheet;
  note: string | null;
  warnings: string[];
  /** The commune of the site, then the other communes the map extract shows. */
  communes: string[];
  neighbours: SheetNeighbour[];
  /** This site is one of the sample's (fictional), not one the user drew or typed. */
  fictional: boolean;
}

interface PrintContext {
  sample: boolean;
  profile: string;
  layers: string[];
  date: string;
}

function PrintSheets({ sheets, context }: { sheets: SheetData[]; context: PrintContext }) {
  return (
    <>
      {sheets.map((s, k) => (
        <article key={s.id} className="friches-print-sheet" data-testid="friches-print-sheet">
          <header>
            <p className="print-kicker">
              Atlas COTRI · Liste restreinte des friches · fiche {k + 1} / {sheets.length}
              {s.fictional ? (
                <strong className="print-sample"> · Données d’exemple (site fictif)</strong>
              ) : context.sample ? (
                <strong className="print-sample"> · Votre site, parmi des données d’exemple</strong>
              ) : null}
            </p>
            <h1>{s.name}</h1>
            <p>{s.place}</p>
          </header>
          {s.imageUrl ? <img src={s.imageUrl} alt={`Carte du site ${s.name}`} /> : null}
          <p className="print-situation" data-testid="friches-print-situation">
            Échelle 1/{SHEET_SCALE.toLocaleString('fr-FR')} (A4).{' '}
            {s.communes.length > 1
              ? `Communes sur l’extrait : ${s.communes.join(', ')}.`
              : s.communes.length === 1
                ? `Commune sur l’extrait : ${s.communes[0]}.`
                : ''}{' '}
            {s.neighbours.length > 0
              ? `Sites voisins à moins de ${NEIGHBOUR_RADIUS_M / 1000} km : ${s.neighbours
                  .map(
                    (n) =>
                      `${shortName(n.name)} (${n.rank ? `rang ${n.rank}` : 'hors classement'}, ${formatNeighbourDistance(n.distanceM)})`,
                  )
                  .join(' ; ')}.`
              : `Aucun autre site de l’inventaire à moins de ${NEIGHBOUR_RADIUS_M / 1000} km.`}
          </p>
          <dl className="print-facts">
            <dt>Rang</dt>
            <dd>{s.sheet.rank ?? 'hors classement'}</dd>
            <dt>Score</dt>
            <dd>
              {formatScore(s.sheet.score)}
              {s.sheet.scoreMin !== null && s.sheet.scoreMax !== null
                ? ` (${formatScore(s.sheet.scoreMin)} à ${formatScore(s.sheet.scoreMax)})`
                : ''}
              <ScoreInterval min={s.sheet.scoreMin} max={s.sheet.scoreMax} score={s.sheet.score} />
            </dd>
            {s.sheet.exclusion ? (
              <>
                <dt>Écarté</dt>
                <dd>écarté : {s.sheet.exclusion}</dd>
              </>
            ) : null}
            <dt>Fiabilité</dt>
            <dd>{formatPercent(s.sheet.reliability)}</dd>
            <dt>Probabilité top 5</dt>
            <dd>{formatPercent(s.sheet.topProbability)}</dd>
          </dl>
          <section>
            <h2>Justification</h2>
            <p className="print-note">{s.note?.trim() ? s.note : 'Justification non rédigée.'}</p>
          </section>
          {s.warnings.length > 0 ? (
            <section>
              <h2>Points de vigilance</h2>
              <ul>
                {s.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section>
            <h2>Critères ({context.profile})</h2>
            <table>
              <thead>
                <tr>
                  <th>Critère</th>
                  <th>Valeur</th>
                  <th>Normalisée</th>
                  <th>Poids</th>
                  <th>Contribution</th>
                </tr>
              </thead>
              <tbody>
                {s.sheet.lines.map((l) => (
                  <tr key={l.id}>
                    <td>
                      {l.label}
                      {l.inverted ? ' (lu à l’envers)' : ''}
                    </td>
                    <td>{l.missing ? `non renseigné — ${l.missing}` : l.rawText}</td>
                    <td>{l.normalised === null ? '—' : formatScore(l.normalised)}</td>
                    <td>{formatWeight(l.weight)}</td>
                    <td>{l.contribution === null ? '—' : formatScore(l.contribution)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <footer>
            Couches de contexte : {context.layers.join(' ; ')}. Score : critères non renseignés à la médiane
            du territoire (intervalle : au pire / au mieux). Stabilité : 1 000 tirages des pondérations (±25
            %) et des valeurs non renseignées. Édité le {context.date}.
          </footer>
        </article>
      ))}
    </>
  );
}

/**
 * The map extract of a sheet: 1600 × 680 px printed 18.6 cm wide (about 220 dpi), texts enlarged so that the
 * scale bar, legend and labels read at 6–7 pt on paper.
 */
const SHEET: SheetFormat = { width: 1600, height: 680, textScale: 1.8 };

/** Inventory names can be whole sentences (« Appel à projet Recyclage Foncier 2021… »): the list keeps 60 characters. */
const shortName = (name: string) => (name.length > 60 ? `${name.slice(0, 59).trimEnd()}…` : name);

let active: { root: Root; element: HTMLElement; urls: string[] } | null = null;

/** Removes the sheets of the previous print (they stay, hidden on screen, until the next one). */
export function clearPrintSheets(): void {
  if (!active) return;
  active.root.unmount();
  active.element.remove();
  for (const url of active.urls) URL.revokeObjectURL(url);
  active = null;
  document.body.classList.remove('friches-printing');
}

function whenIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

export interface PrintShortlistOptions {
  source: ShownSource | null;
  context: FrichesContext;
  onStep?: (message: string) => void;
  /** false: prepare the sheets without opening the print dialog (tests, previews). */
  dialog?: boolean;
}

/**
 * One printable page per shortlisted site: a map extract centred on the site (composeMapPng, with legend,
 * scale and sources), the figures, the justification note, the warnings and the criteria table.
 * The map camera is put back where the user left it.
 */
export async function printShortlist(
  map: MapLibreMap,
  view: FrichesView,
  pins: readonly Pin[],
  options: PrintShortlistOptions,
): Promise<void> {
  clearPrintSheets();
  const badge = sampleWarning(options.source);
  const sample = badge !== null;
  const profile = frichesProfile(view.weights);
  const camera = {
    center: map.getCenter(),
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
  };
  const date = new Date().toISOString().slice(0, 10);
  const { territory, basemap, frichesShowOutside: showOutside } = useAppStore.getState();
  const sheets: SheetData[] = [];
  const urls: string[] = [];
  try {
    for (const [k, id] of view.shortlist.entries()) {
      const row = view.rowById.get(id);
      if (!row) continue;
      options.onStep?.(`Fiche ${k + 1} / ${view.shortlist.length} : ${row.site.name}…`);
      const [lon, lat] = row.site.point.coordinates as [number, number];
      const container = { width: map.getContainer().clientWidth, height: map.getContainer().clientHeight };
      map.jumpTo({ center: [lon, lat], zoom: sheetZoom(lat, container, SHEET), bearing: 0, pitch: 0 });
      await whenIdle(map);
      // The part of the view the sheet keeps, as a WGS84 box: communes and neighbours are sought in it.
      const crop = sheetCrop(container, SHEET);
      const nw = map.unproject([crop.x, crop.y]);
      const se = map.unproject([crop.x + crop.width, crop.y + crop.height]);
      const inCrop = (p: readonly number[]) =>
        p[0]! >= nw.lng && p[0]! <= se.lng && p[1]! >= se.lat && p[1]! <= nw.lat;
      const communes = territory ? communesInView(territory.communes, [nw.lng, se.lat, se.lng, nw.lat]) : [];
      const shown = nearbySites(view.rows, id, { radiusM: 5_000, limit: 12, showOutside }).filter((n) =>
        inCrop(n.point),
      );
      const own = row.site.territoryInsee ?? row.site.insee;
      const blob = await composeMapPng({
        map,
        title: `Situation : ${row.site.name}`,
        subtitle: `${row.site.communeName ?? ''} · rang ${row.rank ?? '—'} · score ${formatScore(row.score)}`,
        legend: {
          title: 'Score de reconversion',
          items: [
            ...SCORE_CLASSES.map((c) => ({ colour: c.colour, label: c.label })),
            { colour: UNRANKED_COLOUR, label: UNRANKED_LABEL },
          ],
        },
        sources: `IGN Admin Express, INSEE ; inventaire des friches ; couches de contexte${basemap ? ' ; fond de plan © IGN — Plan IGN' : ''}`,
        date,
        ...(badge ? { badge } : {}),
        ...SHEET,
        // The side panel leaves a tall map: fill the sheet's band rather than leave wide margins.
        fit: 'cover',
        overlay: (ctx, toSheet, unit, covered) =>
          drawSheetOverlay(
            ctx,
            (p) => {
              const at = map.project([p[0]!, p[1]!]);
              return toSheet(at.x, at.y);
            },
            unit,
            {
              site: { point: [lon, lat], label: `${row.rank ? `n° ${row.rank} · ` : ''}${row.site.name}` },
              ownInsee: own,
              communes,
              neighbours: shown,
            },
            covered,
          ),
      });
      const url = URL.createObjectURL(blob);
      urls.push(url);
      const review = view.review?.entries.find((e) => e.siteId === id);
      sheets.push({
        id,
        name: row.site.name,
        place: `${row.site.communeName ?? 'Commune non renseignée'}${row.site.insee ? ` (${row.site.insee})` : ''} · ${row.site.id}`,
        imageUrl: url,
        sheet: siteSheet(view.matrix, profile, view.ranking, view.stability, row.index),
        note: pins.find((p) => p.siteId === id)?.note ?? null,
        warnings: review?.warnings ?? [],
        communes: [
          ...communes.filter((c) => c.insee === own).map((c) => c.name),
          ...communes.filter((c) => c.insee !== own).map((c) => c.name),
        ],
        neighbours: nearbySites(view.rows, id, { showOutside }),
        fictional: sample && siteOrigin(useAppStore.getState(), row.site) === 'sample',
      });
    }
  } finally {
    map.jumpTo(camera);
  }
  const layers = Object.values(options.context).flatMap((e) =>
    e ? [`${CONTEXT_ROLE_LABELS[e.role]}${e.source.kind === 'sample' ? ' (exemple fictif)' : ''}`] : [],
  );
  const context: PrintContext = {
    sample,
    profile: view.weights.preset ? `profil ${PRESETS[view.weights.preset].label}` : DEFAULT_PROFILE_LABEL,
    layers: [CONTEXT_ROLE_LABELS.communes, ...layers],
    date: new Date().toLocaleDateString('fr-FR'),
  };
  const element = document.createElement('div');
  element.className = 'friches-print-root';
  document.body.append(element);
  const root = createRoot(element);
  active = { root, element, urls };
  flushSync(() => root.render(<PrintSheets sheets={sheets} context={context} />));
  await Promise.all([...element.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
  document.body.classList.add('friches-printing');
  options.onStep?.('');
  if (options.dialog === false) return;
  // After the dialog, a plain Ctrl+P must print the app again; the sheets stay until the next print.
  window.addEventListener('afterprint', () => document.body.classList.remove('friches-printing'), {
    once: true,
  });
  window.print();
}

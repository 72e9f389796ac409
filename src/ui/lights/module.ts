import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import {
  assessCompliance,
  assessRenovation,
  consumedAfterW,
  consumedBeforeW,
  FACTOR_CLASS_LABELS,
  IGNORABLE_FIELD_LABELS,
  type IgnorableField,
  OUTSIDE_TERRITORY_LABEL,
  STATUS_LABELS,
  TECHNOLOGIES,
  TECHNOLOGY_LABELS,
  VERDICT_STYLE,
} from '../../domain/lights/index.ts';
import { buildPopupContent, type PopupRow } from '../../io/sanitize.ts';
import { expandCluster } from '../../map/camera.ts';
import { LAYER } from '../../map/ids.ts';
import { lightsLayers } from '../../map/layers/lights.ts';
import { lightsTileLayers, TILE_STATE_KEY } from '../../map/layers/lightsTiles.ts';
import type { MapClickHandler } from '../../map/MapView.tsx';
import { closePopup, openPopup } from '../../map/popup.ts';
import type { MapSpec } from '../../map/spec.ts';
import { useMapZoomLevel } from '../../map/zoom.ts';
import { useAppStore } from '../../state/store.ts';
import type { ModuleView } from '../modules.ts';
import {
  contextOf,
  filteredCollectionOf,
  selectedCollectionOf,
  tableOf,
  useFilteredLights,
  useLightFeatures,
  useLightsTable,
  useSelectedIndices,
} from './derived.ts';
import { LightsOverlay } from './LightsOverlay.tsx';
import { LightsPanel } from './LightsPanel.tsx';
import './lights.css';
import {
  geometryRevisionOf,
  idsOf,
  indexByIdOf,
  overviewCellsOf,
  tileStatesOf,
  tilesUrl,
  useTiledLights,
} from './tiledLayers.ts';

const frDate = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('/') : null);
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The popup's rows, from the store (the map only carries each point's index and category). */
export function pointPopupRows(index: number): { title: string; rows: PopupRow[] } | null {
  const s = useAppStore.getState();
  const table = tableOf(s.lightPoints, s.lightingSettings);
  const p = table.points[index];
  if (!p) return null;
  const communeName = p.outsideTerritory
    ? undefined
    : s.territory
      ? contextOf(s.territory.communes).communeName.get(p.insee)
      : undefined;
  const done = p.status === 'renovated';
  const a = done ? assessRenovation(p, s.lightingSettings) : null;
  const technology = TECHNOLOGIES[table.currentTechnology[index]!] ?? 'other';
  const rows: PopupRow[] = [
    ['Identifiant', p.generatedId ? `${p.id} (identifiant généré)` : p.id],
    [
      'Commune',
      p.outsideTerritory
        ? `${OUTSIDE_TERRITORY_LABEL} (conservé, compté dans aucun objectif)`
        : communeName
          ? `${communeName} (${p.insee})`
          : p.insee,
    ],
    ['Adresse', p.address],
    ['Statut', STATUS_LABELS[p.status]],
    ['Technologie', TECHNOLOGY_LABELS[technology]],
    ['Puissance nominale (W)', table.currentPowerW[index]],
    [
      'Puissance consommée (W)',
      round(
        (done && p.renovation ? consumedAfterW(p.renovation, s.lightingSettings) : null) ??
          consumedBeforeW(p, s.lightingSettings),
        1,
      ),
    ],
    ['Consommation (kWh/an)', round(table.currentKwh[index]!, 0)],
  ];
  if (!p.outsideTerritory) {
    const c = assessCompliance(p, s.lightsCompliance);
    const failing = c.criteria.filter((x) => x.verdict === c.verdict && x.verdict !== 'compliant');
    rows.push([
      'Arrêté du 27/12/2018',
      `${VERDICT_STYLE[c.verdict].label}${failing.length ? ` : ${failing.map((x) => x.reason).join(' ; ')}` : ''}`,
    ]);
  }
  const ignored = Object.entries(p.ignoredValues ?? {}) as [IgnorableField, string][];
  if (ignored.length > 0)
    rows.push([
      'Valeurs invraisemblables ignorées',
      ignored.map(([f, v]) => `${IGNORABLE_FIELD_LABELS[f]} « ${v} »`).join(', '),
    ]);
  if (done) {
    rows.push(
      ['Avant travaux', `${TECHNOLOGY_LABELS[p.technologyBefore]} ${p.powerBeforeW} W`],
      ['Facteur', a?.factor !== null && a && Number.isFinite(a.factor) ? round(a.factor, 1) : null],
      ['Classe', a?.factorClass ? FACTOR_CLASS_LABELS[a.factorClass] : null],
      ['Date des travaux', frDate(p.renovation?.date)],
    );
  } else if (p.status === 'scheduled') rows.push(['Date prévue', frDate(p.scheduledDate)]);
  return { title: `Point lumineux ${p.id}`, rows };
}

/** The point's sheet at its feature (a GeoJSON point, or a tile point whose record index was found). */
function openPointSheet(
  index: number,
  feature: Parameters<MapClickHandler['onClick']>[0],
  event: MapMouseEvent,
) {
  const content = pointPopupRows(index);
  if (!content || feature.geometry.type !== 'Point') return;
  const [lon, lat] = feature.geometry.coordinates as [number, number];
  openPopup(event.target, [lon, lat], buildPopupContent(content.title, content.rows));
}

const showPoint: MapClickHandler['onClick'] = (feature, event) =>
  openPointSheet(Number(feature.id), feature, event);

/** A point of the server's tiles: its record id, read in the store (which holds every record of the user). */
const showTilePoint: MapClickHandler['onClick'] = (feature, event) => {
  if (Number(feature.state?.[TILE_STATE_KEY] ?? 0) === 0) return; // not matching the filter: not drawn
  const s = useAppStore.getState();
  const index = indexByIdOf(idsOf(tableOf(s.lightPoints, s.lightingSettings))).get(String(feature.id));
  if (index !== undefined) openPointSheet(index, feature, event);
};

function useLightsMapLayers(active: boolean): MapSpec | null {
  const filtered = useFilteredLights();
  const selected = useSelectedIndices();
  const features = useLightFeatures();
  const style = useAppStore((s) => s.lightsMapStyle);
  const tiled = useTiledLights();
  const table = useLightsTable();
  const zoom = useMapZoomLevel(10);
  // One new FeatureCollection per filter change → one setData; unchanged inputs give the same objects.
  const points = tiled ? null : filteredCollectionOf(features, filtered);
  const chosen = selectedCollectionOf(features, selected);
  const states = tiled ? tileStatesOf(idsOf(table), features, filtered, style) : null;
  const cells = tiled ? overviewCellsOf(features, filtered, style, zoom) : null;
  const revision = tiled ? geometryRevisionOf(features) : '';
  const spec = useMemo(
    () =>
      states && cells
        ? lightsTileLayers({ tiles: tilesUrl(revision), cells, states, selected: chosen, style })
        : lightsLayers({ points: points!, selected: chosen, style }),
    [points, chosen, style, states, cells, revision],
  );
  // A new inventory (import, restore, sample): a popup open on an old point would describe a point that
  // no longer exists (the selection is cleared by the store itself).
  const source = useAppStore((s) => s.lightsSource);
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the inventory's source changes.
  useEffect(() => {
    if (first.current) first.current = false;
    else closePopup();
  }, [source]);
  return active ? spec : null;
}

export const lightsModule: ModuleView = {
  id: 'lights',
  Panel: LightsPanel,
  MapOverlay: LightsOverlay,
  useMapLayers: useLightsMapLayers,
  clickHandlers: [
    { layerId: LAYER.lightsSelected, onClick: showPoint },
    { layerId: LAYER.lightsPoints, onClick: showPoint },
    { layerId: LAYER.lightsTilePoints, onClick: showTilePoint },
    { layerId: LAYER.lightsClusters, onClick: (feature, event) => void expandCluster(event.target, feature) },
  ],
};

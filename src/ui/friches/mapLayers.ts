import type { MapGeoJSONFeature, MapMouseEvent, Popup } from 'maplibre-gl';
import { useEffect, useMemo } from 'react';
import type { ContextRole } from '../../domain/friches/types.ts';
import { buildPopupContent } from '../../io/sanitize.ts';
import { LAYER } from '../../map/ids.ts';
import {
  contextFeatures,
  frichePoints,
  fricheSurfaces,
  frichesLayers,
  surfaceColourExpression,
} from '../../map/layers/friches.ts';
import type { MapClickHandler } from '../../map/MapView.tsx';
import { openPopup } from '../../map/popup.ts';
import type { MapSpec } from '../../map/spec.ts';
import { useAppStore } from '../../state/store.ts';
import { formatScore } from './format.ts';
import { type FrichesView, useFrichesAnalysis } from './useFrichesAnalysis.ts';

/** The analysis the map shows, for click handlers (outside React) and the open popup's refresh. */
let latestView: FrichesView | null = null;
/** The site popup currently open: refreshed when the data or the weights change, closed if its site is gone. */
let sitePopup: { id: string; popup: Popup } | null = null;

function popupRows(id: string): { title: string; rows: [string, string][]; at: [number, number] } | null {
  const state = useAppStore.getState();
  const row = latestView?.rowById.get(id);
  const site = row?.site ?? state.frichesSites.find((s) => s.id === id);
  if (!site) return null;
  const rows: [string, string][] = [
    ['Commune', site.communeName ?? site.insee ?? 'non renseignée'],
    ['Rang', row?.outside ? 'hors territoire' : row?.rank ? String(row.rank) : 'hors classement'],
    ['Score', formatScore(row?.score ?? null)],
  ];
  if (row?.exclusion) rows.push(['Écarté', row.exclusion]);
  if (state.frichesPins.some((p) => p.siteId === id)) rows.push(['Liste restreinte', 'retenu']);
  return { title: site.name, rows, at: site.point.coordinates as [number, number] };
}

/** After a re-import or a weight change, the open popup shows the current figures (or closes). */
function refreshSitePopup(): void {
  if (!sitePopup?.popup.isOpen()) return;
  const content = popupRows(sitePopup.id);
  if (!content) {
    sitePopup.popup.remove();
    sitePopup = null;
    return;
  }
  sitePopup.popup.setLngLat(content.at).setDOMContent(buildPopupContent(content.title, content.rows));
}

/** The module's map: context layers, perimeters and points coloured by score, shortlist ranks, selection. */
export function useFrichesMapLayers(active: boolean): MapSpec | null {
  const view = useFrichesAnalysis(active);
  const sites = useAppStore((s) => s.frichesSites);
  const context = useAppStore((s) => s.frichesContext);
  const selected = useAppStore((s) => s.frichesSelected);
  const hovered = useAppStore((s) => s.frichesHovered);
  const showOutside = useAppStore((s) => s.frichesShowOutside);
  const surfaces = useMemo(() => fricheSurfaces(sites), [sites]);
  useEffect(() => {
    latestView = view;
    refreshSitePopup();
  }, [view]);
  const contextData = useMemo(
    () =>
      contextFeatures(
        Object.values(context).flatMap((e) => (e ? [{ role: e.role as ContextRole, layer: e.layer }] : [])),
      ),
    [context],
  );
  const scored = useMemo(() => {
    if (!view) return null;
    const scoreOf = (i: number) => {
      const score = view.ranking.score[i]!;
      return {
        score: Number.isNaN(score) ? null : score,
        rank: view.ranking.rank[i]! || null,
        outside: view.matrix.outside[i] === 1,
      };
    };
    return {
      points: frichePoints(view.sites, scoreOf, new Set(view.shortlist)),
      surfaceColour: surfaceColourExpression(view.sites, scoreOf),
    };
  }, [view]);
  return useMemo(() => {
    if (!active || !scored) return null;
    return frichesLayers({ ...scored, surfaces, context: contextData, selected, hovered, showOutside });
  }, [active, scored, surfaces, contextData, selected, hovered, showOutside]);
}

function onSiteClick(feature: MapGeoJSONFeature, event: MapMouseEvent) {
  // Rank and score come from the current analysis, not from the rendered features (which may lag behind).
  const id = String(feature.properties.id ?? '');
  const content = popupRows(id);
  if (!content) return;
  useAppStore.getState().selectFriche(id);
  const popup = openPopup(event.target, content.at, buildPopupContent(content.title, content.rows));
  sitePopup = { id, popup };
}

/** A click on a site (point or perimeter) selects its row and opens a text-only popup. */
export const FRICHES_CLICK_HANDLERS: MapClickHandler[] = [
  { layerId: LAYER.frichesPoints, onClick: onSiteClick },
  { layerId: LAYER.frichesSurfaceFill, onClick: onSiteClick },
];

import type { MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';
import { useMemo } from 'react';
import type { ContextRole } from '../../domain/friches/types.ts';
import { buildPopupContent } from '../../io/sanitize.ts';
import { LAYER, SOURCE } from '../../map/ids.ts';
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
import { useFrichesAnalysis } from './useFrichesAnalysis.ts';

/** The module's map: context layers, perimeters and points coloured by score, shortlist ranks, selection. */
export function useFrichesMapLayers(active: boolean): MapSpec | null {
  const view = useFrichesAnalysis(active);
  const sites = useAppStore((s) => s.frichesSites);
  const context = useAppStore((s) => s.frichesContext);
  const selected = useAppStore((s) => s.frichesSelected);
  const hovered = useAppStore((s) => s.frichesHovered);
  const showOutside = useAppStore((s) => s.frichesShowOutside);
  const surfaces = useMemo(() => fricheSurfaces(sites), [sites]);
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
  const id = String(feature.properties.id ?? '');
  const state = useAppStore.getState();
  const site = state.frichesSites.find((s) => s.id === id);
  if (!site) return;
  state.selectFriche(id);
  // A perimeter carries only the site id: rank and score are on the site's point.
  const props =
    'rank' in feature.properties
      ? feature.properties
      : (event.target.querySourceFeatures(SOURCE.frichesPoints, { filter: ['==', ['get', 'id'], id] })[0]
          ?.properties ?? {});
  const rank = Number(props.rank ?? 0);
  const score = Number(props.score ?? -1);
  const rows: [string, string][] = [
    ['Commune', site.communeName ?? site.insee ?? 'non renseignée'],
    ['Rang', rank > 0 ? String(rank) : 'hors classement'],
    ['Score', score >= 0 ? formatScore(score) : '—'],
  ];
  if (state.frichesPins.some((p) => p.siteId === id)) rows.push(['Liste restreinte', 'retenu']);
  const [lon, lat] = site.point.coordinates as [number, number];
  openPopup(event.target, [lon, lat], buildPopupContent(site.name, rows));
}

/** A click on a site (point or perimeter) selects its row and opens a text-only popup. */
export const FRICHES_CLICK_HANDLERS: MapClickHandler[] = [
  { layerId: LAYER.frichesPoints, onClick: onSiteClick },
  { layerId: LAYER.frichesSurfaceFill, onClick: onSiteClick },
];

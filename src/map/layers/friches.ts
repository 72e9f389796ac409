import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { Brownfield, ContextRole } from '../../domain/friches/types.ts';
import { LAYER, SOURCE } from '../ids.ts';
import type { MapSpec } from '../spec.ts';

/**
 * Score classes of the brownfield map: fixed thresholds on the 0..1 score, so that a colour means the same
 * thing whatever the inventory or the weights. One list feeds the map's colour expression and its legend.
 * Colours: viridis (readable with the common colour-vision deficiencies and in greyscale), darker = better.
 */
export const SCORE_CLASSES = [
  { min: 0.8, colour: '#440154', label: '0,80 et plus' },
  { min: 0.7, colour: '#3b528b', label: '0,70 à 0,80' },
  { min: 0.6, colour: '#21918c', label: '0,60 à 0,70' },
  { min: 0.5, colour: '#5ec962', label: '0,50 à 0,60' },
  { min: 0, colour: '#fde725', label: 'moins de 0,50' },
] as const;

/** Sites out of the ranking (reconverted, or nothing renseigné). */
export const UNRANKED_COLOUR = '#9a9a9a';
export const UNRANKED_LABEL = 'Hors classement';

/**
 * THE score classifier: class id of a site (index in SCORE_CLASSES), or −1 when it is out of the ranking
 * (outside the territory, set aside, nothing renseigné). Points carry it as `cls`, perimeters and the legend
 * call it: the map colour expression only translates ids into colours, so map and legend cannot disagree.
 */
export function scoreClass(score: number | null, rank: number | null): number {
  if (score === null || !Number.isFinite(score) || !rank) return -1;
  const k = SCORE_CLASSES.findIndex((c) => score >= c.min);
  return k >= 0 ? k : SCORE_CLASSES.length - 1;
}

export function classColour(id: number): string {
  return id < 0 ? UNRANKED_COLOUR : (SCORE_CLASSES[id]?.colour ?? UNRANKED_COLOUR);
}

export function classLabel(id: number): string {
  return id < 0 ? UNRANKED_LABEL : (SCORE_CLASSES[id]?.label ?? UNRANKED_LABEL);
}

/** The class colour of a ranked site's score (null = unranked): table swatch and site sheet. */
export function scoreColour(score: number | null, rank: number | null = 1): string {
  return classColour(scoreClass(score, rank));
}

/** MapLibre colour of the points: class id → colour, generated from the same list as the legend. */
export function scoreColourExpression(): ExpressionSpecification {
  const pairs = SCORE_CLASSES.flatMap((_, k) => [k, classColour(k)]);
  return ['match', ['get', 'cls'], ...pairs, UNRANKED_COLOUR] as unknown as ExpressionSpecification;
}

export interface FrichePointProperties {
  id: string;
  name: string;
  /** 0..1, or −1 when unranked. */
  score: number;
  /** 0 when unranked. */
  rank: number;
  /** Score class id (scoreClass), −1 when unranked. */
  cls: number;
  /** 1 when the site lies outside the territory (hidden unless « afficher les sites hors territoire »). */
  outside: number;
  /** 1 when the site is on the shortlist. */
  shortlisted: number;
  /** Text drawn on shortlisted sites (their rank), '' otherwise. */
  label: string;
}

export interface FricheScore {
  score: number | null;
  rank: number | null;
  outside?: boolean;
}

/** One point per site with what the styling needs; rebuilt on a weight change (no geometry is computed). */
export function frichePoints(
  sites: readonly Brownfield[],
  scoreOf: (index: number) => FricheScore,
  shortlist: ReadonlySet<string>,
): FeatureCollection<Point, FrichePointProperties> {
  return {
    type: 'FeatureCollection',
    features: sites.map((site, i): Feature<Point, FrichePointProperties> => {
      const { score, rank, outside } = scoreOf(i);
      const on = shortlist.has(site.id);
      const cls = scoreClass(score, rank);
      return {
        type: 'Feature',
        geometry: site.point,
        properties: {
          id: site.id,
          name: site.name,
          score: cls < 0 ? -1 : score!,
          rank: rank ?? 0,
          cls,
          outside: outside ? 1 : 0,
          shortlisted: on ? 1 : 0,
          label: on ? (rank ? String(rank) : '–') : '',
        },
      };
    }),
  };
}

/** Perimeters (`geomsurf`) of the sites that have one; built once per inventory. */
export function fricheSurfaces(
  sites: readonly Brownfield[],
): FeatureCollection<Polygon | MultiPolygon, { id: string }> {
  return {
    type: 'FeatureCollection',
    features: sites.flatMap((site) =>
      site.surface ? [{ type: 'Feature' as const, geometry: site.surface, properties: { id: site.id } }] : [],
    ),
  };
}

/** Styles of the context layers (also used by the legend). */
export const CONTEXT_STYLE: Record<ContextRole, { colour: string; kind: 'area' | 'point' }> = {
  communes: { colour: '#cccccc', kind: 'area' },
  communeCentres: { colour: '#444444', kind: 'point' },
  stations: { colour: '#c0392b', kind: 'point' },
  floodZones: { colour: '#2b7bba', kind: 'area' },
  protectedAreas: { colour: '#1b7837', kind: 'area' },
  greenBlueCorridors: { colour: '#7fbf7b', kind: 'area' },
  urbanZones: { colour: '#8c6d9e', kind: 'area' },
};

/** Every imported or sample context layer in one collection, each feature tagged with its role. */
export function contextFeatures(
  layers: readonly { role: ContextRole; layer: FeatureCollection<Geometry> }[],
): FeatureCollection<Geometry, { role: ContextRole }> {
  return {
    type: 'FeatureCollection',
    features: layers.flatMap(({ role, layer }) =>
      layer.features.map((f) => ({ type: 'Feature' as const, geometry: f.geometry, properties: { role } })),
    ),
  };
}

function roleColour(): ExpressionSpecification {
  const pairs = (Object.keys(CONTEXT_STYLE) as ContextRole[]).flatMap((r) => [r, CONTEXT_STYLE[r].colour]);
  return ['match', ['get', 'role'], ...pairs, '#777777'] as unknown as ExpressionSpecification;
}

export interface FrichesLayerInput {
  points: FeatureCollection<Point, FrichePointProperties>;
  surfaces: FeatureCollection<Polygon | MultiPolygon, { id: string }>;
  /** Fill colour of each perimeter: a `match` on the site id (so the perimeters are not re-sent on a weight change). */
  surfaceColour: ExpressionSpecification | string;
  context: FeatureCollection<Geometry, { role: ContextRole }>;
  selected: string | null;
  hovered: string | null;
  /** « afficher les sites hors territoire »: outside sites are drawn (grey, never ranked) only when true. */
  showOutside?: boolean;
}

/** `match` from site id to its class colour, for the perimeters. */
export function surfaceColourExpression(
  sites: readonly Brownfield[],
  scoreOf: (index: number) => FricheScore,
): ExpressionSpecification | string {
  const pairs: string[] = [];
  sites.forEach((site, i) => {
    const { score, rank } = scoreOf(i);
    if (site.surface) pairs.push(site.id, classColour(scoreClass(score, rank)));
  });
  if (pairs.length === 0) return UNRANKED_COLOUR;
  return ['match', ['get', 'id'], ...pairs, UNRANKED_COLOUR] as unknown as ExpressionSpecification;
}

const score = ['max', 0, ['get', 'score']] as ExpressionSpecification;
const isShortlisted = ['==', ['get', 'shortlisted'], 1] as ExpressionSpecification;
/**
 * Radius grows with the score and the zoom; shortlisted sites are larger, to carry their rank number.
 * `extra` widens the rings drawn around a site (zoom may only be the input of the top-level interpolate).
 */
const radius = (extra = 0) =>
  [
    'interpolate',
    ['linear'],
    ['zoom'],
    9,
    ['+', extra, ['case', isShortlisted, 10, ['+', 3, ['*', 6, score]]]],
    14,
    ['+', extra, ['case', isShortlisted, 14, ['+', 6, ['*', 9, score]]]],
  ] as ExpressionSpecification;
const idFilter = (id: string | null) => ['==', ['get', 'id'], id ?? ''] as ExpressionSpecification;
const geometryIs = (...types: string[]) =>
  ['match', ['geometry-type'], types, true, false] as ExpressionSpecification;

export function frichesLayers(input: FrichesLayerInput): MapSpec {
  const colour = scoreColourExpression() as DataDrivenPropertyValueSpecification<string>;
  return {
    sources: {
      [SOURCE.frichesContext]: { type: 'geojson', data: input.context },
      [SOURCE.frichesSurfaces]: { type: 'geojson', data: input.surfaces },
      [SOURCE.frichesPoints]: { type: 'geojson', data: input.points },
    },
    layers: [
      {
        id: LAYER.frichesContextFill,
        type: 'fill',
        source: SOURCE.frichesContext,
        filter: geometryIs('Polygon', 'MultiPolygon'),
        paint: { 'fill-color': roleColour(), 'fill-opacity': 0.28 },
      },
      {
        id: LAYER.frichesContextLine,
        type: 'line',
        source: SOURCE.frichesContext,
        filter: geometryIs('Polygon', 'MultiPolygon'),
        paint: { 'line-color': roleColour(), 'line-width': 1, 'line-dasharray': [2, 1.5] },
      },
      {
        id: LAYER.frichesContextPoints,
        type: 'circle',
        source: SOURCE.frichesContext,
        filter: geometryIs('Point'),
        paint: {
          'circle-color': '#ffffff',
          'circle-stroke-color': roleColour(),
          'circle-stroke-width': 2.5,
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3, 14, 6],
        },
      },
      {
        id: LAYER.frichesSurfaceFill,
        type: 'fill',
        source: SOURCE.frichesSurfaces,
        minzoom: 12,
        paint: { 'fill-color': input.surfaceColour, 'fill-opacity': 0.55 },
      },
      {
        id: LAYER.frichesSurfaceLine,
        type: 'line',
        source: SOURCE.frichesSurfaces,
        minzoom: 12,
        paint: { 'line-color': '#1d2433', 'line-width': 1.2 },
      },
      {
        id: LAYER.frichesPoints,
        type: 'circle',
        source: SOURCE.frichesPoints,
        ...(input.showOutside ? {} : { filter: ['==', ['get', 'outside'], 0] as ExpressionSpecification }),
        layout: { 'circle-sort-key': ['+', ['*', 2, ['get', 'shortlisted']], score] },
        paint: {
          'circle-color': colour,
          'circle-radius': radius(),
          'circle-opacity': 0.92,
          'circle-stroke-color': ['case', isShortlisted, '#ff8c00', '#ffffff'],
          'circle-stroke-width': ['case', isShortlisted, 3, 1.2],
        },
      },
      {
        id: LAYER.frichesHover,
        type: 'circle',
        source: SOURCE.frichesPoints,
        filter: idFilter(input.hovered),
        paint: {
          'circle-color': 'rgba(0, 0, 0, 0)',
          'circle-radius': radius(4),
          'circle-stroke-color': '#0b5cad',
          'circle-stroke-width': 2.5,
        },
      },
      {
        id: LAYER.frichesSelected,
        type: 'circle',
        source: SOURCE.frichesPoints,
        filter: idFilter(input.selected),
        paint: {
          'circle-color': 'rgba(0, 0, 0, 0)',
          'circle-radius': radius(7),
          'circle-stroke-color': '#111111',
          'circle-stroke-width': 3,
        },
      },
      {
        id: LAYER.frichesRankLabels,
        type: 'symbol',
        source: SOURCE.frichesPoints,
        filter: isShortlisted,
        layout: {
          'text-field': ['get', 'label'],
          // No glyph server: system fonts drawn locally, like the commune labels.
          'text-font': ['sans-serif'],
          'text-size': 15,
          // Beside the circle, on whichever side is free: shortlisted sites are often neighbours
          // (town centres), and numbers stacked on one spot could not be read.
          'text-variable-anchor': [
            'left',
            'right',
            'top',
            'bottom',
            'top-left',
            'top-right',
            'bottom-left',
            'bottom-right',
          ],
          'text-radial-offset': 1.1,
          'text-allow-overlap': false,
          'text-padding': 1,
        },
        paint: { 'text-color': '#1d2433', 'text-halo-color': '#ffffff', 'text-halo-width': 2.2 },
      },
    ],
  };
}

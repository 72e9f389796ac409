import { centroid, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import clipping from 'polygon-clipping';
import { type BBox, bboxOf, clipAreaM2, distanceM, pointInArea, toClip } from '../../domain/friches/geo.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import { fitImage, metresPerPixel, sheetLayout } from '../../map/export/layout.ts';
import type { FricheRow } from './rows.ts';

/**
 * What the printed site sheet shows around the site (pure: no map, no DOM): the communes the map extract
 * covers (outlines and names), the neighbouring sites and the zoom that gives the extract its nominal scale.
 */

/** Nominal scale of the sheet's map extract: 1/25 000, the scale of the IGN maps elected officials know. */
export const SHEET_SCALE = 25_000;
/** Printed width of the extract: the A4 portrait page (21 cm) less its two 1.2 cm margins. */
export const SHEET_PRINT_WIDTH_M = 0.186;
/** Neighbours listed on the sheet: within this distance, at most this many. */
export const NEIGHBOUR_RADIUS_M = 2_000;
export const NEIGHBOUR_LIMIT = 5;

export interface SheetNeighbour {
  id: string;
  name: string;
  rank: number | null;
  outside: boolean;
  distanceM: number;
  point: [number, number];
}

/** The other sites within `radiusM` of a site, nearest first (outside-territory ones only when shown). */
export function nearbySites(
  rows: readonly FricheRow[],
  siteId: string,
  { radiusM = NEIGHBOUR_RADIUS_M, limit = NEIGHBOUR_LIMIT, showOutside = false } = {},
): SheetNeighbour[] {
  const self = rows.find((r) => r.site.id === siteId);
  if (!self) return [];
  const from = self.site.point.coordinates;
  return rows
    .filter((r) => r.site.id !== siteId && (showOutside || !r.outside))
    .map((r) => ({
      id: r.site.id,
      name: r.site.name,
      rank: r.rank,
      outside: r.outside,
      distanceM: distanceM(from, r.site.point.coordinates),
      point: [r.site.point.coordinates[0]!, r.site.point.coordinates[1]!] as [number, number],
    }))
    .filter((n) => n.distanceM <= radiusM)
    .sort((a, b) => a.distanceM - b.distanceM || a.id.localeCompare(b.id))
    .slice(0, limit);
}

export interface CommuneInView {
  insee: string;
  name: string;
  /** The commune's part inside the view (WGS84). */
  part: MultiPolygon;
  /** Where its name goes: a point of its largest part inside the view. */
  labelAt: [number, number];
  /** Share of the view it covers (0..1). */
  share: number;
}

/** Communes covering at least `minShare` of a WGS84 view, largest first, each with a label point in view. */
export function communesInView(communes: CommuneCollection, view: BBox, minShare = 0.02): CommuneInView[] {
  const [w, s, e, n] = view;
  const box: clipping.MultiPolygon = [
    [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  ];
  const viewArea = clipAreaM2(box);
  const found: CommuneInView[] = [];
  for (const f of communes.features) {
    const [fw, fs, fe, fn] = bboxOf(f.geometry);
    if (fe < w || fw > e || fn < s || fs > n) continue;
    const part = clipping.intersection(toClip(f.geometry), box);
    const share = clipAreaM2(part) / viewArea;
    if (part.length === 0 || share < minShare) continue;
    // The name goes in the largest piece; its centroid unless the piece is so bent that it falls outside.
    const largest = part
      .map((rings) => ({ rings, area: clipAreaM2([rings]) }))
      .sort((a, b) => b.area - a.area)[0]!.rings;
    const polygon: Polygon = { type: 'Polygon', coordinates: largest };
    const c = centroid(polygon).geometry.coordinates;
    const at = pointInArea(c, polygon) ? c : pointOnFeature(polygon).geometry.coordinates;
    found.push({
      insee: f.properties.insee,
      name: f.properties.name,
      part: { type: 'MultiPolygon', coordinates: part },
      labelAt: [at[0]!, at[1]!],
      share,
    });
  }
  return found.sort((a, b) => b.share - a.share);
}

export interface SheetFormat {
  width: number;
  height: number;
  textScale: number;
}

/** The part of the map container (CSS px) that a 'cover' composition keeps, and the sheet px per CSS px. */
export function sheetCrop(container: { width: number; height: number }, sheet: SheetFormat) {
  const area = sheetLayout(sheet.width, sheet.height, true, sheet.textScale).map;
  const p = fitImage(container.width, container.height, area, 'cover');
  return { x: p.sx, y: p.sy, width: p.sw, height: p.sh, scale: p.scale, areaWidth: area.width };
}

/**
 * The MapLibre zoom at which a map container, composed on `sheet` ('cover'), shows SHEET_SCALE once the sheet
 * is printed SHEET_PRINT_WIDTH_M wide.
 */
export function sheetZoom(
  latitude: number,
  container: { width: number; height: number },
  sheet: SheetFormat,
): number {
  const crop = sheetCrop(container, sheet);
  const groundWidthM = SHEET_SCALE * SHEET_PRINT_WIDTH_M * (crop.areaWidth / sheet.width);
  const metresPerCssPx = groundWidthM / crop.width;
  // metresPerPixel halves with each zoom level: solve metresPerPixel(lat, z) = metresPerCssPx.
  return Math.log2(metresPerPixel(latitude, 0) / metresPerCssPx);
}

const distanceFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 450 m », « 1,2 km ». */
export function formatNeighbourDistance(m: number): string {
  return m < 1000 ? `${Math.round(m / 10) * 10} m` : `${distanceFormat.format(m / 1000)} km`;
}

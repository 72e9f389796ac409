import type { Map as MapLibreMap } from 'maplibre-gl';
import {
  arrangeSheet,
  ellipsize,
  FONT_FAMILY,
  formatDataDate,
  hiddenItemsText,
  type LegendLayout,
  type LegendSpec,
  layoutLegend,
  metresPerPixel,
  northArrowRotation,
  type Rect,
  type SheetLayout,
  scaleBarLength,
  sheetLayout,
  wrapText,
} from './layout.ts';

/**
 * Composes the current map view into a sheet ready for a report: title band, the map as the user sees it,
 * legend, scale bar, north arrow, sources and data date. Usage:
 *
 *   const blob = await composeMapPng({ map, title: 'Pays Boulonnais', legend: { title: 'EPCI', items },
 *     sources: 'IGN Admin Express, INSEE', date: '2026-11-28' });
 *   downloadBlob(blob, 'carte.png');
 *
 * The map is never distorted: by default ('contain') the whole view is kept and centred in the map area;
 * the scale bar is computed for the scale as drawn on the sheet. When the sheet needs more pixels than the
 * screen shows, the map is re-rendered at a higher pixel ratio for the capture (then restored), so the
 * export stays sharp. The map must have been created with preserveDrawingBuffer (MapView does).
 */

export type { LegendItem, LegendSpec } from './layout.ts';

export interface ComposeMapOptions {
  map: MapLibreMap;
  title: string;
  subtitle?: string;
  legend: LegendSpec | null;
  /** Free text, e.g. « IGN Admin Express, INSEE (Licence Ouverte) ». */
  sources: string;
  /** Date of the data: ISO (2026-11-28, or a timestamp) is shown as dd/mm/yyyy, anything else as given. */
  date: string;
  /** Sheet size in pixels (default 1600 × 1131, the A-series ratio). */
  width?: number;
  height?: number;
  fit?: 'contain' | 'cover';
  /** Upper bound of the temporary capture pixel ratio (default 3). */
  maxPixelRatio?: number;
  /** Short warning drawn in the title band, sampleWarning() of the data shown (src/state/sourceState.ts). */
  badge?: string;
  /** Edition date shown in the footer (default: now). */
  editedOn?: Date;
  /** Multiplies every text size and band (default 1), for sheets printed small. */
  textScale?: number;
  /**
   * Drawn over the map image, clipped to it, before the legend and scale bar: labels the map layers cannot
   * place themselves. `toSheet` turns map container CSS pixels (map.project) into sheet pixels.
   */
  overlay?: (
    ctx: CanvasRenderingContext2D,
    toSheet: (x: number, y: number) => [number, number],
    unit: number,
    /** Sheet rectangles the legend, scale bar and north arrow will cover: labels placed there would be hidden. */
    covered: Rect[],
  ) => void;
}

export const DEFAULT_SHEET = { width: 1600, height: 1131 } as const;

const INK = '#1d2433';
const BAND = '#12305a';

function whenIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    map.triggerRepaint();
  });
}

/** Renders the sheet on a new canvas (the PNG and print paths share it). */
export async function composeMapCanvas(options: ComposeMapOptions): Promise<HTMLCanvasElement> {
  const width = Math.round(options.width ?? DEFAULT_SHEET.width);
  const height = Math.round(options.height ?? DEFAULT_SHEET.height);
  if (!(width >= 200 && height >= 150 && width <= 8192 && height <= 8192)) {
    throw new RangeError(`Taille d’export invalide : ${width} × ${height} px (de 200 × 150 à 8192 × 8192).`);
  }
  const { map } = options;
  const layout = sheetLayout(width, height, Boolean(options.subtitle), options.textScale);
  const container = map.getContainer();
  const cssWidth = container.clientWidth;
  const cssHeight = container.clientHeight;
  if (cssWidth === 0 || cssHeight === 0) throw new Error('La carte n’est pas affichée : export impossible.');
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Le navigateur ne permet pas de dessiner l’export (canvas 2D indisponible).');

  const margin = Math.round(layout.unit * 1.2);
  const legendFor = (maxHeight: number) =>
    options.legend && options.legend.items.length > 0
      ? layoutLegend(options.legend, {
          titleFont: layout.fonts.legendTitle,
          font: layout.fonts.legend,
          fontSize: Math.round(layout.unit * 1.1),
          maxWidth: Math.min(layout.map.width * 0.3, layout.unit * 34),
          maxHeight,
          measure: measureWith(ctx),
        })
      : null;
  let legend = legendFor(layout.map.height - 2 * margin);
  const arrangement = arrangeSheet(cssWidth, cssHeight, layout.map, options.fit ?? 'contain', legend, margin);
  const { placement, mapBox } = arrangement;
  let legendAt = arrangement.legend;
  if (legend && legendAt?.mode === 'overlay' && legend.height > mapBox.height - 2 * margin) {
    // A map shorter than the area (contained with bands above and below): fit the legend to the map.
    legend = legendFor(mapBox.height - 2 * margin);
    if (legend) legendAt = { ...legendAt, y: mapBox.y + mapBox.height - margin - legend.height };
  }

  const previousRatio = map.getPixelRatio();
  // null (no override, follow devicePixelRatio) must be put back as null, not frozen to today's value.
  const previousOverride = map._overridePixelRatio ?? null;
  const wanted = Math.min(
    options.maxPixelRatio ?? 3,
    Math.max(previousRatio, Math.ceil(placement.scale * 4) / 4),
  );
  try {
    if (wanted > previousRatio) map.setPixelRatio(wanted);
    await whenIdle(map);
    const source = map.getCanvas();
    // The drawing buffer is cssSize × pixelRatio: convert the placement's CSS-pixel source rectangle.
    const kx = source.width / cssWidth;
    const ky = source.height / cssHeight;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(
      source,
      placement.sx * kx,
      placement.sy * ky,
      placement.sw * kx,
      placement.sh * ky,
      placement.dx,
      placement.dy,
      placement.dw,
      placement.dh,
    );
  } finally {
    if (map.getPixelRatio() !== previousRatio) {
      map.setPixelRatio(previousOverride as number);
      map.triggerRepaint();
    }
  }

  if (options.overlay) {
    const toSheet = (x: number, y: number): [number, number] => [
      placement.dx + (x - placement.sx) * placement.scale,
      placement.dy + (y - placement.sy) * placement.scale,
    ];
    ctx.save();
    ctx.beginPath();
    ctx.rect(mapBox.x, mapBox.y, mapBox.width, mapBox.height);
    ctx.clip();
    const u = layout.unit;
    const scaleWidth = Math.min(mapBox.width * 0.22, u * 22) + 3 * u;
    const covered: Rect[] = [
      // North arrow (top right) and scale bar (bottom right), as drawScaleBar and drawNorthArrow place them.
      { x: mapBox.x + mapBox.width - u * 6.2, y: mapBox.y, width: u * 6.2, height: u * 6.2 },
      {
        x: mapBox.x + mapBox.width - u * 1.2 - scaleWidth,
        y: mapBox.y + mapBox.height - u * 5.2,
        width: scaleWidth + u * 1.2,
        height: u * 5.2,
      },
      ...(legend && legendAt
        ? [{ x: legendAt.x, y: legendAt.y, width: legend.width, height: legend.height }]
        : []),
    ];
    options.overlay(ctx, toSheet, u, covered);
    ctx.restore();
  }

  ctx.strokeStyle = '#9aa6b8';
  ctx.lineWidth = Math.max(1, layout.unit * 0.1);
  ctx.strokeRect(mapBox.x + 0.5, mapBox.y + 0.5, mapBox.width - 1, mapBox.height - 1);

  drawTitle(ctx, layout, options);
  const metresPerSheetPx = metresPerPixel(map.getCenter().lat, map.getZoom()) / placement.scale;
  drawScaleBar(ctx, layout, mapBox, metresPerSheetPx);
  drawNorthArrow(ctx, layout, mapBox, map.getBearing());
  if (legend && legendAt) drawLegend(ctx, layout, legend, legendAt);
  drawFooter(ctx, layout, options);
  return canvas;
}

/** The composed sheet as a PNG blob. */
export async function composeMapPng(options: ComposeMapOptions): Promise<Blob> {
  const canvas = await composeMapCanvas(options);
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('Le navigateur n’a pas pu encoder l’image PNG.'))),
      'image/png',
    );
  });
}

const measureWith =
  (ctx: CanvasRenderingContext2D) =>
  (text: string, font: string): number => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };

function drawTitle(ctx: CanvasRenderingContext2D, layout: SheetLayout, options: ComposeMapOptions): void {
  const { title: band, unit, fonts } = layout;
  const measure = measureWith(ctx);
  const margin = Math.round(unit * 2);
  ctx.fillStyle = BAND;
  ctx.fillRect(band.x, band.y, band.width, band.height);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  let textRight = band.width - margin;
  if (options.badge) {
    const font = fonts.scale;
    const pad = Math.round(unit * 0.6);
    const badgeWidth = Math.min(measure(options.badge, font) + 2 * pad, band.width / 3);
    const badgeHeight = Math.round(unit * 2.2);
    const x = band.width - margin - badgeWidth;
    const y = Math.round((band.height - badgeHeight) / 2);
    // The app's sample badge colours: sample data must never pass for real data, on paper either.
    ctx.fillStyle = '#fff3cd';
    ctx.strokeStyle = '#e7c66b';
    ctx.lineWidth = Math.max(1, unit * 0.1);
    ctx.beginPath();
    ctx.roundRect(x, y, badgeWidth, badgeHeight, unit * 0.3);
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#7a5300';
    ctx.font = font;
    ctx.textBaseline = 'middle';
    ctx.fillText(ellipsize(options.badge, badgeWidth - 2 * pad, font, measure), x + pad, y + badgeHeight / 2);
    ctx.textBaseline = 'alphabetic';
    textRight = x - margin;
  }
  ctx.fillStyle = '#ffffff';
  ctx.font = fonts.title;
  ctx.fillText(
    ellipsize(options.title, textRight - margin, fonts.title, measure),
    margin,
    Math.round(unit * 3.2),
  );
  if (options.subtitle) {
    ctx.font = fonts.subtitle;
    ctx.fillStyle = '#dce6f5';
    ctx.fillText(
      ellipsize(options.subtitle, textRight - margin, fonts.subtitle, measure),
      margin,
      Math.round(unit * 5.4),
    );
  }
}

function panel(ctx: CanvasRenderingContext2D, rect: Rect, unit: number): void {
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.strokeStyle = '#9aa6b8';
  ctx.lineWidth = Math.max(1, unit * 0.08);
  ctx.beginPath();
  ctx.roundRect(rect.x, rect.y, rect.width, rect.height, unit * 0.4);
  ctx.fill();
  ctx.stroke();
}

function drawLegend(
  ctx: CanvasRenderingContext2D,
  layout: SheetLayout,
  box: LegendLayout,
  { x, y }: { x: number; y: number },
): void {
  const { unit, fonts } = layout;
  panel(ctx, { x, y, width: box.width, height: box.height }, unit);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = INK;
  ctx.font = fonts.legendTitle;
  for (const line of box.titleLines) ctx.fillText(line.text, x + box.padding, y + line.y);
  ctx.font = fonts.legend;
  for (const item of box.items) {
    ctx.fillStyle = item.colour;
    ctx.fillRect(x + item.swatch.x, y + item.swatch.y, item.swatch.width, item.swatch.height);
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
    ctx.lineWidth = 1;
    ctx.strokeRect(
      x + item.swatch.x + 0.5,
      y + item.swatch.y + 0.5,
      item.swatch.width - 1,
      item.swatch.height - 1,
    );
    ctx.fillStyle = INK;
    for (const line of item.lines) ctx.fillText(line.text, x + line.x, y + line.y);
  }
  if (box.moreY !== null) {
    ctx.fillStyle = '#5b6577';
    ctx.fillText(hiddenItemsText(box.hidden), x + box.padding, y + box.moreY);
  }
}

function drawScaleBar(
  ctx: CanvasRenderingContext2D,
  layout: SheetLayout,
  mapBox: Rect,
  metresPerPx: number,
): void {
  const { unit, fonts } = layout;
  const bar = scaleBarLength(metresPerPx, Math.min(mapBox.width * 0.22, unit * 22));
  if (!bar) return;
  const margin = Math.round(unit * 1.2);
  const pad = Math.round(unit * 0.7);
  const barHeight = Math.max(4, Math.round(unit * 0.6));
  const textHeight = Math.round(unit * 1.4);
  ctx.font = fonts.scale;
  const labelsWidth = ctx.measureText(`0 ${bar.label}`).width + unit;
  const box: Rect = {
    width: Math.ceil(Math.max(bar.px, labelsWidth) + 2 * pad),
    height: textHeight + barHeight + 2 * pad,
    x: 0,
    y: 0,
  };
  box.x = mapBox.x + mapBox.width - margin - box.width;
  box.y = mapBox.y + mapBox.height - margin - box.height;
  panel(ctx, box, unit);
  const left = box.x + pad;
  const top = box.y + pad + textHeight;
  // Two halves, black and white, so that half the length can be read too.
  ctx.fillStyle = INK;
  ctx.fillRect(left, top, bar.px / 2, barHeight);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(left + bar.px / 2, top, bar.px / 2, barHeight);
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, unit * 0.12);
  ctx.strokeRect(left, top, bar.px, barHeight);
  // « 0 » over the start, the length over the end: the bar reads as a ruler.
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  ctx.fillText('0', left, top - Math.round(unit * 0.35));
  ctx.textAlign = 'right';
  ctx.fillText(bar.label, left + bar.px, top - Math.round(unit * 0.35));
  ctx.textAlign = 'left';
}

function drawNorthArrow(
  ctx: CanvasRenderingContext2D,
  layout: SheetLayout,
  mapBox: Rect,
  bearing: number,
): void {
  const { unit } = layout;
  const r = unit * 2.4;
  const cx = mapBox.x + mapBox.width - unit * 1.2 - r;
  const cy = mapBox.y + unit * 1.2 + r;
  ctx.save();
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.strokeStyle = '#9aa6b8';
  ctx.lineWidth = Math.max(1, unit * 0.08);
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  ctx.translate(cx, cy);
  ctx.rotate(northArrowRotation(bearing));
  const h = r * 0.55;
  const w = r * 0.32;
  // Left half dark, right half light: the classic compass needle, readable in greyscale prints.
  ctx.fillStyle = INK;
  ctx.beginPath();
  ctx.moveTo(0, -h);
  ctx.lineTo(-w, h * 0.55);
  ctx.lineTo(0, h * 0.25);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = INK;
  ctx.lineWidth = Math.max(1, unit * 0.1);
  ctx.beginPath();
  ctx.moveTo(0, -h);
  ctx.lineTo(w, h * 0.55);
  ctx.lineTo(0, h * 0.25);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = INK;
  ctx.font = `bold ${Math.round(unit * 1.05)}px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('N', 0, -h - unit * 0.75);
  ctx.restore();
}

function drawFooter(ctx: CanvasRenderingContext2D, layout: SheetLayout, options: ComposeMapOptions): void {
  const { footer, unit, fonts } = layout;
  const measure = measureWith(ctx);
  const margin = Math.round(unit * 2);
  ctx.fillStyle = '#f3f4f6';
  ctx.fillRect(footer.x, footer.y, footer.width, footer.height);
  ctx.fillStyle = '#d8dde6';
  ctx.fillRect(footer.x, footer.y, footer.width, Math.max(1, Math.round(unit * 0.1)));
  const edited = (options.editedOn ?? new Date()).toLocaleDateString('fr-FR');
  const right = [`Données au ${formatDataDate(options.date)}`, `Atlas COTRI · édité le ${edited}`];
  ctx.font = fonts.footer;
  const rightWidth = Math.max(...right.map((t) => measure(t, fonts.footer)));
  const lineHeight = Math.round(unit * 1.35);
  const top = footer.y + Math.round((footer.height - 2 * lineHeight) / 2) + Math.round(lineHeight * 0.8);
  const sources = wrapText(
    `Sources : ${options.sources}`,
    footer.width - 3 * margin - rightWidth,
    fonts.footer,
    measure,
    2,
  );
  ctx.fillStyle = INK;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  for (const [i, line] of sources.entries()) ctx.fillText(line, margin, top + i * lineHeight);
  ctx.textAlign = 'right';
  for (const [i, line] of right.entries()) ctx.fillText(line, footer.width - margin, top + i * lineHeight);
  ctx.textAlign = 'left';
}

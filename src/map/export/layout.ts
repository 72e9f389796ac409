/**
 * Pure layout of an exported map sheet (no DOM, no MapLibre): scale bar, sheet bands, legend box, text
 * wrapping and French labels. Text widths come from an injected `measure` so tests can use a fake one
 * and the composer the canvas's measureText.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Measure = (text: string, font: string) => number;

/** Equatorial circumference of the Web-Mercator sphere (EPSG:3857), metres. */
const EARTH_CIRCUMFERENCE = 40_075_016.686;

/** Ground metres per CSS pixel at a latitude for a MapLibre zoom (512-px tiles). */
export function metresPerPixel(latitude: number, zoom: number, tileSize = 512): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

const nbsp = '\u00a0';

/** « 500 m », « 2 km », « 1 000 km » (French digit grouping, non-breaking spaces). */
export function formatDistance(metres: number): string {
  const group = (n: number) =>
    n.toLocaleString('fr-FR', { maximumFractionDigits: 3 }).replace(/[\u202f\u00a0 ]/g, nbsp);
  return metres < 1000 ? `${group(metres)}${nbsp}m` : `${group(metres / 1000)}${nbsp}km`;
}

export interface ScaleBar {
  metres: number;
  px: number;
  label: string;
}

/**
 * The longest round length (1, 2 or 5 × 10^n metres) whose bar fits in `maxPx` pixels at this scale.
 * Returns null when even 1 cm would not fit or the scale is not a positive finite number.
 */
export function scaleBarLength(metresPerPx: number, maxPx: number): ScaleBar | null {
  if (!(metresPerPx > 0) || !Number.isFinite(metresPerPx) || !(maxPx > 0)) return null;
  const maxMetres = metresPerPx * maxPx;
  const exponent = Math.floor(Math.log10(maxMetres));
  for (let e = exponent; e >= -2; e--) {
    for (const m of [5, 2, 1]) {
      // Rebuilt from integers so that 0.1 × 5 does not become 0.5000000000000001.
      const metres = e >= 0 ? m * 10 ** e : m / 10 ** -e;
      if (metres <= maxMetres * (1 + 1e-12))
        return { metres, px: metres / metresPerPx, label: formatDistance(metres) };
    }
  }
  return null;
}

/** 2026-11-28 or a full ISO timestamp → « 28/11/2026 »; anything else is shown as given. */
export function formatDataDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(date.trim());
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date.trim();
}

export interface SheetLayout {
  /** Base unit (px): every size is a multiple of it, so a sheet looks the same at any resolution. */
  unit: number;
  title: Rect;
  map: Rect;
  footer: Rect;
  fonts: {
    title: string;
    subtitle: string;
    legendTitle: string;
    legend: string;
    footer: string;
    scale: string;
  };
}

export const FONT_FAMILY = 'system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/**
 * Title band on top, map in the middle, a two-line footer for sources and dates. `textScale` enlarges every
 * text and band: a sheet printed small (a map extract in an A4 page) keeps readable labels.
 */
export function sheetLayout(width: number, height: number, hasSubtitle: boolean, textScale = 1): SheetLayout {
  const unit = Math.max(6, Math.min(width, height * Math.SQRT2) / 100) * textScale;
  const px = (k: number) => Math.round(unit * k);
  const titleHeight = px(hasSubtitle ? 6.6 : 4.6);
  const footerHeight = px(4.2);
  return {
    unit,
    title: { x: 0, y: 0, width, height: titleHeight },
    map: { x: 0, y: titleHeight, width, height: Math.max(1, height - titleHeight - footerHeight) },
    footer: { x: 0, y: height - footerHeight, width, height: footerHeight },
    fonts: {
      title: `bold ${px(2.3)}px ${FONT_FAMILY}`,
      subtitle: `${px(1.45)}px ${FONT_FAMILY}`,
      legendTitle: `bold ${px(1.25)}px ${FONT_FAMILY}`,
      legend: `${px(1.1)}px ${FONT_FAMILY}`,
      footer: `${px(1.0)}px ${FONT_FAMILY}`,
      scale: `bold ${px(1.05)}px ${FONT_FAMILY}`,
    },
  };
}

export interface ImagePlacement {
  /** Source rectangle in the image's own pixels. */
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** Destination rectangle on the sheet. */
  dx: number;
  dy: number;
  dw: number;
  dh: number;
  /** Sheet pixels per source pixel (the same along both axes: the map is never distorted). */
  scale: number;
}

/**
 * Places an image in an area without distortion. 'contain' keeps the whole view (the scale is what the
 * user saw) and centres it, leaving bands; 'cover' fills the area and crops the overflow around the centre.
 */
export function fitImage(
  imageWidth: number,
  imageHeight: number,
  area: Rect,
  fit: 'contain' | 'cover',
): ImagePlacement {
  const sx = area.width / imageWidth;
  const sy = area.height / imageHeight;
  const scale = fit === 'contain' ? Math.min(sx, sy) : Math.max(sx, sy);
  if (fit === 'contain') {
    const dw = imageWidth * scale;
    const dh = imageHeight * scale;
    return {
      sx: 0,
      sy: 0,
      sw: imageWidth,
      sh: imageHeight,
      dx: area.x + (area.width - dw) / 2,
      dy: area.y + (area.height - dh) / 2,
      dw,
      dh,
      scale,
    };
  }
  const sw = area.width / scale;
  const sh = area.height / scale;
  return {
    sx: (imageWidth - sw) / 2,
    sy: (imageHeight - sh) / 2,
    sw,
    sh,
    dx: area.x,
    dy: area.y,
    dw: area.width,
    dh: area.height,
    scale,
  };
}

export interface SheetArrangement {
  placement: ImagePlacement;
  /** The part of the sheet covered by the map image. */
  mapBox: Rect;
  /**
   * Top-left corner of the legend: 'side' in the room that a contained map leaves beside it (the legend
   * then hides nothing), 'overlay' in the map's bottom-left corner otherwise.
   */
  legend: { x: number; y: number; mode: 'side' | 'overlay' } | null;
}

/** Where the map image and the legend go in the sheet's map area. */
export function arrangeSheet(
  imageWidth: number,
  imageHeight: number,
  area: Rect,
  fit: 'contain' | 'cover',
  legend: { width: number; height: number } | null,
  margin: number,
): SheetArrangement {
  const boxOf = (p: ImagePlacement): Rect => ({
    x: Math.max(area.x, p.dx),
    y: Math.max(area.y, p.dy),
    width: Math.min(area.width, p.dw),
    height: Math.min(area.height, p.dh),
  });
  const placement = fitImage(imageWidth, imageHeight, area, fit);
  if (!legend) return { placement, mapBox: boxOf(placement), legend: null };
  const side = legend.width + 2 * margin;
  if (fit === 'contain' && area.width - placement.dw >= side && legend.height + 2 * margin <= area.height) {
    const rest: Rect = { ...area, x: area.x + side, width: area.width - side };
    const moved = fitImage(imageWidth, imageHeight, rest, fit);
    return {
      placement: moved,
      mapBox: boxOf(moved),
      legend: { x: area.x + margin, y: area.y + margin, mode: 'side' },
    };
  }
  const mapBox = boxOf(placement);
  return {
    placement,
    mapBox,
    legend: { x: mapBox.x + margin, y: mapBox.y + mapBox.height - margin - legend.height, mode: 'overlay' },
  };
}

/**
 * Greedy word wrap. A single word wider than the line is cut with an ellipsis; past `maxLines`, the last
 * line ends with an ellipsis so that nothing is silently cut.
 */
export function wrapText(
  text: string,
  maxWidth: number,
  font: string,
  measure: Measure,
  maxLines = Infinity,
): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate, font) <= maxWidth || !line) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  const fitted = lines.map((l) => ellipsize(l, maxWidth, font, measure));
  if (fitted.length <= maxLines) return fitted;
  const kept = fitted.slice(0, maxLines);
  kept[maxLines - 1] = ellipsize(`${kept[maxLines - 1]}…`, maxWidth, font, measure, true);
  return kept;
}

/** Shortens a text with « … » until it fits (`force` keeps an ellipsis already appended). */
export function ellipsize(
  text: string,
  maxWidth: number,
  font: string,
  measure: Measure,
  force = false,
): string {
  if (measure(text, font) <= maxWidth && (!force || text.endsWith('…'))) return text;
  let base = text.endsWith('…') ? text.slice(0, -1) : text;
  while (base.length > 0 && measure(`${base}…`, font) > maxWidth) base = base.slice(0, -1);
  return `${base.trimEnd()}…`;
}

export interface LegendItem {
  colour: string;
  label: string;
}

export interface LegendSpec {
  title: string;
  items: LegendItem[];
}

export interface LegendLayout {
  width: number;
  height: number;
  padding: number;
  titleLines: { text: string; y: number }[];
  items: { colour: string; swatch: Rect; lines: { text: string; x: number; y: number }[] }[];
  /** Items that did not fit (the box then says so). */
  hidden: number;
  /** Baseline of the « … et N autres » line when items are hidden. */
  moreY: number | null;
  lineHeight: number;
}

export interface LegendStyle {
  titleFont: string;
  font: string;
  /** Font size in px of `font` (line heights derive from it). */
  fontSize: number;
  maxWidth: number;
  maxHeight: number;
  measure: Measure;
}

/**
 * Lays out a legend box (coordinates relative to its top-left corner): title, then one swatch per item
 * with its label wrapped beside it. Items that would overflow `maxHeight` are dropped and counted.
 */
export function layoutLegend(legend: LegendSpec, style: LegendStyle): LegendLayout {
  const { fontSize, measure } = style;
  const padding = Math.round(fontSize * 0.7);
  const lineHeight = Math.round(fontSize * 1.3);
  const swatchSize = Math.round(fontSize * 1.05);
  const gap = Math.round(fontSize * 0.5);
  const textX = padding + swatchSize + gap;
  const innerWidth = style.maxWidth - 2 * padding;
  const labelWidth = style.maxWidth - textX - padding;
  const titleLines = wrapText(legend.title, innerWidth, style.titleFont, measure, 2);
  let widest = Math.max(0, ...titleLines.map((t) => measure(t, style.titleFont)));
  let y = padding;
  const titled = titleLines.map((text) => {
    y += lineHeight;
    return { text, y: y - Math.round(lineHeight * 0.28) };
  });
  y += Math.round(lineHeight * 0.25);
  const items: LegendLayout['items'] = [];
  for (let i = 0; i < legend.items.length; i++) {
    const item = legend.items[i]!;
    const wrapped = wrapText(item.label, labelWidth, style.font, measure, 3);
    const blockHeight = Math.max(wrapped.length * lineHeight, swatchSize + 4);
    const remaining = legend.items.length - i - 1;
    // Keep room for the « … et N autres » line unless this is the last item.
    const reserve = remaining > 0 ? lineHeight : 0;
    if (y + blockHeight + reserve + padding > style.maxHeight && items.length > 0) break;
    const top = y;
    items.push({
      colour: item.colour,
      swatch: {
        x: padding,
        y: top + Math.round((lineHeight - swatchSize) / 2),
        width: swatchSize,
        height: swatchSize,
      },
      lines: wrapped.map((text, k) => ({
        text,
        x: textX,
        y: top + (k + 1) * lineHeight - Math.round(lineHeight * 0.28),
      })),
    });
    for (const text of wrapped) widest = Math.max(widest, textX - padding + measure(text, style.font));
    y += blockHeight;
  }
  const hidden = legend.items.length - items.length;
  let moreY: number | null = null;
  if (hidden > 0) {
    y += lineHeight;
    moreY = y - Math.round(lineHeight * 0.28);
    widest = Math.max(widest, measure(hiddenItemsText(hidden), style.font));
  }
  return {
    width: Math.min(style.maxWidth, Math.ceil(widest + 2 * padding)),
    height: Math.ceil(y + padding),
    padding,
    titleLines: titled,
    items,
    hidden,
    moreY,
    lineHeight,
  };
}

export function hiddenItemsText(hidden: number): string {
  return `… et ${hidden} autre${hidden > 1 ? 's' : ''}`;
}

/** Screen rotation (radians, clockwise) of an arrow pointing north on a map turned by `bearing` degrees. */
export function northArrowRotation(bearing: number): number {
  return (-bearing * Math.PI) / 180;
}

import type { Position } from 'geojson';
import { ellipsize, FONT_FAMILY, type Rect } from '../../map/export/layout.ts';
import type { CommuneInView, SheetNeighbour } from './sheetContext.ts';

/**
 * The printed sheet's map context, drawn on the composed canvas over the map image: commune outlines and
 * names (the map's own labels sit on commune centres, usually outside a 1/25 000 extract), the neighbouring
 * sites named, and the sheet's site ringed. Labels never overlap: one that would is left out.
 */
export interface SheetOverlay {
  site: { point: Position; label: string };
  ownInsee: string | null;
  communes: readonly CommuneInView[];
  neighbours: readonly SheetNeighbour[];
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, halo: number): void {
  ctx.lineJoin = 'round';
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.95)';
  ctx.lineWidth = halo;
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

export function drawSheetOverlay(
  ctx: CanvasRenderingContext2D,
  project: (p: Position) => [number, number],
  unit: number,
  data: SheetOverlay,
  covered: readonly Rect[] = [],
): void {
  const measure = (text: string, font: string) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  };
  const placed: Box[] = covered.map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height }));
  const place = (box: Box) => {
    if (placed.some((b) => overlaps(b, box))) return false;
    placed.push(box);
    return true;
  };

  // Commune outlines: dark and dashed, so they read over the EPCI fills and a basemap alike.
  ctx.save();
  ctx.strokeStyle = '#39424f';
  ctx.lineWidth = Math.max(1.5, unit * 0.16);
  ctx.setLineDash([unit * 0.8, unit * 0.4]);
  for (const c of data.communes)
    for (const rings of c.part.coordinates)
      for (const ring of rings) {
        ctx.beginPath();
        ring.forEach((p, k) => {
          const [x, y] = project(p);
          if (k === 0) ctx.moveTo(x, y);
          else ctx.lineTo(x, y);
        });
        ctx.stroke();
      }
  ctx.restore();

  // The site: a double ring around its point and its label, placed first so that nothing hides it.
  const [sx, sy] = project(data.site.point);
  ctx.lineWidth = unit * 0.35;
  ctx.strokeStyle = '#ffffff';
  ctx.beginPath();
  ctx.arc(sx, sy, unit * 2, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.lineWidth = unit * 0.2;
  ctx.strokeStyle = '#c0392b';
  ctx.stroke();
  const siteFont = `bold ${Math.round(unit * 1.25)}px ${FONT_FAMILY}`;
  const siteText = ellipsize(data.site.label, unit * 30, siteFont, measure);
  const siteWidth = measure(siteText, siteFont);
  ctx.font = siteFont;
  ctx.fillStyle = '#7b1f14';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  place({ x: sx - unit * 2.2, y: sy - unit * 2.2, w: unit * 4.4, h: unit * 4.4 });
  // Past the map's own rank label, drawn just right of the point.
  const labelX = sx + unit * 3.6;
  place({ x: labelX, y: sy - unit * 0.9, w: siteWidth, h: unit * 1.8 });
  haloText(ctx, siteText, labelX, sy, unit * 0.45);

  // Neighbours: rank and name beside their point, nearest first, on the first free side.
  const font = `${Math.round(unit * 1.05)}px ${FONT_FAMILY}`;
  ctx.fillStyle = '#1d2433';
  for (const n of data.neighbours) {
    const [x, y] = project(n.point);
    const text = ellipsize(`${n.rank ? `n° ${n.rank} · ` : ''}${n.name}`, unit * 22, font, measure);
    const w = measure(text, font);
    const h = unit * 1.5;
    const r = unit * 1.1;
    ctx.font = font;
    for (const [bx, align] of [
      [x + r, 'left'],
      [x - r - w, 'right'],
    ] as const) {
      if (!place({ x: bx, y: y - h / 2, w, h })) continue;
      ctx.textAlign = align;
      haloText(ctx, text, align === 'left' ? bx : bx + w, y, unit * 0.4);
      break;
    }
  }

  // Commune names last, in capitals: the site's own commune bolder; one hidden by a site label is skipped.
  ctx.textAlign = 'center';
  for (const c of data.communes) {
    const own = c.insee === data.ownInsee;
    const communeFont = `${own ? 'bold ' : ''}${Math.round(unit * (own ? 1.45 : 1.2))}px ${FONT_FAMILY}`;
    const text = c.name.toUpperCase();
    const w = measure(text, communeFont);
    const [x, y0] = project(c.labelAt);
    // Its own spot, else nearby ones (still inside the commune's visible part, most of the time).
    const spots = [0, 2.5, -2.5].flatMap((dy) =>
      [0, w / 2 + unit * 2, -(w / 2 + unit * 2)].map((dx) => [x + dx, y0 + unit * dy] as const),
    );
    const spot = spots.find(([sx0, sy0]) => place({ x: sx0 - w / 2, y: sy0 - unit, w, h: unit * 2 }));
    if (!spot) continue;
    const [lx, y] = spot;
    ctx.font = communeFont;
    ctx.fillStyle = own ? '#1d2433' : '#4a5466';
    haloText(ctx, text, lx, y, unit * 0.5);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

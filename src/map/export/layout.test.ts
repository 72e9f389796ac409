import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrangeSheet,
  ellipsize,
  fitImage,
  formatDataDate,
  formatDistance,
  layoutLegend,
  type Measure,
  metresPerPixel,
  northArrowRotation,
  scaleBarLength,
  sheetLayout,
  wrapText,
} from './layout.ts';

/** Fake monospace font: 10 px per character, whatever the font string. */
const mono: Measure = (text) => text.length * 10;
const nb = (s: string) => s.replace(/ /g, '\u00a0');

describe('metresPerPixel', () => {
  it('follows the Web-Mercator ground resolution for 512-px tiles', () => {
    expect(metresPerPixel(0, 0)).toBeCloseTo(78_271.517, 2);
    expect(metresPerPixel(60, 0)).toBeCloseTo(78_271.517 / 2, 2);
    // Each zoom level halves the resolution.
    expect(metresPerPixel(50.7, 10) * 2).toBeCloseTo(metresPerPixel(50.7, 9), 6);
    // Boulogne-sur-Mer at zoom 9.5: 78,271.5 × cos 50.72° / 2^9.5 ≈ 68.4 m per pixel.
    expect(metresPerPixel(50.72, 9.5)).toBeCloseTo(68.4, 1);
    expect(metresPerPixel(0, 0, 256)).toBeCloseTo(156_543.034, 2);
  });
});

describe('scaleBarLength', () => {
  it('picks the longest 1/2/5 × 10^n length that fits', () => {
    expect(scaleBarLength(10, 200)).toEqual({ metres: 2000, px: 200, label: nb('2 km') });
    expect(scaleBarLength(10, 199)).toEqual({ metres: 1000, px: 100, label: nb('1 km') });
    const fiveKm = scaleBarLength(37.3, 250)!;
    expect(fiveKm.metres).toBe(5000);
    expect(fiveKm.px).toBeCloseTo(134.05, 2);
    expect(fiveKm.label).toBe(nb('5 km'));
    expect(scaleBarLength(0.5, 150)).toEqual({ metres: 50, px: 100, label: nb('50 m') });
    expect(scaleBarLength(3, 200)!.label).toBe(nb('500 m'));
    expect(scaleBarLength(0.001, 150)!.metres).toBe(0.1);
  });

  it('refuses nonsense scales', () => {
    expect(scaleBarLength(0, 100)).toBeNull();
    expect(scaleBarLength(-3, 100)).toBeNull();
    expect(scaleBarLength(Number.NaN, 100)).toBeNull();
    expect(scaleBarLength(Number.POSITIVE_INFINITY, 100)).toBeNull();
    expect(scaleBarLength(10, 0)).toBeNull();
    expect(scaleBarLength(0.0001, 50)).toBeNull();
  });

  it('always fits, is never less than 40 % of the room, and is a round number', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100_000, noNaN: true }),
        fc.integer({ min: 20, max: 2000 }),
        (mpp, maxPx) => {
          const bar = scaleBarLength(mpp, maxPx)!;
          expect(bar.px).toBeLessThanOrEqual(maxPx * (1 + 1e-9));
          expect(bar.px).toBeGreaterThan(maxPx * 0.4 - 1e-9);
          const mantissa = bar.metres / 10 ** Math.floor(Math.log10(bar.metres) + 1e-9);
          expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('French labels', () => {
  it('formats distances with French grouping', () => {
    expect(formatDistance(200)).toBe(nb('200 m'));
    expect(formatDistance(1_000_000)).toBe(nb('1 000 km'));
    expect(formatDistance(0.5)).toBe(nb('0,5 m'));
  });

  it('formats ISO dates as dd/mm/yyyy and leaves other text alone', () => {
    expect(formatDataDate('2026-11-28')).toBe('28/11/2026');
    expect(formatDataDate('2026-11-28T12:46:45.145Z')).toBe('28/11/2026');
    expect(formatDataDate(' mars 2025 ')).toBe('mars 2025');
  });

  it('turns the north arrow against the bearing', () => {
    expect(northArrowRotation(0)).toBe(-0);
    expect(northArrowRotation(90)).toBeCloseTo(-Math.PI / 2);
  });
});

describe('sheetLayout', () => {
  it('stacks title, map and footer over the whole height, larger with a subtitle', () => {
    for (const [w, h] of [
      [1600, 1131],
      [3508, 2480],
      [800, 600],
    ] as const) {
      const plain = sheetLayout(w, h, false);
      const withSub = sheetLayout(w, h, true);
      for (const l of [plain, withSub]) {
        expect(l.title.y).toBe(0);
        expect(l.map.y).toBe(l.title.height);
        expect(l.map.y + l.map.height).toBe(l.footer.y);
        expect(l.footer.y + l.footer.height).toBe(h);
        expect(l.map.height).toBeGreaterThan(h * 0.75);
      }
      expect(withSub.title.height).toBeGreaterThan(plain.title.height);
    }
    // Twice the pixels, twice the type size: the sheet looks the same.
    const small = sheetLayout(1600, 1131, false);
    const big = sheetLayout(3200, 2262, false);
    expect(big.unit).toBeCloseTo(small.unit * 2);
    expect(big.fonts.title).toMatch(/^bold 74px /);
  });
});

describe('fitImage', () => {
  const area = { x: 0, y: 100, width: 1600, height: 900 };

  it('contain keeps the whole image centred without distortion', () => {
    const p = fitImage(1000, 850, area, 'contain');
    expect(p).toMatchObject({ sx: 0, sy: 0, sw: 1000, sh: 850, dy: 100, dh: 900 });
    expect(p.dw / p.dh).toBeCloseTo(1000 / 850);
    expect(p.dx + p.dw / 2).toBeCloseTo(800);
    expect(p.scale).toBeCloseTo(900 / 850);
  });

  it('cover fills the area and crops around the centre', () => {
    const p = fitImage(1000, 850, area, 'cover');
    expect(p).toMatchObject({ dx: 0, dy: 100, dw: 1600, dh: 900, sx: 0, sw: 1000 });
    expect(p.sh).toBeCloseTo(900 / 1.6);
    expect(p.sy + p.sh / 2).toBeCloseTo(425);
    expect(p.sw / p.sh).toBeCloseTo(1600 / 900);
  });
});

describe('text wrapping', () => {
  it('wraps on words and never exceeds the width', () => {
    const lines = wrapText('Communes sans donnée ou trop peu de cas', 120, 'f', mono);
    expect(lines).toEqual(['Communes', 'sans donnée', 'ou trop peu', 'de cas']);
    for (const l of lines) expect(mono(l, 'f')).toBeLessThanOrEqual(120);
  });

  it('cuts an over-long word and marks truncated text with an ellipsis', () => {
    expect(wrapText('Intercommunalités', 100, 'f', mono)).toEqual(['Intercomm…']);
    const two = wrapText('un deux trois quatre cinq six', 110, 'f', mono, 2);
    expect(two).toHaveLength(2);
    expect(two[1]!.endsWith('…')).toBe(true);
    expect(ellipsize('court', 100, 'f', mono)).toBe('court');
  });
});

describe('layoutLegend', () => {
  const style = {
    titleFont: 'bold',
    font: 'normal',
    fontSize: 20,
    maxWidth: 300,
    maxHeight: 400,
    measure: mono,
  };
  const items = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ colour: `#00000${i % 10}`, label: `Classe ${i + 1}` }));

  it('places a swatch and a label per item inside the box', () => {
    const legend = layoutLegend({ title: 'Intercommunalités', items: items(3) }, style);
    expect(legend.items).toHaveLength(3);
    expect(legend.hidden).toBe(0);
    expect(legend.moreY).toBeNull();
    expect(legend.width).toBeLessThanOrEqual(300);
    expect(legend.height).toBeLessThanOrEqual(400);
    let previousBottom = 0;
    for (const item of legend.items) {
      expect(item.swatch.y).toBeGreaterThanOrEqual(previousBottom);
      expect(item.lines[0]!.x).toBeGreaterThan(item.swatch.x + item.swatch.width);
      for (const line of item.lines) expect(line.x + mono(line.text, '')).toBeLessThanOrEqual(legend.width);
      previousBottom = item.swatch.y + item.swatch.height;
    }
    expect(legend.items[0]!.swatch.y).toBeGreaterThan(legend.titleLines.at(-1)!.y);
  });

  it('drops the items that do not fit and says how many', () => {
    const legend = layoutLegend({ title: 'Classes', items: items(40) }, style);
    expect(legend.items.length).toBeGreaterThan(3);
    expect(legend.items.length + legend.hidden).toBe(40);
    expect(legend.height).toBeLessThanOrEqual(400);
    expect(legend.moreY).not.toBeNull();
  });

  it('wraps long labels onto several lines', () => {
    const legend = layoutLegend(
      { title: 'T', items: [{ colour: '#fff', label: 'Communes sans donnée ou avec trop peu de cas' }] },
      style,
    );
    expect(legend.items[0]!.lines.length).toBeGreaterThan(1);
  });
});

describe('arrangeSheet', () => {
  const area = { x: 0, y: 100, width: 1600, height: 900 };
  const legend = { width: 300, height: 120 };

  it('puts the legend beside a contained map when the room left over is wide enough', () => {
    // A 1000 × 850 view in a 1600 × 900 area leaves 1600 − 1059 = 541 px: enough for 300 + 2 × 20.
    const a = arrangeSheet(1000, 850, area, 'contain', legend, 20);
    expect(a.legend).toEqual({ x: 20, y: 120, mode: 'side' });
    // The map keeps its scale (height-bound) and moves right of the legend, hiding none of it.
    expect(a.placement.scale).toBeCloseTo(900 / 850);
    expect(a.mapBox.x).toBeGreaterThanOrEqual(20 + 300 + 20);
    expect(a.mapBox.x + a.mapBox.width).toBeLessThanOrEqual(1600);
  });

  it('overlays the legend in the map’s bottom-left corner when there is no room beside it', () => {
    const a = arrangeSheet(1600, 900, area, 'contain', legend, 20);
    expect(a.legend).toEqual({ x: 20, y: 100 + 900 - 20 - 120, mode: 'overlay' });
    const cover = arrangeSheet(1000, 850, area, 'cover', legend, 20);
    expect(cover.legend!.mode).toBe('overlay');
    expect(cover.mapBox).toEqual(area);
  });

  it('works without a legend', () => {
    const a = arrangeSheet(1000, 850, area, 'contain', null, 20);
    expect(a.legend).toBeNull();
    expect(a.mapBox.x + a.mapBox.width / 2).toBeCloseTo(800);
  });
});

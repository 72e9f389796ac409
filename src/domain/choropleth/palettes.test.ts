import { describe, expect, it } from 'vitest';
import {
  divergingColors,
  NO_DATA_COLOR,
  PALETTES,
  PaletteError,
  type SequentialPaletteId,
  SMALL_SAMPLE_COLOR,
  sequentialColors,
} from './palettes.ts';

const HEX = /^#[0-9a-f]{6}$/;
const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
};

describe('sequential palettes', () => {
  const sequential = PALETTES.filter((p) => p.kind === 'sequential').map((p) => p.id as SequentialPaletteId);

  it('provide 3 to 7 distinct hex colours, light to dark', () => {
    for (const id of sequential) {
      for (let n = 3; n <= 7; n++) {
        const colors = sequentialColors(id, n);
        expect(colors).toHaveLength(n);
        expect(new Set(colors).size).toBe(n);
        for (const c of colors) expect(c).toMatch(HEX);
        const lum = colors.map(luminance);
        for (let i = 1; i < n; i++) expect(lum[i]!).toBeLessThan(lum[i - 1]!);
      }
    }
  });

  it('never reuse the no-data or small-sample greys', () => {
    for (const id of sequential) {
      for (let n = 1; n <= 7; n++) {
        const colors = sequentialColors(id, n);
        expect(colors).not.toContain(NO_DATA_COLOR);
        expect(colors).not.toContain(SMALL_SAMPLE_COLOR);
      }
    }
  });

  it('reverse on request and cover merged classes (1–2) from the 3-class palette', () => {
    expect(sequentialColors('Blues', 3, true)).toEqual(['#3182bd', '#9ecae1', '#deebf7']);
    expect(sequentialColors('Blues', 2)).toEqual(['#deebf7', '#3182bd']);
    expect(sequentialColors('Blues', 1)).toEqual(['#9ecae1']);
    expect(() => sequentialColors('Blues', 8)).toThrow(PaletteError);
  });
});

describe('diverging palettes', () => {
  const bounds = (breaks: number[]) => breaks.slice(0, -1).map((min, i) => ({ min, max: breaks[i + 1]! }));

  it('puts the neutral colour on the class holding the midpoint, symmetric shades around it', () => {
    const colors = divergingColors('RdBu', bounds([-30, -20, -10, 10, 20, 30]), 0);
    expect(colors).toEqual(['#ca0020', '#f4a582', '#f7f7f7', '#92c5de', '#0571b0']);
  });

  it('has no neutral class when the midpoint is a break', () => {
    const colors = divergingColors('PuOr', bounds([-2, -1, 0, 1, 2]), 0);
    expect(colors).toEqual(['#e66101', '#fdb863', '#b2abd2', '#5e3c99']);
  });

  it('keeps equal contrast per step when the sides are unbalanced', () => {
    // One class below, three above: the below class gets the lightest low shade of a 7-colour ramp.
    const colors = divergingColors('RdBu', bounds([-5, 0, 5, 10, 15]), 0);
    expect(colors).toEqual(['#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac']);
  });

  it('explains in French when one side needs more than 5 shades', () => {
    expect(() => divergingColors('RdBu', bounds([1, 2, 3, 4, 5, 6, 7]), 0)).toThrow(/point milieu/);
  });
});

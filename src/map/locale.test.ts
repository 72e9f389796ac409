import { describe, expect, it } from 'vitest';
import { MAP_LOCALE_FR } from './locale.ts';

// MapLibre's English defaults, read from its source so a new control string shows up here.
const source = await import('node:fs').then((fs) =>
  fs.readFileSync(
    new URL('../../node_modules/maplibre-gl/src/ui/default_locale.ts', import.meta.url),
    'utf8',
  ),
);
const keys = [...source.matchAll(/'([A-Za-z]+\.[A-Za-z]+)':/g)].map((m) => m[1]!);

describe('French map locale', () => {
  it('translates every string of MapLibre’s default locale', () => {
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((k) => !(k in MAP_LOCALE_FR))).toEqual([]);
  });
  it('names the canvas and the zoom buttons in French', () => {
    expect(MAP_LOCALE_FR['Map.Title']).toMatch(/^Carte/);
    expect(MAP_LOCALE_FR['NavigationControl.ZoomIn']).toBe('Zoom avant');
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapWritesIn, mapWritesInRepo, WRITER } from './mapWriter.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('one map writer (scripts/lint/mapWriter.ts)', () => {
  it('flags sources and layers written outside MapSync, whatever the receiver', () => {
    const source = [
      "map.addSource('x', { type: 'geojson', data });",
      '  this.map.addLayer({ id: "x" });',
      '(map.getSource("x") as GeoJSONSource).setData(data);',
      'map?.moveLayer("x");',
      'map.setPaintProperty("x", "fill-color", "red");',
      'map.setFeatureState({ source: "s", id: 1 }, { hover: true });',
    ].join('\n');
    expect(mapWritesIn('src/map/draw/Tool.ts', source).map((w) => `${w.line}:${w.method}`)).toEqual([
      '1:addSource',
      '2:addLayer',
      '3:setData',
      '4:moveLayer',
      '5:setPaintProperty',
      '6:setFeatureState',
    ]);
  });

  it('lets the writer write, MapView set feature state, and comments name the methods', () => {
    expect(mapWritesIn(WRITER, 'map.addLayer(layer); source.setData(d);')).toEqual([]);
    expect(mapWritesIn('src/map/MapView.tsx', 'map.setFeatureState(f, { hover: true });')).toEqual([]);
    expect(mapWritesIn('src/map/MapView.tsx', 'map.addLayer(l);')).toHaveLength(1);
    const documented = '/** never calls map.addLayer() */\n// nor source.setData(x)\nconst url = "http://x";';
    expect(mapWritesIn('src/ui/Panel.tsx', documented)).toEqual([]);
    expect(mapWritesIn('src/ui/Panel.tsx', 'map.getLayer("x"); map.getSource("x");')).toEqual([]);
  });

  it('finds no map write outside MapSync in the app, and runs in npm run lint', () => {
    expect(mapWritesInRepo(ROOT)).toEqual([]);
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
      scripts: { lint: string };
    };
    expect(pkg.scripts.lint).toContain('tsx scripts/lint/mapWriter.ts');
  });
});

import { describe, expect, it } from 'vitest';
import { type FieldSample, fileShapeKey, guessMapping, resolveMapping } from './mapping.ts';

const f = (name: string, ...values: (string | null)[]): FieldSample => ({ name, values });

describe('guessMapping', () => {
  it.each([
    [['X', 'Y'], 'X', 'Y'],
    [['X_L93', 'Y_L93'], 'X_L93', 'Y_L93'],
    [['coord_x', 'coord_y'], 'coord_x', 'coord_y'],
    [['coordx', 'coordy'], 'coordx', 'coordy'],
    [['lon', 'lat'], 'lon', 'lat'],
    [['lng', 'lat'], 'lng', 'lat'],
    [['long', 'lat'], 'long', 'lat'],
    [['Longitude', 'Latitude'], 'Longitude', 'Latitude'],
    [['Longitude (WGS84)', 'Latitude (WGS84)'], 'Longitude (WGS84)', 'Latitude (WGS84)'],
    [['Coordonnée X', 'Coordonnée Y'], 'Coordonnée X', 'Coordonnée Y'],
    [['X Lambert 93', 'Y Lambert 93'], 'X Lambert 93', 'Y Lambert 93'],
    [
      ['Coordonnées X (Lambert 93)', 'Coordonnées Y (Lambert 93)'],
      'Coordonnées X (Lambert 93)',
      'Coordonnées Y (Lambert 93)',
    ],
    [['GPS lat (deg)', 'GPS lon (deg)'], 'GPS lon (deg)', 'GPS lat (deg)'],
  ])('finds coordinates in %j', (names, x, y) => {
    const fields = [f('nom', 'a'), ...names.map((n) => f(n, '1,5', '2'))];
    expect(guessMapping(fields, 'lights')).toMatchObject({ x, y, wkt: null });
  });

  it.each([
    ['N° point lumineux', 'N° point lumineux'],
    ['numero', 'numero'],
    ['NUMERO', 'NUMERO'],
    ['num_pl', 'num_pl'],
    ['id_pl', 'id_pl'],
    ['N° PL', 'N° PL'],
    ['identifiant', 'identifiant'],
    ['cod_ouvrag', 'cod_ouvrag'],
  ])('finds the light-point identifier under %j', (name, id) => {
    const fields = [f('X', '1,5'), f('Y', '2'), f('Type de lampe', 'SHP'), f(name, 'A1'), f('foyer', '1')];
    expect(guessMapping(fields, 'lights').id).toBe(id);
  });

  it('finds WKT columns by name (geompoint before geomsurf for brownfields) and by value', () => {
    const carto = [
      f('site_id', '62667_1'),
      f('comm_insee', '62667'),
      f('geompoint', 'POINT (1.58 50.72)'),
      f('geomsurf', null),
    ];
    expect(guessMapping(carto, 'friches')).toEqual({
      id: 'site_id',
      x: null,
      y: null,
      wkt: 'geompoint',
      insee: 'comm_insee',
      commune: null,
      postcode: null,
    });
    const anonymous = [f('nom', 'Zone A'), f('forme', 'POLYGON((1 2, 3 4, 5 6, 1 2))')];
    expect(guessMapping(anonymous, 'context').wkt).toBe('forme');
    for (const name of ['geom', 'wkt', 'the_geom', 'geometry']) {
      expect(guessMapping([f(name, 'POINT(1 2)')], 'lights').wkt).toBe(name);
    }
  });

  it('prefers a WKT column over X/Y only when it carries shapes', () => {
    const points = [f('x', '1'), f('y', '2'), f('geom', 'POINT(1 2)')];
    expect(guessMapping(points, 'context')).toMatchObject({ x: 'x', y: 'y', wkt: null });
    const shapes = [f('x', '1'), f('y', '2'), f('geom', 'POLYGON((1 2, 3 4, 5 6, 1 2))')];
    expect(guessMapping(shapes, 'context')).toMatchObject({ x: null, y: null, wkt: 'geom' });
  });

  it('finds INSEE columns whose values are commune codes', () => {
    for (const name of ['insee', 'code_insee', 'comm_insee', 'CODGEO', 'Code INSEE']) {
      expect(guessMapping([f(name, '62160', '2A004')], 'advice').insee).toBe(name);
    }
    expect(guessMapping([f('insee', 'Boulogne')], 'advice').insee).toBeNull();
  });

  it('picks the id column per layer kind', () => {
    expect(guessMapping([f('id', '1'), f('site_id', 'S1')], 'friches').id).toBe('site_id');
    expect(guessMapping([f('identifiant', 'A')], 'lights').id).toBe('identifiant');
    expect(guessMapping([f('ID_PL', 'A'), f('id', '1')], 'lights').id).toBe('ID_PL');
  });

  it('ignores coordinate-named columns that hold text', () => {
    expect(guessMapping([f('x', 'abc', 'def'), f('y', '1', '2')], 'lights')).toMatchObject({
      x: null,
      y: null,
    });
  });
});

describe('resolveMapping', () => {
  const fields = ['id', 'X', 'Y', 'geom', 'insee'];
  const guess = { id: 'id', x: 'X', y: 'Y', wkt: null, insee: 'insee', commune: null, postcode: null };
  it('lets the user override and keeps one geometry source', () => {
    expect(resolveMapping(fields, guess, { wkt: 'geom' }).mapping).toEqual({
      id: 'id',
      x: null,
      y: null,
      wkt: 'geom',
      insee: 'insee',
      commune: null,
      postcode: null,
    });
    expect(resolveMapping(fields, guess, { id: null }).mapping.id).toBeNull();
  });
  it('reports unknown columns and half-chosen coordinates in French', () => {
    const { mapping, problems } = resolveMapping(fields, guess, { x: 'lon' });
    expect(mapping.x).toBeNull();
    expect(problems.join(' ')).toMatch(/« lon » introuvable/);
    expect(problems.join(' ')).toMatch(/à la fois/);
  });
});

describe('fileShapeKey', () => {
  it('ignores order, case and accents', () => {
    expect(fileShapeKey(['Nom', 'Coordonnée X', 'id'])).toBe(fileShapeKey(['ID', 'coordonnee_x', 'nom']));
    expect(fileShapeKey(['a', 'b'])).not.toBe(fileShapeKey(['a', 'c']));
  });
});

import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildTerritory, detectInseeProperty, type EpciReference, geometryProblem } from './build.ts';

/** A 0.01° square whose lower-left corner is at (lon, lat): neighbours share edges exactly. */
function square(lon: number, lat: number, size = 0.01): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

function commune(code: string, lon: number, lat: number, key = 'code'): Feature<Polygon> {
  return { type: 'Feature', properties: { [key]: code, nom: `Commune ${code}` }, geometry: square(lon, lat) };
}

const refs: EpciReference[] = [
  {
    siren: '200000001',
    name: 'CA Test',
    members: [
      { insee: '62001', name: 'Alpha', population: 1000 },
      { insee: '62002', name: 'Bêta', population: 250 },
    ],
  },
  { siren: '200000002', name: 'CC Test', members: [{ insee: '62003', name: 'Gamma', population: 80 }] },
];

/** A "département" file: the 3 member communes among others that must be left out. */
function departement(key = 'code'): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: [
      commune('62001', 1.6, 50.7, key),
      commune('62099', 2.5, 50.2, key),
      commune('62002', 1.61, 50.7, key),
      commune('62003', 1.62, 50.7, key),
      commune('59350', 3.0, 50.6, key),
    ],
  };
}

describe('detectInseeProperty', () => {
  it.each(['code', 'INSEE_COM', 'insee', 'codgeo', 'CODGEO'])('finds the INSEE code under %s', (key) => {
    expect(detectInseeProperty(departement(key).features)).toBe(key);
  });
  it('ignores a property that does not hold INSEE codes', () => {
    const features = departement().features.map((f) => ({
      ...f,
      properties: { insee: 'x', code: f.properties!.code },
    }));
    expect(detectInseeProperty(features)).toBe('code');
  });
  it('accepts Corsican codes and returns null when nothing matches', () => {
    expect(detectInseeProperty([commune('2A004', 8.7, 41.9)])).toBe('code');
    expect(
      detectInseeProperty([{ type: 'Feature', properties: { nom: 'X' }, geometry: square(0, 0) }]),
    ).toBeNull();
  });
});

describe('buildTerritory', () => {
  it('keeps exactly the member communes with their reference attributes', () => {
    const result = buildTerritory(departement('INSEE_COM'), refs, 'Test');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.inseeProperty).toBe('INSEE_COM');
    expect(result.communes.features.map((f) => f.properties.insee)).toEqual(['62001', '62002', '62003']);
    const beta = result.communes.features[1]!.properties;
    expect(beta).toMatchObject({
      name: 'Bêta',
      epciSiren: '200000001',
      epciName: 'CA Test',
      population: 250,
    });
    // 0.01° × 0.01° at 50.7° N ≈ 1.112 km × 0.705 km ≈ 0.78 km².
    expect(beta.areaKm2).toBeGreaterThan(0.75);
    expect(beta.areaKm2).toBeLessThan(0.81);
  });

  it('derives one outline per EPCI and one territory outline', () => {
    const result = buildTerritory(departement(), refs, 'Test');
    if (!result.ok) throw new Error(result.errors.join('\n'));
    expect(result.epci.features.map((f) => f.properties)).toEqual([
      { siren: '200000001', name: 'CA Test', communes: 2, population: 1250 },
      { siren: '200000002', name: 'CC Test', communes: 1, population: 80 },
    ]);
    // Two adjacent squares merge into one polygon; the three squares form one 0.03° × 0.01° block.
    expect(result.epci.features[0]!.geometry.type).toBe('Polygon');
    const outline = result.outline.features[0]!.geometry;
    expect(outline.type).toBe('Polygon');
    const xs = (outline as Polygon).coordinates[0]!.map((p) => p[0]!);
    expect(Math.min(...xs)).toBeCloseTo(1.6, 9);
    expect(Math.max(...xs)).toBeCloseTo(1.63, 9);
    expect(result.centres.features).toHaveLength(3);
  });

  it('names every missing commune with its EPCI', () => {
    const source = departement();
    source.features = source.features.filter(
      (f) => f.properties!.code !== '62002' && f.properties!.code !== '62003',
    );
    const result = buildTerritory(source, refs, 'Test');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'Commune absente de la source : Bêta (62002, CA Test).',
      'Commune absente de la source : Gamma (62003, CC Test).',
    ]);
  });

  it('reports duplicate codes', () => {
    const source = departement();
    source.features.push(commune('62003', 1.62, 50.7));
    const result = buildTerritory(source, refs, 'Test');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain('Code INSEE en double dans la source : 62003 (Gamma).');
  });

  it('reports an invalid polygon by commune name', () => {
    const source = departement();
    const bowtie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [1.61, 50.7],
          [1.62, 50.71],
          [1.62, 50.7],
          [1.61, 50.71],
          [1.61, 50.7],
        ],
      ],
    };
    source.features[2] = { ...source.features[2]!, geometry: bowtie };
    const result = buildTerritory(source, refs, 'Test');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors[0]).toMatch(/^Géométrie invalide pour Bêta \(62002\) : contour auto-intersecté/);
  });

  it('rejects a source that is not a FeatureCollection or has no INSEE property', () => {
    expect(buildTerritory({} as FeatureCollection, refs, 'T').ok).toBe(false);
    const noCode: FeatureCollection = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { nom: 'A' }, geometry: square(1, 50) }],
    };
    const result = buildTerritory(noCode, refs, 'T');
    expect(result.ok === false && result.errors[0]).toMatch(/Aucune propriété de code INSEE/);
  });
});

describe('geometryProblem', () => {
  it('explains unusable contours', () => {
    expect(geometryProblem(null)).toBe('géométrie absente');
    expect(geometryProblem({ type: 'Point', coordinates: [1, 50] })).toBe("type Point au lieu d'un polygone");
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [1, 50],
            [2, 50],
            [1, 50],
          ],
        ],
      }),
    ).toBe('anneau de moins de 4 sommets');
    expect(
      geometryProblem({
        type: 'Polygon',
        coordinates: [
          [
            [1, 50],
            [2, 50],
            [2, 51],
            [1, 51],
          ],
        ],
      }),
    ).toBe('anneau non fermé');
    expect(geometryProblem(square(700000, 7000000))).toMatch(/hors WGS84/);
    expect(geometryProblem(square(1.6, 50.7))).toBeNull();
  });
});

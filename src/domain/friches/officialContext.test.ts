import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { aziFloodZones } from '../../../test/fixtures/friches/aziFloodZones.ts';
import {
  natura2000,
  type OfficialFixture,
  pluZoning,
  pprFloodZones,
  sncfStations,
  znieff1,
} from '../../../test/fixtures/friches/officialContext.ts';
import {
  baseLayers,
  LAT,
  LON,
  makeSite,
  metresToDegrees,
  square,
} from '../../../test/fixtures/friches/sites.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { prepareContext } from './context.ts';
import { contextLayerFromImport, detectContextRole, withContextLayer } from './contextImport.ts';
import { CRITERION_IDS } from './criteria/index.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import { PRESETS } from './presets.ts';
import { rankSites } from './scoring.ts';

const SEED = 62_160;
const layers = baseLayers();
const communes = buildCommuneIndex(layers.communes);
const east = (m: number): [number, number] => [LON + metresToDegrees(LAT, m, 0)[0], LAT];
// Site A at the fixtures' centre; site B 2 km east, outside every zone but in the PLU's zone N.
const sites = [
  makeSite({ id: 'A' }),
  makeSite({ id: 'B', point: { type: 'Point', coordinates: east(2_000) } }),
];
const rawOf = (m: ReturnType<typeof computeCriteriaMatrix>, site: number, id: string) =>
  m.raw[site * m.criterionCount + CRITERION_IDS.indexOf(id as never)]!;

async function load(fixture: OfficialFixture) {
  const result = await importFile(fixture.bytes, { kind: 'context', fileName: fixture.fileName, communes });
  expect(result.ok, result.errors[0]?.reason).toBe(true);
  return result;
}

describe('official context layers (fixtures written in the sources’ schemas)', () => {
  it('Géorisques PPRI zoning shapefile (COVADIS, Lambert-93): detected as flood zones, floods site A only', async () => {
    const fixture = pprFloodZones(SEED, [[LON, LAT]]);
    const result = await load(fixture);
    expect(result.crs).toBe('EPSG:2154');
    expect(result.fields).toEqual(expect.arrayContaining(['ID_ZONE', 'CODEZONE', 'TYPEREG']));
    const detected = detectContextRole(result.fields, fixture.fileName);
    expect(detected).toEqual({ role: 'floodZones', source: 'zonage réglementaire PPR (COVADIS)' });
    const layer = contextLayerFromImport(result, detected!.role);
    expect(layer.ok && layer.count).toBe(1);
    if (!layer.ok) return;
    const m = computeCriteriaMatrix(
      sites,
      prepareContext(withContextLayer(layers, 'floodZones', layer.layer)),
    );
    expect(rawOf(m, 0, 'floodShare')).toBe(1);
    expect(rawOf(m, 1, 'floodShare')).toBe(0);
    // …and the habitat exclusion sets site A aside (more than 50 % in a flood-risk zone).
    expect(rankSites(m, PRESETS.habitat.profile).exclusion[0]).toMatch(
      /^Part en zone inondable supérieure à 50 %/,
    );
  });

  it('atlas des zones inondables (nested beds, Lambert-93): detected by its name, beds merged, exclusion per preset', async () => {
    const azi = aziFloodZones(SEED, [LON, LAT]);
    const result = await load(azi);
    expect(result.crs).toBe('EPSG:2154');
    expect(result.fields).toEqual(expect.arrayContaining(['ID_AZI', 'TYPE_LIT']));
    expect(detectContextRole(result.fields, azi.fileName)).toEqual({
      role: 'floodZones',
      source: 'atlas des zones inondables (AZI)',
    });
    const layer = contextLayerFromImport(result, 'floodZones');
    if (!layer.ok) throw new Error(layer.reason);
    expect(layer.count).toBe(3);
    // Sites placed across the valley: on the river (point only), a perimeter straddling the lit majeur's edge
    // by about a third, one reaching into the lit moyen (two nested beds: must count once), one 1 km away.
    const at = (eastM: number, northOfAxisM: number): [number, number] => {
      const [dx, dy] = metresToDegrees(LAT, eastM, azi.axisNorthM(eastM) + northOfAxisM);
      return [LON + dx, LAT + dy];
    };
    const squareAt = (p: [number, number], sideM: number) => ({
      point: { type: 'Point' as const, coordinates: p },
      surface: square(p[0], p[1], sideM),
    });
    const valley = [
      makeSite({ id: 'river' }),
      makeSite({ id: 'edge', ...squareAt(at(-1_000, 290), 200) }),
      makeSite({ id: 'nested', ...squareAt(at(1_000, 200), 300) }),
      makeSite({ id: 'far', point: { type: 'Point', coordinates: at(0, 1_000) } }),
    ];
    const m = computeCriteriaMatrix(
      valley,
      prepareContext(withContextLayer(layers, 'floodZones', layer.layer)),
    );
    // Expected shares measured independently: a 60 × 60 grid of points tested against the lit majeur (which
    // contains the other beds), not the app's polygon clipping.
    const majeur = { type: 'Polygon' as const, coordinates: [azi.beds.find((b) => b.code === 'LMAJ')!.ring] };
    const gridShare = (site: (typeof valley)[number]) => {
      const ring = site.surface!.type === 'Polygon' ? site.surface!.coordinates[0]! : [];
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      let inside = 0;
      const n = 60;
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          const p = [
            Math.min(...xs) + ((i + 0.5) / n) * (Math.max(...xs) - Math.min(...xs)),
            Math.min(...ys) + ((j + 0.5) / n) * (Math.max(...ys) - Math.min(...ys)),
          ];
          if (booleanPointInPolygon(p, majeur)) inside++;
        }
      return inside / (n * n);
    };
    const share = (k: number) => rawOf(m, k, 'floodShare');
    expect(share(0)).toBe(1);
    expect(share(3)).toBe(0);
    const edge = gridShare(valley[1]!);
    const nested = gridShare(valley[2]!);
    expect(edge).toBeGreaterThan(0.2);
    expect(edge).toBeLessThan(0.45);
    expect(nested).toBeGreaterThan(0.55);
    expect(nested).toBeLessThan(0.78);
    expect(share(1)).toBeCloseTo(edge, 1);
    // Summing the beds would add the lit moyen's strip (≈ 10 % of the site) a second time.
    expect(share(2)).toBeCloseTo(nested, 1);
    expect(Math.abs(share(2) - nested)).toBeLessThan(0.03);

    const habitat = rankSites(m, PRESETS.habitat.profile).exclusion;
    expect(habitat[0]).toMatch(/^Part en zone inondable supérieure à 50 %/);
    expect(habitat[1] ?? null).toBeNull();
    expect(habitat[2]).toMatch(/^Part en zone inondable supérieure à 50 %/);
    expect(habitat[3] ?? null).toBeNull();
    // Activités économiques tolerates up to 80 %: only the site on the river is set aside.
    const economie = rankSites(m, PRESETS.economie.profile).exclusion;
    expect(economie[0]).toMatch(/^Part en zone inondable supérieure à 80 %/);
    expect([economie[1] ?? null, economie[2] ?? null, economie[3] ?? null]).toEqual([null, null, null]);
    // Renaturation has no flood exclusion: the flood plain is where it restores the most.
    expect(rankSites(m, PRESETS.renaturation.profile).exclusion.every((e) => e === null)).toBe(true);
  });

  it('AZI fixture is seeded and its beds nest: lit mineur inside lit moyen inside lit majeur', () => {
    const a = aziFloodZones(SEED, [LON, LAT]);
    expect(aziFloodZones(SEED, [LON, LAT]).bytes).toEqual(a.bytes);
    expect(aziFloodZones(SEED + 1, [LON, LAT]).bytes).not.toEqual(a.bytes);
    const polygon = (code: string) => ({
      type: 'Polygon' as const,
      coordinates: [a.beds.find((b) => b.code === code)!.ring],
    });
    for (const [inner, outer] of [
      ['LMIN', 'LMOY'],
      ['LMOY', 'LMAJ'],
    ] as const) {
      // Away from the two ends, where the beds share their cut across the valley (boundary points).
      const [west, east] = [a.axis[1]![0], a.axis[a.axis.length - 2]![0]];
      const ring = polygon(inner).coordinates[0]!.filter((p) => p[0]! > west && p[0]! < east);
      for (const p of ring.filter((_, k) => k % 20 === 0))
        expect(booleanPointInPolygon(p, polygon(outer))).toBe(true);
    }
    for (const p of a.axis.filter((_, k) => k % 10 === 0 && k > 0 && k < a.axis.length - 1))
      expect(booleanPointInPolygon(p, polygon('LMIN'))).toBe(true);
  });

  it.each([
    ['Natura 2000', natura2000, 'Natura 2000 (INPN)', ['SITECODE', 'SITENAME']],
    ['ZNIEFF type 1', znieff1, 'ZNIEFF (INPN)', ['ID_MNHN', 'NM_SFFZN']],
  ] as const)(
    'INPN %s shapefile (Lambert-93): detected as protected areas, covers site A only',
    async (_, make, source, fields) => {
      const fixture = make(SEED, [[LON, LAT]]);
      const result = await load(fixture);
      expect(result.crs).toBe('EPSG:2154');
      expect(result.fields).toEqual(expect.arrayContaining([...fields]));
      expect(detectContextRole(result.fields, fixture.fileName)).toEqual({ role: 'protectedAreas', source });
      const layer = contextLayerFromImport(result, 'protectedAreas');
      if (!layer.ok) throw new Error(layer.reason);
      const m = computeCriteriaMatrix(
        sites,
        prepareContext(withContextLayer(layers, 'protectedAreas', layer.layer)),
      );
      expect(rawOf(m, 0, 'protectedShare')).toBe(1);
      expect(rawOf(m, 1, 'protectedShare')).toBe(0);
    },
  );

  it('SNCF stations CSV (`;`, "lat,lon" in « Position géographique »): detected as stations, distances measured', async () => {
    const fixture = sncfStations(SEED, [
      { name: 'Boulogne-Ville', at: east(300) },
      { name: 'Boulogne-Tintelleries', at: east(5_000) },
    ]);
    const result = await load(fixture);
    expect(result.delimiter).toBe(';');
    expect(result.crs).toBe('EPSG:4326');
    expect(result.features.count).toBe(2);
    expect(detectContextRole(result.fields, fixture.fileName)).toEqual({
      role: 'stations',
      source: 'gares SNCF',
    });
    const layer = contextLayerFromImport(result, 'stations');
    if (!layer.ok) throw new Error(layer.reason);
    const m = computeCriteriaMatrix(sites, prepareContext(withContextLayer(layers, 'stations', layer.layer)));
    // The station is 300 m east of A (±5 m of seeded jitter) and 1,700 m west of B.
    expect(rawOf(m, 0, 'stationDistance')).toBeGreaterThan(290);
    expect(rawOf(m, 0, 'stationDistance')).toBeLessThan(310);
    expect(rawOf(m, 1, 'stationDistance')).toBeGreaterThan(1_690);
    expect(rawOf(m, 1, 'stationDistance')).toBeLessThan(1_710);
  });

  it('Géoportail de l’Urbanisme zone-urba GeoJSON (typezone U/AU/A/N): detected as zoning, zone type read per site', async () => {
    const fixture = pluZoning(SEED, [
      { centre: [LON, LAT], sideM: 600, typezone: 'U', libelle: 'UA' },
      { centre: east(1_000), sideM: 600, typezone: 'AUc', libelle: '1AU' },
      { centre: east(2_000), sideM: 600, typezone: 'N', libelle: 'Nzh' },
    ]);
    const result = await load(fixture);
    expect(result.fields).toEqual(expect.arrayContaining(['typezone', 'libelle']));
    expect(detectContextRole(result.fields, fixture.fileName)).toEqual({
      role: 'urbanZones',
      source: 'zonage du PLU (Géoportail de l’Urbanisme)',
    });
    const layer = contextLayerFromImport(result, 'urbanZones');
    if (!layer.ok) throw new Error(layer.reason);
    expect(layer.layer.features.map((f) => f.properties?.typezone)).toEqual(['U', 'AUc', 'N']);
    const m = computeCriteriaMatrix(
      sites,
      prepareContext(withContextLayer(layers, 'urbanZones', layer.layer)),
    );
    const levels = m.criteria[CRITERION_IDS.indexOf('zoning')]!.levels!;
    expect(levels[rawOf(m, 0, 'zoning')]).toBe('U');
    expect(levels[rawOf(m, 1, 'zoning')]).toBe('N');
    // A zone type from the file itself wins over the layer.
    const own = computeCriteriaMatrix(
      [makeSite({ id: 'C', zoneType: 'A' })],
      prepareContext(withContextLayer(layers, 'urbanZones', layer.layer)),
    );
    expect(levels[rawOf(own, 0, 'zoning')]).toBe('A');
  });

  it('is seeded: the same seed writes the same bytes, another seed other ones', () => {
    const a = pprFloodZones(SEED, [[LON, LAT]]).bytes;
    expect(pprFloodZones(SEED, [[LON, LAT]]).bytes).toEqual(a);
    expect(pprFloodZones(SEED + 1, [[LON, LAT]]).bytes).not.toEqual(a);
  });

  it('does not guess a role for a file with no known field or name', () => {
    expect(detectContextRole(['id', 'nom'], 'couche.geojson')).toBeNull();
    expect(detectContextRole(['id'], 'TVB_SRCE_Hauts-de-France.zip')?.role).toBe('greenBlueCorridors');
  });
});

import { describe, expect, it } from 'vitest';
import {
  natura2000,
  type OfficialFixture,
  pluZoning,
  pprFloodZones,
  sncfStations,
  znieff1,
} from '../../../test/fixtures/friches/officialContext.ts';
import { baseLayers, LAT, LON, makeSite, metresToDegrees } from '../../../test/fixtures/friches/sites.ts';
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

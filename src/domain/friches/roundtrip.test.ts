import { readFileSync } from 'node:fs';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { squareCommunes } from '../../../test/fixtures/friches/sites.ts';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { toCnigCsv, toCnigGeoJson } from './cnigWrite.ts';
import { brownfieldFromRecord, brownfieldsFromImport } from './mapping.ts';
import type { Brownfield } from './types.ts';

const communes = buildCommuneIndex(squareCommunes(10_000, 40_000));

async function reimport(text: string, fileName: string): Promise<Brownfield[]> {
  const result = await importFile(new TextEncoder().encode(text), { kind: 'friches', fileName, communes });
  const { sites, report } = brownfieldsFromImport(result);
  expect(report.invalid).toBe(0);
  return sites;
}

/** What a round trip must preserve: everything but provenance (source row, raw cells, flags). */
const essence = (s: Brownfield) => {
  const { raw: _raw, row: _row, flags: _flags, ...rest } = s;
  return rest;
};

const polygon: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.6101, 50.7201],
      [1.6123456789, 50.7202],
      [1.611, 50.7219],
      [1.6101, 50.7201],
    ],
  ],
};
const multi: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    polygon.coordinates,
    [
      [
        [1.62, 50.73],
        [1.621, 50.73],
        [1.621, 50.731],
        [1.62, 50.73],
      ],
    ],
  ],
};

/** Hand-written sites covering the awkward cases: quotes, commas, accents, `|` lists, multipolygons. */
const SITES: Brownfield[] = [
  brownfieldFromRecord(
    {
      site_id: '62160_RT1',
      site_nom: 'Ancienne usine "La Liane", quai Gambetta',
      site_type: 'friche industrielle',
      site_identif_date: '2021-12-01',
      site_actu_date: '2024-02-13',
      site_statut: 'friche sans projet',
      site_url: 'https://a.example/1|https://b.example/2',
      comm_nom: 'BOULOGNE-SUR-MER',
      comm_insee: '62160',
      bati_type: 'industriel|commercial',
      bati_nombre: '3',
      proprio_type: 'P5a|F2a',
      proprio_personne: 'personne morale',
      proprio_nom: 'Commune|EPF Hauts-de-France',
      sol_pollution_existe: 'pollution avérée',
      sol_pollution_commentaire: 'Hydrocarbures ; métaux\nlourds',
      unite_fonciere_surface: '12500',
      unite_fonciere_refcad: '62160000AE0261|62160000AE0262',
      urba_zone_type: 'U',
      urba_zaer: 'non',
      source_nom: 'Inventaire local',
    },
    { type: 'Point', coordinates: [1.611, 50.7207] },
    polygon,
    { territoryInsee: '62160' },
  ),
  brownfieldFromRecord(
    {
      site_id: '62160_RT2',
      site_nom: 'Dépôt à côté de l’église',
      site_type: 'friche logistique',
      site_identif_date: '2019-05-18',
      site_actu_date: '2023-06-23',
      comm_nom: 'BOULOGNE-SUR-MER',
      comm_insee: '62160',
      urba_zaer: 'inconnu',
      source_nom: 'BASIAS',
    },
    { type: 'Point', coordinates: [1.6205, 50.7304] },
    multi,
    { territoryInsee: '62160' },
  ),
  brownfieldFromRecord(
    {
      site_id: '62160_RT3',
      site_nom: 'Garage sans périmètre',
      site_type: 'inconnu',
      site_identif_date: '2022-10-10',
      site_actu_date: '2022-10-10',
      comm_nom: 'BOULOGNE-SUR-MER',
      comm_insee: '62160',
      urba_zaer: 'oui',
      source_nom: 'Cartofriches',
      bati_etat: 'dégradation moyenne',
    },
    { type: 'Point', coordinates: [1.600001, 50.700002] },
    null,
    { territoryInsee: '62160' },
  ),
];

describe('CNIG export → re-import round trip', () => {
  it('CSV: re-imports the same sites (records, geometries, typed fields)', async () => {
    const { csv, warnings } = toCnigCsv(SITES);
    expect(warnings).toEqual([]);
    expect(csv.split('\r\n')[0]!.startsWith('site_id,site_nom,site_type,site_adresse,')).toBe(true);
    const back = await reimport(csv, 'export.csv');
    expect(back.map(essence)).toEqual(SITES.map(essence));
  });

  it('GeoJSON: re-imports the same sites, perimeter as geometry and geompoint kept as property', async () => {
    const { geojson } = toCnigGeoJson(SITES);
    expect(geojson.features[0]!.geometry.type).toBe('Polygon');
    expect(geojson.features[2]!.geometry.type).toBe('Point');
    expect(geojson.features[0]!.properties!.unite_fonciere_surface).toBe(12500);
    const back = await reimport(JSON.stringify(geojson), 'export.geojson');
    expect(back.map(essence)).toEqual(SITES.map(essence));
  });

  const CARTOFRICHES = sharedPath('reference/cartofriches-extrait-pays-boulonnais.csv');
  it.skipIf(!hasShared(CARTOFRICHES))(
    'Cartofriches extract: the export is CNIG (ISO dates, urba_zaer completed) and stable on re-export',
    async () => {
      const path = CARTOFRICHES;
      const first = brownfieldsFromImport(
        await importFile(readFileSync(path), { kind: 'friches', fileName: path, communes }),
      );
      const exported = toCnigCsv(first.sites);
      expect(exported.warnings).toEqual([
        'urba_zaer (obligatoire) absent pour 6 sites : exporté avec la valeur « inconnu ».',
      ]);
      expect(exported.csv).toContain(',2000-12-31,2024-02-13,');
      expect(exported.csv).not.toMatch(/\d\d\/\d\d\/\d{4}/);
      const second = await reimport(exported.csv, 'cnig.csv');
      expect(toCnigCsv(second).csv).toBe(exported.csv);
      expect(second.map((s) => ({ ...essence(s), record: { ...s.record, urba_zaer: undefined } }))).toEqual(
        first.sites.map((s) => ({ ...essence(s), record: { ...s.record, urba_zaer: undefined } })),
      );
    },
  );

  it('neutralises spreadsheet formulas in exported cells', () => {
    const site = { ...SITES[2]!, record: { ...SITES[2]!.record, site_nom: '=HYPERLINK("x")' } };
    expect(toCnigCsv([site]).csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('shortlist export', () => {
  it('adds non-standard properties to the GeoJSON; they come back as extra columns, the sites unchanged', async () => {
    const { geojson } = toCnigGeoJson(SITES.slice(0, 2), (site) => ({
      atlas_rang: site.id === '62160_RT1' ? 1 : 2,
      atlas_justification: 'Maîtrise publique, proche de la gare',
    }));
    expect(geojson.features[0]!.properties).toMatchObject({ atlas_rang: 1 });
    const result = await importFile(new TextEncoder().encode(JSON.stringify(geojson)), {
      kind: 'friches',
      fileName: 'liste-restreinte.geojson',
      communes,
    });
    const { sites, report } = brownfieldsFromImport(result);
    expect(report.warnings.some((w) => w.includes('atlas_rang, atlas_justification'))).toBe(true);
    expect(sites.map(essence)).toEqual(SITES.slice(0, 2).map(essence));
    expect(sites[0]!.raw.atlas_justification).toBe('Maîtrise publique, proche de la gare');
  });
});

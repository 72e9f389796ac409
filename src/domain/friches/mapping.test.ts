import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasShared, SHARED_DIR } from '../../../test/support/shared.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { importFile } from '../../io/import/importFile.ts';
import { brownfieldsFromImport } from './mapping.ts';

const SHARED = SHARED_DIR;
const COMMUNES = resolve(SHARED, 'data/communes-62-pas-de-calais.geojson');
const hasCommunes = hasShared(COMMUNES);

/** The département's communes (891) from ../shared, indexed by INSEE code, as the app's territory would be. */
const rawCommunes = hasCommunes
  ? (JSON.parse(readFileSync(COMMUNES, 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon,
      { code: string; nom: string }
    >)
  : null;
const names = new Map(rawCommunes?.features.map((f) => [f.properties.code, f.properties.nom]) ?? []);
const communes = (() => {
  const raw = rawCommunes;
  if (!raw) return buildCommuneIndex({ type: 'FeatureCollection', features: [] });
  return buildCommuneIndex({
    type: 'FeatureCollection',
    features: raw.features.map((f) => ({ ...f, properties: { insee: f.properties.code } })),
  });
})();

async function importText(text: string | Uint8Array, fileName: string) {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return brownfieldsFromImport(await importFile(bytes, { kind: 'friches', fileName, communes }), names);
}

describe.skipIf(
  !hasCommunes ||
    !hasShared(
      resolve(SHARED, 'reference/cartofriches-extrait-pays-boulonnais.csv'),
      resolve(SHARED, 'reference/cnig-friches/fichier-valide.csv'),
    ),
)('brownfieldsFromImport on the reference files', () => {
  it('imports the Cartofriches extract: 6 valid sites, typed, with the missing urba_zaer column reported', async () => {
    const path = resolve(SHARED, 'reference/cartofriches-extrait-pays-boulonnais.csv');
    const { sites, report } = await importText(readFileSync(path), path);
    expect(report).toMatchObject({ sites: 6, valid: 6, invalid: 0, rejected: [], outsideTerritory: 0 });
    expect(report.warnings.some((w) => w.includes('urba_zaer'))).toBe(true);
    expect(sites.map((s) => s.id)).toEqual([
      '62667_14185',
      '62160_7717',
      '62160_8522',
      '62160_10673',
      '62678_27664',
      '62300_4824',
    ]);
    const meplon = sites[4]!;
    expect(meplon).toMatchObject({
      name: 'Appel à projet Fonds Vert 2023 -Friche "MEPLON"',
      insee: '62678',
      territoryInsee: '62678',
      status: 'friche avec projet',
      pollution: 'pollution peu probable',
      zoneType: 'U',
      ownerType: ['F2a', 'X1a'],
      parcelAreaM2: 3592,
      surface: null,
      row: 6,
    });
    expect(meplon.point.coordinates).toEqual([1.934437, 50.70322]);
    expect(meplon.record.site_identif_date).toBe('2000-12-31');
    expect(meplon.raw.site_identif_date).toBe('31/12/2000');
  });

  it('flags (without rejecting) a declared INSEE code that differs from the commune of the point', async () => {
    const path = resolve(SHARED, 'reference/cartofriches-extrait-pays-boulonnais.csv');
    const { report } = await importText(readFileSync(path), path);
    expect(report.flagged).toHaveLength(1);
    expect(report.flagged[0]).toMatchObject({ row: 7, siteId: '62300_4824' });
    // Named with commune names, codes in brackets.
    expect(report.flagged[0]!.issues[0]).toBe(
      'commune déclarée Équihen-Plage (62300), mais le point est situé à Outreau (62643) — à vérifier (site conservé)',
    );
  });

  it('imports the CNIG example: swapped axes fixed, invalid geomsurf flagged, site kept', async () => {
    const path = resolve(SHARED, 'reference/cnig-friches/fichier-valide.csv');
    const { sites, report } = await importText(readFileSync(path), path);
    expect(report).toMatchObject({ sites: 1, valid: 1, invalid: 0, outsideTerritory: 1 });
    expect(report.flagged[0]!.issues).toHaveLength(1);
    expect(report.flagged[0]!.issues[0]).toMatch(/^geomsurf .*site conservé$/);
    const site = sites[0]!;
    expect(site.point.coordinates).toEqual([3.9815, 49.2527]);
    expect(site.surface).toBeNull();
    expect(site.record.geompoint).toBe('POINT (3.9815 49.2527)');
    expect(site.record.geomsurf).toBeUndefined();
    expect(site.status).toBe('friche avec projet');
  });
});

const HEADER =
  'site_id,site_nom,site_type,site_identif_date,site_actu_date,comm_nom,comm_insee,urba_zaer,source_nom,geompoint,geomsurf,site_statut,bati_etat';

describe.skipIf(!hasCommunes)('brownfieldsFromImport rules', () => {
  it('rejects rows missing an identity field or duplicating a site_id, with the row and French reasons', async () => {
    const csv = [
      HEADER,
      'A1,Site A,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,',
      ',Sans identifiant,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,',
      'A1,Doublon,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,',
      'A4,,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,',
    ].join('\n');
    const { sites, report } = await importText(csv, 'inventaire.csv');
    expect(sites.map((s) => s.id)).toEqual(['A1']);
    expect(report.sites).toBe(4);
    expect(report.valid + report.invalid).toBe(4);
    expect(report.rejected.map((e) => e.row)).toEqual([3, 4, 5]);
    expect(report.rejected.find((e) => e.row === 5)!.reason).toMatch(
      /site_nom \(nom du site\) : valeur obligatoire manquante/,
    );
  });

  it('keeps a site whose optional fields fail and ignores their values in the typed fields', async () => {
    const csv = [
      HEADER,
      'B1,Site B,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,abandonnée,en ruine',
    ].join('\n');
    const { sites, report } = await importText(csv, 'b.csv');
    expect(report.valid).toBe(1);
    expect(report.flagged[0]!.issues.map((m) => m.split(' ')[0])).toEqual(['site_statut', 'bati_etat']);
    expect(sites[0]!.status).toBeNull();
    expect(sites[0]!.buildingCondition).toBeNull();
    expect(sites[0]!.flags).toHaveLength(2);
  });

  it('drops e-mails and phone numbers from columns outside the standard (RGPD), counted in the report', async () => {
    const csv = [
      `${HEADER},remarque,adresse_site`,
      'R1,Site R,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,,Propriétaire joignable au 03 21 87 65 43,12 rue de Calais',
      'R2,Site S,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (1.61 50.72),,,,clôture à refaire,quai Gambetta',
    ].join('\n');
    const { sites, report } = await importText(csv, 'r.csv');
    expect(sites.map((s) => s.raw.remarque ?? null)).toEqual([null, 'clôture à refaire']);
    expect(sites.map((s) => s.raw.adresse_site)).toEqual(['12 rue de Calais', 'quai Gambetta']);
    expect(sites[0]!.raw.site_nom).toBe('Site R');
    expect(report.warnings).toContain(
      'Colonne « remarque » : 1 valeur retirée car elle contenait un numéro de téléphone (RGPD).',
    );
    expect(JSON.stringify(sites)).not.toContain('87 65 43');
  });

  it('reprojects a Lambert-93 geomsurf together with its geompoint', async () => {
    // Boulogne-sur-Mer area in Lambert-93 (x ≈ 600 km, y ≈ 7 064 km).
    const csv = [
      HEADER,
      'L1,Site L93,inconnu,2024-01-01,2024-01-01,BOULOGNE-SUR-MER,62160,non,test,POINT (600050 7064050),"POLYGON ((600000 7064000, 600100 7064000, 600100 7064100, 600000 7064100, 600000 7064000))",,',
    ].join('\n');
    const { sites, report } = await importText(csv, 'l93.csv');
    expect(report.valid).toBe(1);
    const site = sites[0]!;
    const ring = (site.surface as Polygon).coordinates[0]!;
    const [lon, lat] = site.point.coordinates as [number, number];
    expect(lon).toBeGreaterThan(1.5);
    expect(lon).toBeLessThan(1.7);
    expect(lat).toBeGreaterThan(50.6);
    expect(lat).toBeLessThan(50.8);
    const minLon = Math.min(...ring.map((p) => p[0]!));
    const maxLat = Math.max(...ring.map((p) => p[1]!));
    expect(minLon).toBeLessThan(lon);
    expect(maxLat).toBeGreaterThan(lat);
    expect(Math.abs(maxLat - lat)).toBeLessThan(0.001); // 50 m ≈ 0.00045°
  });
});

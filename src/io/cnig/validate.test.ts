import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { hasShared, sharedPath } from '../../../test/support/shared.ts';
import { checkColumns, normaliseDate, validateRecord } from './validate.ts';

const SHARED = sharedPath('reference');

function readCsv(path: string, delimiter: string): { fields: string[]; rows: Record<string, string>[] } {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(path, 'utf8'), {
    header: true,
    delimiter,
    skipEmptyLines: true,
  });
  return { fields: parsed.meta.fields ?? [], rows: parsed.data };
}

/** A complete, valid CNIG row written for these tests. */
const VALID: Record<string, string> = {
  site_id: '62160_0001',
  site_nom: 'Ancienne conserverie',
  site_type: 'friche industrielle',
  site_identif_date: '2024-03-01',
  site_actu_date: '2025-01-15',
  comm_nom: 'BOULOGNE-SUR-MER',
  comm_insee: '62160',
  urba_zaer: 'non',
  source_nom: 'Inventaire local',
  geompoint: 'POINT (1.6 50.72)',
};
const cells = (overrides: Record<string, string | null>) => (name: string) =>
  name in overrides ? overrides[name] : VALID[name];

describe.skipIf(
  !hasShared(
    resolve(SHARED, 'cartofriches-extrait-pays-boulonnais.csv'),
    resolve(SHARED, 'cnig-friches/fichier-valide.csv'),
  ),
)('validateRecord on the reference files', () => {
  it('accepts the 6 rows of the Cartofriches extract (";", dd/mm/yyyy, NA) with ISO dates', () => {
    const { rows } = readCsv(resolve(SHARED, 'cartofriches-extrait-pays-boulonnais.csv'), ';');
    expect(rows).toHaveLength(6);
    const results = rows.map((row) => validateRecord((name) => row[name]));
    expect(results.map((r) => r.blocking)).toEqual([[], [], [], [], [], []]);
    expect(results.flatMap((r) => r.nonBlocking)).toEqual([]);
    expect(results[0]!.record.site_identif_date).toBe('2022-10-10');
    expect(results[4]!.record.site_identif_date).toBe('2000-12-31');
    expect(results[0]!.record.site_adresse).toBeUndefined(); // NA
    expect(results[4]!.record.urba_zone_type).toBe('U');
    expect(results[4]!.record.proprio_type).toBe('F2a|X1a');
  });

  it('reports the Cartofriches columns missing from the standard once, at file level', () => {
    const { fields } = readCsv(resolve(SHARED, 'cartofriches-extrait-pays-boulonnais.csv'), ';');
    const check = checkColumns(fields);
    expect(check.missingRequired).toEqual(['urba_zaer']);
    expect(check.extra).toEqual([]);
    expect(check.warnings[0]).toMatch(/urba_zaer/);
  });

  it('accepts the CNIG example and flags its elided geomsurf without rejecting the site', () => {
    const { fields, rows } = readCsv(resolve(SHARED, 'cnig-friches/fichier-valide.csv'), ',');
    expect(checkColumns(fields).missingRequired).toEqual([]);
    const result = validateRecord((name) => rows[0]![name]);
    expect(result.blocking).toEqual([]);
    expect(result.nonBlocking).toHaveLength(1);
    expect(result.nonBlocking[0]!.field).toBe('geomsurf');
    expect(result.nonBlocking[0]!.message).toMatch(
      /^geomsurf \(géométrie surfacique\) : WKT invalide.*site conservé$/,
    );
    expect(result.geomsurf).toBeNull();
    expect(result.geompoint).toEqual({ type: 'Point', coordinates: [49.2527, 3.9815] });
    expect(result.record.proprio_type).toBe('P4a|G1a|Z2b|G1a|M1a|G1a|R2a|R5a|X1a');
    expect(result.record.unite_fonciere_surface).toBe('16750');
  });
});

describe('validateRecord rules', () => {
  it('accepts a complete hand-written row', () => {
    const result = validateRecord(cells({}));
    expect(result.blocking).toEqual([]);
    expect(result.nonBlocking).toEqual([]);
    expect(result.record.site_nom).toBe('Ancienne conserverie');
  });

  it('blocks a row whose required fields are missing or invalid, naming each field in French', () => {
    const result = validateRecord(cells({ site_id: 'NA', site_nom: '  ', geompoint: 'POINT (abc)' }));
    expect(result.blocking.map((i) => i.field)).toEqual(['site_id', 'site_nom', 'geompoint']);
    expect(result.blocking[0]!.message).toBe('site_id (identifiant du site) : valeur obligatoire manquante');
    expect(result.blocking[2]!.message).toMatch(/^geompoint \(coordonnées du centroïde\) : WKT invalide/);
  });

  it('blocks a geompoint that is not a POINT; an impossible required date makes the site non-conformant', () => {
    const result = validateRecord(
      cells({ geompoint: 'POLYGON((1 50, 2 50, 2 51, 1 50))', site_actu_date: '31/02/2024' }),
    );
    expect(result.blocking.map((i) => i.message)).toEqual([
      'geompoint (coordonnées du centroïde) : géométrie POLYGON au lieu de un POINT',
    ]);
    expect(result.nonConformant.map((i) => i.message)).toEqual([
      "site_actu_date (date de dernière actualisation) : « 31/02/2024 » n'est pas une date valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA) — site conservé et classé, non conforme pour l’export CNIG",
    ]);
  });

  it('keeps a row whose optional fields fail, flags them and drops their values', () => {
    const result = validateRecord(
      cells({
        site_statut: 'abandonnée',
        bati_nombre: '2,5',
        proprio_type: 'P4a|commune',
        bati_type: 'industriel|hangar',
        site_url: 'www.exemple.fr',
        unite_fonciere_surface: '12000',
      }),
    );
    expect(result.blocking).toEqual([]);
    expect(result.nonBlocking.map((i) => i.field)).toEqual([
      'site_url',
      'site_statut',
      'bati_type',
      'bati_nombre',
      'proprio_type',
    ]);
    expect(result.nonBlocking[1]!.message).toMatch(
      /^site_statut \(statut du site\) : « abandonnée » n'est pas une valeur autorisée \(valeurs possibles : « friche potentielle »/,
    );
    expect(result.record.site_statut).toBeUndefined();
    expect(result.record.unite_fonciere_surface).toBe('12000');
  });

  it('does not report required columns that the file does not have at all', () => {
    const result = validateRecord((name) => (name === 'urba_zaer' ? undefined : VALID[name]));
    expect(result.blocking).toEqual([]);
  });

  it('treats the standard missing values (NA, NaN, N/A, empty) as absent', () => {
    for (const missing of ['', 'NA', 'NaN', 'N/A', null]) {
      const result = validateRecord(cells({ site_statut: missing, source_nom: missing }));
      expect(result.record.site_statut).toBeUndefined();
      expect(result.blocking).toEqual([]);
      expect(result.nonConformant.map((i) => i.field)).toEqual(['source_nom']);
    }
  });
});

describe('normaliseDate', () => {
  it('reads ISO and French dates, rejects impossible ones', () => {
    expect(normaliseDate('2024-02-29')).toBe('2024-02-29');
    expect(normaliseDate('29/02/2024')).toBe('2024-02-29');
    expect(normaliseDate('2024-06-01T00:00:00Z')).toBe('2024-06-01');
    expect(normaliseDate('29/02/2023')).toBeNull();
    expect(normaliseDate('2024-13-01')).toBeNull();
    expect(normaliseDate('1er mars 2024')).toBeNull();
  });
});

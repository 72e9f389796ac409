import { describe, expect, it } from 'vitest';
import { enumKey, LEGACY_VALUES, readEnumItem, splitMultiple } from './enumerations.ts';
import { cnigField, OWNER_PERSON, SITE_STATUSES, SITE_TYPES, SOIL_POLLUTION } from './schema.ts';
import { validateRecord } from './validate.ts';

describe('enumeration keys', () => {
  it('ignore typographic apostrophes, accents, case, spaces and hyphen spacing', () => {
    expect(enumKey('Friche d’Habitat')).toBe("friche d'habitat");
    expect(enumKey("friche d ' habitat")).toBe("friche d'habitat");
    expect(enumKey('  friche   hospitalière ')).toBe('friche hospitaliere');
    expect(enumKey('mixte-autre')).toBe(enumKey('mixte - autre'));
  });
});

describe('tolerant reading of enumerations (each rule)', () => {
  const type = (text: string) => readEnumItem('site_type', text, SITE_TYPES);
  it('keeps exact values untouched (no warning)', () => {
    expect(type('friche industrielle')).toEqual({ value: 'friche industrielle' });
  });
  it("typographic apostrophe ’ → '", () => {
    expect(type('friche d’habitat')).toEqual({ value: "friche d'habitat", from: 'friche d’habitat' });
    expect(type('friche d‘équipement public')?.value).toBe("friche d'équipement public");
  });
  it('missing accents', () => {
    expect(type('friche loisir tourisme hotellerie')?.value).toBe('friche loisir tourisme hôtellerie');
    expect(readEnumItem('sol_pollution_existe', 'pollution averee', SOIL_POLLUTION)?.value).toBe(
      'pollution avérée',
    );
  });
  it('case and spacing', () => {
    expect(type('Friche  Industrielle ')?.value).toBe('friche industrielle');
    expect(type('mixte-autre')?.value).toBe('mixte - autre');
  });
  it('legacy CNIG / Cartofriches values', () => {
    expect(type('mixte')?.value).toBe('mixte - autre');
    expect(type("friche d'habitation")?.value).toBe("friche d'habitat");
    expect(type('friche d’habitation')?.value).toBe("friche d'habitat");
    expect(type('agro-industrielle')?.value).toBe('friche agro-industrielle');
    expect(readEnumItem('site_statut', 'friche en projet', SITE_STATUSES)?.value).toBe('friche avec projet');
  });
  it('missing « friche » prefix of a site type', () => {
    expect(type('portuaire')?.value).toBe('friche portuaire');
  });
  it('unknown spelled otherwise', () => {
    expect(type('Inconnue')?.value).toBe('inconnu');
  });
  it('gives up (null) on a value that matches nothing', () => {
    expect(type('parking')).toBeNull();
  });
});

describe('every legacy value of earlier CNIG versions and Cartofriches', () => {
  // Written as files write them (case, accents, apostrophes, hyphens), each with the value it stands for.
  const CASES: [field: string, cell: string, expected: string][] = [
    ['site_type', 'Mixte', 'mixte - autre'],
    ['site_type', 'mixte-habitat', 'mixte - dominante habitat'],
    ['site_type', 'mixte habitat', 'mixte - dominante habitat'],
    ['site_type', 'friche d’habitation', "friche d'habitat"],
    ['site_type', 'Habitation', "friche d'habitat"],
    ['site_type', 'habitat', "friche d'habitat"],
    ['site_type', 'agro-industrielle', 'friche agro-industrielle'],
    ['site_type', 'friche agricole', 'friche agro-industrielle'],
    ['site_type', 'friche loisir-tourisme-hôtellerie', 'friche loisir tourisme hôtellerie'],
    ['site_type', 'friche de loisir tourisme hotellerie', 'friche loisir tourisme hôtellerie'],
    ['site_type', 'friche carrière', 'friche carrière ou mine'],
    ['site_type', 'Friche mine', 'friche carrière ou mine'],
    ['site_type', 'friche équipement public', "friche d'équipement public"],
    ['site_type', 'friche d equipement public', "friche d'équipement public"],
    ['site_type', 'friche hôpital', 'friche hospitalière'],
    ['site_statut', 'friche sans projet connu', 'friche sans projet'],
    ['site_statut', 'Friche en projet', 'friche avec projet'],
    ['site_statut', 'site reconverti', 'friche reconvertie'],
    ['sol_pollution_existe', 'pollution averee', 'pollution avérée'],
    ['sol_pollution_existe', 'Pollution suspectée', 'pollution supposée'],
    ['sol_pollution_existe', 'pas de pollution', 'pollution inexistante'],
    ['bati_vacance', 'partiellement vacant', 'partiellement occupé'],
  ];
  it.each(CASES)('%s « %s » → « %s »', (field, cell, expected) => {
    const allowed = cnigField(field)!.enum!;
    expect(readEnumItem(field, cell, allowed)).toEqual({ value: expected, from: cell });
  });
  it('the cases above cover every entry of the table, and each entry maps to an allowed value', () => {
    const covered = new Set(CASES.map(([field, cell]) => `${field}:${enumKey(cell)}`));
    for (const [field, entries] of Object.entries(LEGACY_VALUES)) {
      const allowed = cnigField(field)!.enum!;
      for (const [key, value] of Object.entries(entries)) {
        expect(covered.has(`${field}:${key}`), `${field} « ${key} » sans test`).toBe(true);
        expect(allowed).toContain(value);
      }
    }
  });
});

describe('multi-valued cells', () => {
  it('accept |, commas, semicolons and space-separated values that segment into allowed values', () => {
    const split = (t: string) => splitMultiple('proprio_personne', t, OWNER_PERSON);
    expect(split('personne physique|personne morale')).toEqual(['personne physique', 'personne morale']);
    expect(split('personne physique, personne morale')).toEqual(['personne physique', 'personne morale']);
    expect(split('personne physique;personne morale')).toEqual(['personne physique', 'personne morale']);
    expect(split('personne physique personne morale')).toEqual(['personne physique', 'personne morale']);
    expect(split('personne morale')).toEqual(['personne morale']);
  });
  it('keep commas of free-text lists (activity labels)', () => {
    const r = validateRecord((name) =>
      name === 'activite_libelle' ? 'Garages, ateliers, mécanique et soudure' : undefined,
    );
    expect(r.record.activite_libelle).toBe('Garages, ateliers, mécanique et soudure');
    expect(r.normalised).toEqual([]);
  });
});

describe('validateRecord reports every normalisation and never rejects for it', () => {
  const base: Record<string, string> = {
    site_id: 'X1',
    site_nom: 'Ancienne usine',
    site_type: 'friche d’habitation',
    site_identif_date: '2024-03-01',
    site_actu_date: '2025-01-15',
    comm_nom: 'Desvres',
    comm_insee: '62270',
    urba_zaer: 'non',
    source_nom: 'test',
    geompoint: 'POINT (1.83 50.67)',
    proprio_personne: 'personne physique, personne morale',
    sol_pollution_existe: 'Pollution Averee',
  };
  it('normalises, counts and keeps the row', () => {
    const r = validateRecord((name) => base[name]);
    expect(r.blocking).toEqual([]);
    expect(r.record.site_type).toBe("friche d'habitat");
    expect(r.record.proprio_personne).toBe('personne physique|personne morale');
    expect(r.record.sol_pollution_existe).toBe('pollution avérée');
    expect(r.normalised).toEqual([
      { field: 'site_type', from: 'friche d’habitation', to: "friche d'habitat" },
      {
        field: 'proprio_personne',
        from: 'personne physique, personne morale',
        to: 'personne physique|personne morale',
      },
      { field: 'sol_pollution_existe', from: 'Pollution Averee', to: 'pollution avérée' },
    ]);
  });
  it('lists every allowed value in the message of a value that cannot be read', () => {
    const r = validateRecord((name) => ({ ...base, site_type: 'parking' })[name]);
    const message = r.nonConformant.find((i) => i.field === 'site_type')!.message;
    for (const v of SITE_TYPES) expect(message).toContain(`« ${v} »`);
    expect(message).not.toContain('…');
  });
  it('a missing mandatory date makes the site non-conformant, not rejected', () => {
    const r = validateRecord((name) => ({ ...base, site_actu_date: 'NA' })[name]);
    expect(r.blocking).toEqual([]);
    expect(r.nonConformant.map((i) => i.field)).toEqual(['site_actu_date']);
    expect(r.nonConformant[0]!.message).toContain('non conforme pour l’export CNIG');
  });
});

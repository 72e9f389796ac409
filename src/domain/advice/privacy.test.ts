import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decidePersonalColumns,
  detectPersonalColumns,
  opaqueHouseholdId,
  personalDataInText,
} from './privacy.ts';

describe('detectPersonalColumns', () => {
  it('finds names, phones, e-mails and street addresses whatever the accents and case', () => {
    const fields = [
      'Date',
      'NOM',
      'Prénom',
      'firstName',
      'Téléphone',
      'tel_portable',
      'Mobile',
      'E-mail',
      'Courriel',
      'Adresse',
      'address_line_1',
      'Rue',
      'N° de voie',
      'numero_voie',
      'Lieu-dit',
      'code_insee',
      'Nom de la commune',
      'commune',
      'statut_suivi',
      'montant_travaux',
      'id_menage',
    ];
    expect(detectPersonalColumns(fields)).toEqual([
      'NOM',
      'Prénom',
      'firstName',
      'Téléphone',
      'tel_portable',
      'Mobile',
      'E-mail',
      'Courriel',
      'Adresse',
      'address_line_1',
      'Rue',
      'N° de voie',
      'numero_voie',
      'Lieu-dit',
    ]);
  });
  it('does not flag look-alike words', () => {
    expect(
      detectPersonalColumns(['hotel', 'telecom_ok', 'nombre', 'nomenclature', 'date_relance', 'voiture']),
    ).toEqual([]);
  });
});

describe('decidePersonalColumns', () => {
  const fields = ['date', 'nom', 'telephone', 'code_insee'];
  it('drops personal columns by default with a French warning listing them', () => {
    const d = decidePersonalColumns(fields);
    expect(d.fields).toEqual(['date', 'code_insee']);
    expect(d.personal).toEqual(['nom', 'telephone']);
    expect(d.kept).toBe(false);
    expect(d.warning).toContain('2 colonnes de données personnelles ignorées');
    expect(d.warning).toContain('« nom », « telephone »');
  });
  it('keeps them only when asked explicitly, still warning', () => {
    const d = decidePersonalColumns(fields, { keepPersonalColumns: true });
    expect(d.fields).toEqual(fields);
    expect(d.kept).toBe(true);
    expect(d.warning).toMatch(/conservées à votre demande/);
  });
  it('says nothing for a clean file', () => {
    expect(decidePersonalColumns(['date', 'code_insee']).warning).toBeNull();
  });
});

describe('personalDataInText', () => {
  it.each([
    ['rappeler au 06 12 34 56 78', 'un numéro de téléphone'],
    ['tel +33 6 12 34 56 78', 'un numéro de téléphone'],
    ['0612345678', 'un numéro de téléphone'],
    ['écrire à jean.dupont@example.fr', 'une adresse e-mail'],
    ['habite 12 rue des Lilas', 'une adresse postale'],
  ])('flags %j', (text, kind) => {
    expect(personalDataInText(text)).toContain(kind);
  });
  it('accepts ordinary notes with numbers', () => {
    expect(personalDataInText('devis de 12 500 € pour 2 fenêtres, rappel dans 3 mois')).toEqual([]);
  });
});

describe('opaqueHouseholdId', () => {
  it('is stable across case/accents/spaces, differs with the key, and contains no clear text', () => {
    const key = 'a1'.repeat(32);
    const a = opaqueHouseholdId(['Dupont', '12 rue des Lilas'], key);
    expect(opaqueHouseholdId([' DUPONT', '12  RUE DES LILAS'], key)).toBe(a);
    expect(opaqueHouseholdId(['Dupont', '12 rue des Lilas'], 'b2'.repeat(32))).not.toBe(a);
    expect(opaqueHouseholdId(['Durand', '12 rue des Lilas'], key)).not.toBe(a);
    expect(a).toMatch(/^M-[0-9a-f]{12}$/);
  });

  it('is the HMAC-SHA-256 of the normalised values under the key', () => {
    const key = '0f'.repeat(32);
    const expected = createHmac('sha256', Buffer.from(key, 'hex'))
      .update('dupont\u000012 rue des lilas')
      .digest('hex');
    expect(opaqueHouseholdId(['Dupont', '12 rue des Lilas'], key)).toBe(`M-${expected.slice(0, 12)}`);
  });
});

/** RGPD scan of free-text values (issue #16, item 6): real-looking French phone numbers, e-mails, addresses. */
import { describe, expect, it } from 'vitest';
import { freeTextScan, personalDataInText } from './privacy.ts';

describe('personal data in free text', () => {
  it.each([
    'Rappeler au 03 21 00 00 00',
    'tél. +33 3 21 00 00 00 le matin',
    '+33 (0)3 21 00 00 00',
    '0033 3 21 00 00 00',
    'joignable au 0321000000',
    'portable 06.12.34.56.78',
    '06-12-34-56-78',
    '07 81 22 33 44 après 18 h',
  ])('finds the phone number in « %s »', (text) => {
    expect(personalDataInText(text)).toContain('un numéro de téléphone');
  });

  it.each([
    'écrire à jean.dupont@orange.fr',
    'Mail : m.lefebvre62@wanadoo.fr',
    'contact: famille_durand+cotri@mairie-boulogne-sur-mer.fr',
  ])('finds the e-mail in « %s »', (text) => {
    expect(personalDataInText(text)).toContain('une adresse e-mail');
  });

  it.each([
    'habite 12 rue de la Paix 62200 Boulogne-sur-Mer',
    '3 bis, avenue Foch',
    '45 chaussée Brunehaut',
    'Résidence : 62480 Le Portel',
    '8 allée des Tilleuls',
  ])('finds the postal address in « %s »', (text) => {
    expect(personalDataInText(text)).toContain('une adresse postale');
  });

  it.each([
    'Rappeler M. Caron après le devis',
    'Mme DURAND absente, repasser',
    'famille Lefèbvre : PAC installée',
    'Monsieur Dupont-Martin a signé',
  ])('finds the person’s name in « %s »', (text) => {
    expect(personalDataInText(text)).toContain('un nom de personne');
  });

  it.each([
    'Isolation des combles prévue au printemps',
    'Accord de M. le maire pour la salle',
    'Mme la présidente de l’EPCI informée',
    'Devis de 12 000 € pour une PAC',
    'Conseil réalisé en 2025, relance en mars',
    'Dossier MaPrimeRénov’ n° 2025-12',
    'Gain estimé 3 500 kWh/an',
    '62160',
  ])('leaves « %s » alone', (text) => {
    expect(personalDataInText(text)).toEqual([]);
  });

  it('drops personal values and counts them per column for the report', () => {
    const scan = freeTextScan();
    expect(scan.keep('commentaire', 'Rappeler au 03 21 00 00 00')).toBe(false);
    expect(scan.keep('commentaire', 'Isolation des combles')).toBe(true);
    expect(scan.keep('commentaire', 'jean.dupont@orange.fr')).toBe(false);
    expect(scan.keep('remarque', '12 rue de la Paix 62200 Boulogne-sur-Mer')).toBe(false);
    expect(scan.keep('remarque', 'vu avec Mme Caron')).toBe(false);
    expect(scan.keep('adresse', '3 rue Faidherbe', { postalAddressAllowed: true })).toBe(true);
    expect(scan.dropped()).toBe(4);
    expect(scan.report()).toEqual([
      'Colonne « commentaire » : 2 valeurs retirées car elles contenaient une adresse e-mail ou un numéro de téléphone (RGPD).',
      'Colonne « remarque » : 2 valeurs retirées car elles contenaient une adresse postale ou un nom de personne (RGPD).',
    ]);
  });
});

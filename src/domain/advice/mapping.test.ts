import { describe, expect, it } from 'vitest';
import type { ImportResult, StringColumn } from '../../io/types.ts';
import { detectAdviceColumns } from './columns.ts';
import { mapAdviceImport } from './mapping.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer' },
  { insee: '62758', name: 'Saint-Martin-Boulogne' },
  { insee: '62667', name: 'Le Portel' },
];

/** What the import engine hands over for a CSV without coordinates: header = row 1. */
function imported(
  fields: string[],
  rows: (string | null)[][],
  engineErrors: ImportResult['errors'] = [],
): ImportResult {
  const column = (j: number): StringColumn => ({ length: rows.length, get: (i) => rows[i]?.[j] ?? null });
  const n = rows.length;
  return {
    ok: true,
    kind: 'advice',
    encoding: 'utf-8',
    delimiter: ';',
    crs: null,
    swappedAxes: false,
    rows: n + engineErrors.length,
    fields,
    mapping: { id: null, x: null, y: null, wkt: null, insee: null, commune: null, postcode: null },
    features: {
      count: n,
      row: Int32Array.from(
        rows.map((_, i) => i + 2 + (engineErrors.length && i >= 1 ? engineErrors.length : 0)),
      ),
      lon: new Float64Array(n).fill(Number.NaN),
      lat: new Float64Array(n).fill(Number.NaN),
      geometry: null,
      insee: new Array(n).fill(null),
      crossed: null,
      attributes: Object.fromEntries(fields.map((f, j) => [f, column(j)])),
    },
    errors: engineErrors,
    warnings: [],
    outsideTerritory: 0,
  };
}

const header = [
  'Date conseil',
  'Commune',
  'Code INSEE',
  'Canal',
  'Statut occupation',
  'Type logement',
  'Thématiques',
  'Statut suivi',
  'Date relance',
  'Montant travaux',
  'Nom',
  'Téléphone',
  'Commentaire',
];

describe('mapAdviceImport', () => {
  it('maps a typical adviser export, drops personal columns and derives an opaque household id', () => {
    const result = mapAdviceImport(
      imported(header, [
        [
          '14/03/2026',
          'Boulogne-sur-Mer',
          '62160',
          'Téléphone',
          'Propriétaire occupant',
          'Maison',
          'Isolation | Aides financières',
          'Travaux engagés',
          '20/06/2026',
          '12 500 €',
          'DUPONT',
          '06 12 34 56 78',
          'devis reçu',
        ],
      ]),
      { communes },
    );
    expect(result.errors).toEqual([]);
    expect(result.personalColumns).toEqual(['Nom', 'Téléphone']);
    expect(result.warnings[0]).toMatch(
      /2 colonnes de données personnelles ignorées \(« Nom », « Téléphone »\)/,
    );
    const [s] = result.sessions;
    expect(s).toEqual({
      id: 'import-2',
      date: '2026-03-14',
      insee: '62160',
      channel: 'phone',
      householdStatus: 'ownerOccupier',
      dwellingType: 'house',
      topics: ['insulation', 'financialAid'],
      followUp: {
        status: 'worksStarted',
        contacts: [{ date: '2026-06-20', statusAfter: 'worksStarted' }],
        worksTypes: [],
        amountEur: 12500,
      },
      householdId: expect.stringMatching(/^M-[0-9a-f]{12}$/),
      sourceRow: 2,
      extra: { Commentaire: 'devis reçu' },
    });
    expect(JSON.stringify(result.sessions)).not.toMatch(/DUPONT|06 12/);
  });

  it('keeps personal columns only on explicit request', () => {
    const result = mapAdviceImport(
      imported(['date', 'code_insee', 'nom'], [['2026-03-14', '62160', 'DUPONT']]),
      { communes, keepPersonalColumns: true },
    );
    expect(result.personalColumnsKept).toBe(true);
    expect(result.sessions[0]?.extra).toEqual({ nom: 'DUPONT' });
    expect(result.warnings[0]).toMatch(/conservées à votre demande/);
  });

  it('links sessions of the same household through hashed personal columns', () => {
    const result = mapAdviceImport(
      imported(
        ['date', 'code_insee', 'nom', 'adresse'],
        [
          ['2026-03-14', '62160', 'Dupont', '3 rue Thiers'],
          ['2026-05-02', '62160', 'DUPONT ', '3 RUE THIERS'],
          ['2026-05-02', '62160', 'Durand', '3 rue Thiers'],
        ],
      ),
      { communes },
    );
    const ids = result.sessions.map((s) => s.householdId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
  });

  it('finds the commune by name when there is no INSEE column, and rejects unknown communes with a reason', () => {
    const result = mapAdviceImport(
      imported(
        ['date', 'ville', 'canal', 'statut_suivi'],
        [
          ['2026-03-14', 'St Martin Boulogne', 'visite', ''],
          ['2026-03-15', 'Portel (Le)', 'permanence', 'à relancer'],
          ['2026-03-16', 'Calais', 'permanence', ''],
          ['2026-03-17', '', 'permanence', ''],
        ],
      ),
      { communes },
    );
    expect(result.sessions.map((s) => [s.insee, s.channel, s.followUp.status])).toEqual([
      ['62758', 'homeVisit', 'toRemind'],
      ['62667', 'permanence', 'toRemind'],
    ]);
    expect(result.errors).toEqual([
      { row: 4, reason: 'commune « Calais » inconnue dans le territoire' },
      { row: 5, reason: 'commune non renseignée (ni code INSEE ni nom)' },
    ]);
  });

  it('reports every bad row in French and keeps blank optional values as « non renseigné »', () => {
    const result = mapAdviceImport(
      imported(
        [
          'id_conseil',
          'date',
          'code_insee',
          'canal',
          'statut_occupation',
          'statut_suivi',
          'thematiques',
          'montant',
        ],
        [
          ['C1', '31/02/2026', '62160', '', '', '', '', ''],
          ['C2', '', '62160', '', '', '', '', ''],
          ['C3', '2026-03-14', '62200', '', '', '', '', ''],
          ['C4', '2026-03-14', '62160', 'pigeon voyageur', '', '', '', ''],
          ['C5', '2026-03-14', '62160', '', '', 'peut-être', '', ''],
          ['C6', '2026-03-14', '62160', '', '', '', 'isolation; pergola', 'beaucoup'],
          ['C6', '2026-03-15', '62160', '', '', '', '', ''],
          ['C7', '2099-01-01', '62160', '', '', '', '', ''],
        ],
      ),
      { communes, asOf: '2026-10-31' },
    );
    expect(result.rows).toBe(8);
    expect(result.errors).toEqual([
      { row: 2, reason: 'date du conseil « 31/02/2026 » illisible (format attendu jj/mm/aaaa)' },
      { row: 3, reason: 'date du conseil manquante' },
      { row: 4, reason: 'commune 62200 hors du territoire (est-ce un code postal ?)' },
      {
        row: 5,
        reason:
          'canal « pigeon voyageur » non reconnu (valeurs possibles : permanence, téléphone, visite à domicile, événement)',
      },
      { row: 6, reason: 'statut de suivi « peut-être » non reconnu' },
      { row: 8, reason: 'identifiant « C6 » en double (déjà utilisé ligne 7)' },
      { row: 9, reason: 'date du conseil 01/01/2099 dans le futur' },
    ]);
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]).toMatchObject({
      id: 'C6',
      channel: 'unknown',
      householdStatus: 'unknown',
      topics: ['insulation', 'other'],
    });
    expect(result.sessions[0]?.followUp.amountEur).toBeUndefined();
    expect(result.warnings).toEqual([
      'Colonne absente : « Type de logement » — valeur enregistrée « non renseigné » pour tous les conseils.',
      'Canal non renseigné, enregistré « non renseigné » (ligne 7).',
      "Statut d'occupation non renseigné, enregistré « non renseigné » (ligne 7).",
      'Montant des travaux illisible ignoré (ligne 7).',
      'Thématique « pergola » non reconnue, classée « autre » (ligne 7).',
    ]);
    // Nothing lost: every data row is a session or an error.
    expect(result.sessions.length + result.errors.length).toBe(result.rows);
  });

  it('reads a dated contact history and carries the engine’s own rejected rows', () => {
    const result = mapAdviceImport(
      imported(
        ['date_conseil', 'code_insee', 'statut_suivi', 'historique_relances'],
        [
          [
            '2025-01-15',
            '62160',
            'travaux réalisés',
            '2025-04-15 travaux envisagés | 2025-07-16 travaux engagés | 2026-01-10 travaux réalisés',
          ],
          ['2025-02-01', '62160', '', '15/05/2025 : sans réponse'],
        ],
        [{ row: 3, reason: 'ligne illisible (guillemet non fermé)' }],
      ),
      { communes },
    );
    expect(result.sessions[0]?.followUp.contacts.map((c) => [c.date, c.statusAfter])).toEqual([
      ['2025-04-15', 'worksPlanned'],
      ['2025-07-16', 'worksStarted'],
      ['2026-01-10', 'worksDone'],
    ]);
    expect(result.sessions[1]?.followUp).toMatchObject({
      status: 'noAnswer',
      contacts: [{ date: '2025-05-15' }],
    });
    expect(result.sessions[1]?.sourceRow).toBe(4);
    expect(result.errors).toEqual([{ row: 3, reason: 'ligne illisible (guillemet non fermé)' }]);
    expect(result.rows).toBe(3);
  });

  it('rejects every row with a clear message when there is no date column', () => {
    const result = mapAdviceImport(imported(['code_insee'], [['62160'], ['62160']]), { communes });
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(2);
    expect(result.warnings[0]).toMatch(/Aucune colonne de date du conseil/);
  });
});

describe('detectAdviceColumns', () => {
  it('prefers specific aliases and lets the user override', () => {
    expect(detectAdviceColumns(['Statut', 'Statut suivi', 'DATE', 'Date relance'])).toEqual({
      date: 'DATE',
      status: 'Statut suivi',
      lastContactDate: 'Date relance',
    });
    expect(
      detectAdviceColumns(['Statut', 'Statut suivi', 'jour'], { date: 'jour', status: 'Statut' }),
    ).toMatchObject({
      date: 'jour',
      status: 'Statut',
    });
  });
});

describe('engine column choices', () => {
  it('uses the id and INSEE columns confirmed in the import engine', () => {
    const input = imported(['jour', 'dossier', 'code'], [['2026-03-14', 'D-77', '62160']]);
    input.mapping = { ...input.mapping, id: 'dossier', insee: 'code' };
    const result = mapAdviceImport(input, { communes, columns: { date: 'jour' } });
    expect(result.errors).toEqual([]);
    expect(result.sessions[0]).toMatchObject({ id: 'D-77', insee: '62160', date: '2026-03-14' });
  });
});

describe('free-text columns (RGPD)', () => {
  it('never keeps a phone number, an e-mail or an address from an unmapped column, and says how many', () => {
    const result = mapAdviceImport(
      imported(
        ['date_conseil', 'code_insee', 'statut_suivi', 'commentaire'],
        [
          ['2025-03-01', '62160', 'à relancer', 'Rappeler au 03 21 00 00 00'],
          ['2025-03-02', '62160', 'à relancer', 'Isolation des combles'],
          ['2025-03-03', '62160', 'à relancer', 'm.dupont@orange.fr'],
          ['2025-03-04', '62160', 'à relancer', '12 rue de la Paix 62200 Boulogne-sur-Mer'],
        ],
      ),
      { communes },
    );
    expect(result.sessions).toHaveLength(4);
    expect(result.sessions.map((s) => s.extra?.commentaire ?? null)).toEqual([
      null,
      'Isolation des combles',
      null,
      null,
    ]);
    expect(JSON.stringify(result.sessions)).not.toMatch(/03 21|orange\.fr|rue de la Paix/);
    expect(result.personalValuesDropped).toBe(3);
    expect(result.warnings).toContain(
      'Colonne « commentaire » : 3 valeurs retirées car elles contenaient une adresse e-mail, un numéro de téléphone ou une adresse postale (RGPD).',
    );
    const kept = mapAdviceImport(
      imported(
        ['date_conseil', 'code_insee', 'statut_suivi', 'commentaire'],
        [['2025-03-01', '62160', 'à relancer', 'Rappeler au 03 21 00 00 00']],
      ),
      { communes, keepPersonalColumns: true },
    );
    expect(kept.sessions[0]!.extra?.commentaire).toBe('Rappeler au 03 21 00 00 00');
  });
});

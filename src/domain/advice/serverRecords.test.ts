import { describe, expect, it } from 'vitest';
import {
  sessionPatch,
  sessionProperties,
  sessionPropertyLabel,
  sessionsFromRecords,
} from './serverRecords.ts';
import { makeSession } from './testSessions.ts';
import type { AdviceSession } from './types.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer' },
  { insee: '62487', name: 'Landrethun-le-Nord' },
];

const full: AdviceSession = {
  ...makeSession('CE-2026-0a1b2c3d', '2026-03-04', 'worksStarted', {
    contacts: [
      { date: '2026-06-01', statusAfter: 'worksPlanned', note: 'devis reçu' },
      { date: '2026-09-01', statusAfter: 'worksStarted' },
    ],
  }),
  channel: 'phone',
  householdStatus: 'tenant',
  dwellingType: 'apartment',
  topics: ['insulation', 'financialAid'],
  followUp: {
    status: 'worksStarted',
    contacts: [
      { date: '2026-06-01', statusAfter: 'worksPlanned' },
      { date: '2026-09-01', statusAfter: 'worksStarted' },
    ],
    worksTypes: ['heating', 'windows'],
    amountEur: 12500,
    estimatedGainKwh: 3400,
  },
};

describe('advice sessions ↔ server records', () => {
  it('writes the export’s columns, with the ISO date and the follow-up code the server reads', () => {
    const p = sessionProperties(full);
    expect(p).toMatchObject({
      date: '2026-03-04',
      followUpStatus: 'worksStarted',
      canal: 'téléphone',
      thematiques: 'isolation | aides financières',
      id_menage: full.householdId,
      montant_travaux: 12500,
    });
    expect(Object.keys(p)).not.toContain('date_conseil');
    expect(Object.keys(p)).not.toContain('statut_suivi');
    expect(Object.keys(p)).not.toContain('commune');
  });

  it('reads back a session written by the app as it was', () => {
    const record = { id: full.id, insee: full.insee, properties: sessionProperties(full) };
    const { sessions, unreadable } = sessionsFromRecords([record], communes);
    expect(unreadable).toEqual([]);
    expect(sessions).toEqual([full]);
  });

  it('reads a session imported raw through the server (the file’s own columns and labels)', () => {
    const raw = {
      id: 'CE-2025-0001',
      insee: '62487',
      properties: {
        date_conseil: '02/01/2025',
        code_insee: '62487',
        canal: 'permanence',
        statut_occupation: 'propriétaire occupant',
        type_logement: 'maison',
        thematiques: 'chauffage | aides financières',
        id_menage: 'M-0dece1926563',
        statut_suivi: 'travaux réalisés',
        historique_relances: '28/03/2025 travaux envisagés | 05/01/2026 travaux réalisés',
        types_travaux: 'chauffage',
        montant_travaux: null,
      },
    };
    const bad = {
      id: 'CE-X',
      insee: '62160',
      properties: { date: 'pas une date', followUpStatus: 'toRemind' },
    };
    const { sessions, unreadable } = sessionsFromRecords([raw, bad], communes);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({
      id: 'CE-2025-0001',
      date: '2025-01-02',
      insee: '62487',
      channel: 'permanence',
      topics: ['heating', 'financialAid'],
      followUp: { status: 'worksDone', worksTypes: ['heating'] },
    });
    expect(sessions[0]!.followUp.contacts).toHaveLength(2);
    expect(sessions[0]!.sourceRow).toBeUndefined();
    expect(unreadable).toEqual([{ id: 'CE-X', reason: expect.stringContaining('illisible') }]);
  });

  it('sends only what an edit changed, under the record’s names', () => {
    const after: AdviceSession = {
      ...full,
      followUp: {
        ...full.followUp,
        status: 'worksDone',
        contacts: [...full.followUp.contacts, { date: '2026-11-02', statusAfter: 'worksDone' }],
      },
    };
    expect(sessionPatch(full, after)).toEqual({
      followUpStatus: 'worksDone',
      date_relance: '02/11/2026',
      historique_relances:
        '01/06/2026 travaux envisagés | 01/09/2026 travaux engagés | 02/11/2026 travaux réalisés',
    });
    expect(sessionPatch(full, { ...full })).toBeNull();
    expect(sessionPropertyLabel('followUpStatus', [])).toBe('Statut du suivi');
    expect(sessionPropertyLabel('canal', ['canal'])).toBe('Canal');
  });
});

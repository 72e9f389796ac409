import { describe, expect, it } from 'vitest';
import {
  ADVICE_FORM_FIELDS,
  type AdviceFormInput,
  createSession,
  emptyAdviceForm,
  setWorksDetails,
  updateFollowUp,
  validateFollowUp,
  validateSession,
} from './form.ts';
import { countDueReminders } from './reminders.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer' },
  { insee: '62758', name: 'Saint-Martin-Boulogne' },
];
const context = { today: '2026-10-14', communes, contractStart: '2025-01-01' };
const valid: AdviceFormInput = {
  date: '2026-10-14',
  insee: '62160',
  channel: 'phone',
  householdStatus: 'tenant',
  dwellingType: 'apartment',
  topics: ['insulation', 'financialAid'],
};

describe('validateSession', () => {
  it('accepts a complete input and normalises it', () => {
    const v = validateSession(
      { ...valid, date: '14/10/2026', amountEur: '12 500,50', householdId: 'D-2026-17' },
      context,
    );
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value).toEqual({
      date: '2026-10-14',
      insee: '62160',
      channel: 'phone',
      householdStatus: 'tenant',
      dwellingType: 'apartment',
      topics: ['insulation', 'financialAid'],
      householdId: 'D-2026-17',
      status: 'toRemind',
      worksTypes: [],
      amountEur: 12500.5,
    });
  });
  it('reports every missing required field in French', () => {
    const v = validateSession(emptyAdviceForm(''), context);
    expect(v.ok).toBe(false);
    expect(v.errors).toEqual({
      date: 'La date du conseil est obligatoire.',
      insee: 'La commune est obligatoire.',
      channel: 'Choisissez le canal du conseil.',
      householdStatus: "Choisissez le statut d'occupation.",
      dwellingType: 'Choisissez le type de logement.',
      topics: 'Cochez au moins une thématique.',
    });
  });
  it('refuses a future date, a commune outside the territory, bad numbers and personal ids', () => {
    const v = validateSession(
      {
        ...valid,
        date: '2026-10-15',
        insee: '59350',
        amountEur: '-3',
        estimatedGainKwh: 'beaucoup',
        householdId: 'jean.dupont@example.fr',
        status: 'finished',
      },
      context,
    );
    expect(v.ok).toBe(false);
    expect(v.errors.date).toBe('La date du conseil ne peut pas être dans le futur.');
    expect(v.errors.insee).toBe('Choisissez une commune du Pays Boulonnais.');
    expect(v.errors.amountEur).toMatch(/négative/);
    expect(v.errors.estimatedGainKwh).toMatch(/nombre/);
    expect(v.errors.householdId).toMatch(/ni nom/);
    expect(v.errors.status).toBe('Statut de suivi inconnu.');
    expect(v.errors.channel).toBeUndefined();
  });
  it('accepts a commune typed by name and warns about dates before the contract', () => {
    const v = validateSession({ ...valid, insee: 'St Martin Boulogne', date: '2024-12-31' }, context);
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.value.insee).toBe('62758');
    expect(v.warnings.date).toMatch(/antérieure au début du contrat \(01\/01\/2025\)/);
  });
  it('has a French label for every field of the input', () => {
    const names = ADVICE_FORM_FIELDS.map((f) => f.name).sort();
    expect(names).toEqual(Object.keys({ ...emptyAdviceForm('x') }).sort());
    for (const f of ADVICE_FORM_FIELDS) expect(f.label.length).toBeGreaterThan(3);
  });
});

describe('createSession and follow-up updates', () => {
  const draft = validateSession(valid, context);
  if (!draft.ok) throw new Error('fixture invalid');
  const session = createSession(draft.value, 'S-1');

  it('creates an opaque household and an empty follow-up', () => {
    expect(session.householdId).toMatch(/^M-[0-9a-f]{12}$/);
    expect(session.followUp).toEqual({ status: 'toRemind', contacts: [], worksTypes: [] });
    expect(countDueReminders([session], '2027-01-14')).toBe(1);
  });
  it('records a contact without mutating, and works done stop reminders', () => {
    const updated = updateFollowUp(session, 'worksDone', '2026-12-01', 'isolation des combles terminée');
    expect(session.followUp.contacts).toEqual([]);
    expect(updated.followUp.status).toBe('worksDone');
    expect(updated.followUp.contacts).toEqual([
      { date: '2026-12-01', statusAfter: 'worksDone', note: 'isolation des combles terminée' },
    ]);
    expect(countDueReminders([updated], '2027-12-31')).toBe(0);
  });
  it('keeps contacts chronological; the status is the latest contact', () => {
    const a = updateFollowUp(session, 'worksStarted', '2027-01-10');
    const b = updateFollowUp(a, 'worksPlanned', '2026-11-20');
    expect(b.followUp.contacts.map((c) => c.date)).toEqual(['2026-11-20', '2027-01-10']);
    expect(b.followUp.status).toBe('worksStarted');
  });
  it('validates a follow-up update', () => {
    expect(validateFollowUp(session, { status: 'worksDone', date: '2026-10-14' }, '2026-10-14').ok).toBe(
      true,
    );
    const bad = validateFollowUp(
      session,
      { status: '', date: '2026-10-01', note: 'appeler le 06 12 34 56 78' },
      '2026-10-14',
    );
    expect(bad.errors).toEqual({
      status: 'Choisissez le nouveau statut.',
      date: 'La relance ne peut pas précéder le conseil (14/10/2026).',
      note: 'La note semble contenir un numéro de téléphone : retirez toute donnée personnelle (RGPD).',
    });
  });
  it('sets works details', () => {
    const w = setWorksDetails(session, {
      worksTypes: ['insulation', 'bogus'],
      amountEur: '8 000',
      estimatedGainKwh: 4200,
    });
    expect(w.followUp).toMatchObject({ worksTypes: ['insulation'], amountEur: 8000, estimatedGainKwh: 4200 });
    expect(setWorksDetails(w, { amountEur: '' }).followUp.amountEur).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { applyEdit, type LightPoint } from '../../domain/lights/index.ts';
import { type Draft, editOf, parseFrNumber, pastPlannedDate } from './editDraft.ts';

const draft = (patch: Partial<Draft> = {}): Draft => ({
  action: 'renovate',
  date: '2026-03-15',
  technology: 'led',
  power: '30',
  regime: 'none',
  dimHours: '6',
  reductionPct: '50',
  offHours: '5',
  ...patch,
});

const point: LightPoint = {
  id: 'A',
  insee: '62893',
  lon: 1.6,
  lat: 50.77,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  status: 'toRenovate',
};

describe('parseFrNumber', () => {
  it('reads French and English decimals and grouped thousands, and nothing else', () => {
    expect(parseFrNumber('0,2')).toBe(0.2);
    expect(parseFrNumber('0.2')).toBe(0.2);
    expect(parseFrNumber('4\u202f100')).toBe(4100);
    expect(parseFrNumber(' 30 ')).toBe(30);
    // The one number reader of the app (io/formats/number.ts): an exponent reads as in an import.
    expect(parseFrNumber('1e3')).toBe(1000);
    for (const junk of ['', 'abc', '3,2,1', '1 2', '30 W']) expect(parseFrNumber(junk)).toBeNaN();
  });
});

describe('editOf', () => {
  it('turns « abaissement de 50 % pendant 6 h » into the domain regime (level = share of power kept)', () => {
    expect(editOf(draft({ regime: 'dimming' }))).toEqual({
      kind: 'renovate',
      date: '2026-03-15',
      works: { technologyAfter: 'led', powerAfterW: 30, regime: { kind: 'dimming', hours: 6, level: 0.5 } },
    });
    const both = editOf(draft({ regime: 'dimmingAndSwitchOff', reductionPct: '30', offHours: '4,5' }));
    expect(both.kind === 'renovate' && both.works.regime).toEqual({
      kind: 'dimmingAndSwitchOff',
      dimmingHours: 6,
      level: 0.7,
      switchOffHours: 4.5,
    });
  });

  it('schedules without works when no power is typed, and resets without anything', () => {
    expect(editOf(draft({ action: 'schedule', power: '' }))).toEqual({
      kind: 'schedule',
      date: '2026-03-15',
    });
    expect(editOf(draft({ action: 'schedule', power: '', date: '' }))).toEqual({ kind: 'schedule' });
    expect(editOf(draft({ action: 'reset' }))).toEqual({ kind: 'reset' });
  });

  it('lets the domain refuse bad input with its French messages', () => {
    const reason = (d: Draft) => {
      const r = applyEdit([point], ['A'], editOf(d));
      return r.ok ? null : r.reason;
    };
    expect(reason(draft({ power: '' }))).toMatch(/puissance après travaux/i);
    expect(reason(draft({ power: 'trente' }))).toMatch(/puissance après travaux/i);
    expect(reason(draft({ date: '' }))).toMatch(/date des travaux/i);
    expect(reason(draft({ regime: 'dimming', reductionPct: 'moitié' }))).toMatch(/abaissement/i);
    expect(reason(draft({ regime: 'nightSwitchOff', offHours: '30' }))).toMatch(/Extinction/);
    expect(reason(draft())).toBeNull();
  });
});

describe('past planned date', () => {
  it('asks for confirmation only for a « programmé » edit dated before today', () => {
    expect(pastPlannedDate({ kind: 'schedule', date: '2026-01-15' }, '2026-03-01')).toBe('2026-01-15');
    expect(pastPlannedDate({ kind: 'schedule', date: '2026-03-01' }, '2026-03-01')).toBeNull();
    expect(pastPlannedDate({ kind: 'schedule' }, '2026-03-01')).toBeNull();
    const works = { technologyAfter: 'led' as const, powerAfterW: 30 };
    expect(pastPlannedDate({ kind: 'renovate', date: '2020-01-01', works }, '2026-03-01')).toBeNull();
  });
});

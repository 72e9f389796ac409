import { describe, expect, it } from 'vitest';
import {
  filterPeriod,
  inPeriod,
  isInContractPeriod,
  longFrenchDate,
  parsePeriodScope,
  periodDescription,
  periodLabel,
} from './period.ts';

const contract = { start: '2025-01-01', end: '2027-12-31' };

describe('period rule', () => {
  it('counts contract dates bounds included, never undated or malformed ones', () => {
    expect(inPeriod('2025-01-01', 'contract', contract)).toBe(true);
    expect(inPeriod('2027-12-31', 'contract', contract)).toBe(true);
    expect(inPeriod('2024-12-31', 'contract', contract)).toBe(false);
    expect(inPeriod('2028-01-01', 'contract', contract)).toBe(false);
    expect(inPeriod(undefined, 'contract', contract)).toBe(false);
    expect(inPeriod('2025-1-5', 'contract', contract)).toBe(false);
    expect(isInContractPeriod('2026-06-30', contract)).toBe(true);
  });

  it('leaves out records after the data date in the contract scope only', () => {
    expect(inPeriod('2026-07-01', 'contract', contract, '2026-06-30')).toBe(false);
    expect(inPeriod('2026-06-30', 'contract', contract, '2026-06-30')).toBe(true);
    expect(inPeriod('2026-07-01', 'all', contract, '2026-06-30')).toBe(true);
    expect(inPeriod(null, 'all', contract)).toBe(true);
  });

  it('filters a list', () => {
    const items = [{ d: '2020-01-01' }, { d: '2025-05-05' }, { d: undefined }];
    expect(filterPeriod(items, (i) => i.d, 'contract', contract)).toEqual([{ d: '2025-05-05' }]);
    expect(filterPeriod(items, (i) => i.d, 'all', contract)).toHaveLength(3);
  });

  it('says its scope in French, dates written out', () => {
    expect(periodLabel('contract')).toBe('dans la période du contrat');
    expect(periodLabel('all')).toBe('toutes dates');
    expect(longFrenchDate('2025-01-01')).toBe('1er janvier 2025');
    expect(longFrenchDate('2027-12-31')).toBe('31 décembre 2027');
    expect(periodDescription('contract', contract)).toBe(
      'dans la période du contrat (du 1er janvier 2025 au 31 décembre 2027)',
    );
    expect(periodDescription('all', contract)).toBe('toutes dates');
  });

  it('parses CLI values', () => {
    expect(parsePeriodScope('contract')).toBe('contract');
    expect(parsePeriodScope('ALL')).toBe('all');
    expect(parsePeriodScope('toutes dates')).toBe('all');
    expect(parsePeriodScope('2025')).toBeNull();
  });
});

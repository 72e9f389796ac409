import { describe, expect, it } from 'vitest';
import { agree } from '../../lib/plural.ts';
import { plural } from './format.ts';

describe('French plural (one rule: plural for |n| ≥ 2)', () => {
  it('keeps 0, 1, 1.5 and -1 singular, and 2, 1 000 and -2 plural', () => {
    for (const n of [0, 1, 1.5, 1.99, -1, -1.5]) expect([n, agree(n, 'ligne')]).toEqual([n, 'ligne']);
    for (const n of [2, 2.5, 1000, -2]) expect([n, agree(n, 'ligne')]).toEqual([n, 'lignes']);
    expect(agree(3, 'ligne lue', 'lignes lues')).toBe('lignes lues');
  });

  it('writes the count in French with the agreeing noun, decimals kept', () => {
    expect(plural(1.5, 'heure')).toBe('1,5 heure');
    expect(plural(2.25, 'heure')).toBe('2,25 heures');
    expect(plural(12000, 'ligne lue', 'lignes lues')).toBe('12\u202F000 lignes lues');
    expect(plural(1, 'ligne rejetée', 'lignes rejetées')).toBe('1 ligne rejetée');
  });
});

import { describe, expect, it } from 'vitest';
import { TARGET_SHARES, targetShareValues } from './targetShare.ts';
import { testData } from './testData.ts';

describe('part de l’objectif', () => {
  it('divides each commune’s conversion rate by the contract threshold, small samples kept apart', () => {
    const { values, smallSample } = targetShareValues('adviceConversion', testData(), 'commune');
    // 18 / 20 = 90 % against a 90 % threshold: exactly the target.
    expect(values.get('62001')).toBeCloseTo(100);
    expect(values.get('62002')).toBeCloseTo(100 / 0.9);
    expect(values.get('62003')).toBeNull();
    expect([...smallSample]).toEqual(['62002', '62003']);
  });

  it('at EPCI level, takes the ratio of sums, never the mean of commune shares', () => {
    const { values } = targetShareValues('adviceConversion', testData(), 'epci');
    expect(values.get('A')).toBeCloseTo(((18 + 2) / 22) * (100 / 0.9));
    const sessions = targetShareValues('adviceSessions', testData(), 'epci').values;
    // EPCI A: 43 sessions for 10,000 of 20,000 inhabitants → target 1,000.
    expect(sessions.get('A')).toBeCloseTo(4.3);
  });

  it('shares the session and lighting targets out as « Avancement COTRI » does', () => {
    const data = testData();
    // Alpha: 8,000 of 20,000 inhabitants → 800 sessions expected; 40 done.
    expect(targetShareValues('adviceSessions', data, 'commune').values.get('62001')).toBeCloseTo(5);
    // Alpha: 100 of 400 light points → 500 renovations expected; 38 counted.
    expect(targetShareValues('lightsRenovated', data, 'commune').values.get('62001')).toBeCloseTo(7.6);
    // Bravo has no light point: no target, no share.
    expect(targetShareValues('lightsRenovated', data, 'commune').values.get('62002')).toBeNull();
  });

  it('says what 100 % means for each map', () => {
    const contract = testData().contract;
    expect(TARGET_SHARES.map((t) => t.target(contract))).toEqual([
      expect.stringContaining('90'),
      expect.stringContaining('2\u202f000 conseils'),
      expect.stringContaining('2\u202f000 points'),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  annualEnergyKwh,
  assessRenovation,
  classifyFactor,
  currentEnergyKwh,
  DEFAULT_LIGHTING_SETTINGS,
  effectiveHours,
  eurosPerYear,
  formulaExplanation,
  regimeProblem,
  settingProblem,
  tonnesCo2PerYear,
  USER_SOURCE,
  withSetting,
} from './energy.ts';
import { NO_LOSSES } from './losses.ts';
import type { DimmingRegime, LightPoint, Renovation } from './types.ts';

// Nominal powers: the energy formula is pinned here, gear losses in losses.test.ts.
const S = { ...DEFAULT_LIGHTING_SETTINGS, lossFactors: NO_LOSSES };
const none: DimmingRegime = { kind: 'none' };

function point(
  powerBeforeW: number,
  renovation?: Partial<Renovation>,
  extra: Partial<LightPoint> = {},
): LightPoint {
  return {
    id: 'p',
    insee: '62160',
    lon: 1.6,
    lat: 50.7,
    technologyBefore: 'sodiumHighPressure',
    powerBeforeW,
    status: renovation ? 'renovated' : 'toRenovate',
    ...(renovation
      ? {
          renovation: {
            technologyAfter: 'led',
            powerAfterW: 35,
            regime: none,
            date: '2025-03-01',
            ...renovation,
          },
        }
      : {}),
    ...extra,
  };
}

describe('annual energy', () => {
  it('150 W sodium, all night, 4100 h → 150 × 4100 / 1000 = 615 kWh', () => {
    expect(annualEnergyKwh(150, none, 4100)).toBe(615);
  });

  it('35 W LED dimmed to 50 % for 6 h per night', () => {
    // effective hours = 4100 − 365 × 6 × (1 − 0.5) = 4100 − 1095 = 3005 h
    // energy = 35 × 3005 / 1000 = 105.175 kWh
    expect(effectiveHours({ kind: 'dimming', hours: 6, level: 0.5 }, 4100)).toBe(3005);
    expect(annualEnergyKwh(35, { kind: 'dimming', hours: 6, level: 0.5 }, 4100)).toBeCloseTo(105.175, 10);
  });

  it('night switch-off of 5 h removes 365 × 5 = 1825 h', () => {
    // 4100 − 1825 = 2275 h; 40 W × 2275 = 91 kWh
    expect(annualEnergyKwh(40, { kind: 'nightSwitchOff', hours: 5 }, 4100)).toBeCloseTo(91, 10);
  });

  it('switch-off and dimming combined', () => {
    // off 5 h: −1825 h; dimmed 2 h at 30 % power: −365 × 2 × 0.7 = −511 h → 4100 − 1825 − 511 = 1764 h
    const regime: DimmingRegime = {
      kind: 'dimmingAndSwitchOff',
      switchOffHours: 5,
      dimmingHours: 2,
      level: 0.3,
    };
    expect(effectiveHours(regime, 4100)).toBeCloseTo(1764, 9);
    expect(annualEnergyKwh(50, regime, 4100)).toBeCloseTo(88.2, 9);
  });

  it('caps hours at the length of an average lit night, never below zero', () => {
    expect(effectiveHours({ kind: 'nightSwitchOff', hours: 20 }, 4100)).toBe(0);
    // dimming the whole night at 40 %: 4100 × 0.4 = 1640
    expect(effectiveHours({ kind: 'dimming', hours: 24, level: 0.4 }, 4100)).toBeCloseTo(1640, 9);
    // switch-off 10 h leaves 4100/365 − 10 ≈ 1.233 h per night to dim
    const both = effectiveHours(
      { kind: 'dimmingAndSwitchOff', switchOffHours: 10, dimmingHours: 6, level: 0 },
      4100,
    );
    expect(both).toBeCloseTo(0, 9);
  });

  it('never returns NaN for garbage regimes', () => {
    expect(effectiveHours({ kind: 'dimming', hours: Number.NaN, level: 0.5 }, 4100)).toBe(4100);
    expect(effectiveHours({ kind: 'dimming', hours: 4, level: Number.NaN }, 4100)).toBe(4100);
    expect(effectiveHours({ kind: 'nightSwitchOff', hours: -3 }, 4100)).toBe(4100);
    expect(annualEnergyKwh(Number.NaN, none, 4100)).toBe(0);
  });

  it('uses the burning hours of the settings', () => {
    expect(annualEnergyKwh(100, none, 4000)).toBe(400);
  });
});

describe('renovation factor and class', () => {
  it('150 W SHP → 35 W LED dimmed 50 % 6 h: 615 / 105.175 ≈ 5.847 → factor 4', () => {
    const a = assessRenovation(
      point(150, { powerAfterW: 35, regime: { kind: 'dimming', hours: 6, level: 0.5 } }),
      S,
    );
    expect(a.energyBeforeKwh).toBe(615);
    expect(a.energyAfterKwh).toBeCloseTo(105.175, 10);
    expect(a.factor).toBeCloseTo(615 / 105.175, 10);
    expect(a.factorClass).toBe('factor4');
    expect(a.savedKwh).toBeCloseTo(509.825, 9);
  });

  it('factor exactly 4 is facteur 4, just under is facteur 2', () => {
    // 100 W → 25 W, same hours: 410 / 102.5 = 4
    const exact = assessRenovation(point(100, { powerAfterW: 25 }), S);
    expect(exact.factor).toBe(4);
    expect(exact.factorClass).toBe('factor4');
    expect(assessRenovation(point(100, { powerAfterW: 25.1 }), S).factorClass).toBe('factor2');
  });

  it('factor exactly 2 is facteur 2, just under is below target', () => {
    // 150 W → 75 W: 615 / 307.5 = 2
    const exact = assessRenovation(point(150, { powerAfterW: 75 }), S);
    expect(exact.factor).toBe(2);
    expect(exact.factorClass).toBe('factor2');
    expect(assessRenovation(point(150, { powerAfterW: 75.5 }), S).factorClass).toBe('belowTarget');
  });

  it('factor 4 reached thanks to dimming only', () => {
    // 100 W → 40 W (ratio 2.5 on power) with switch-off 5 h: 40 × 2275 = 91 kWh; 410 / 91 ≈ 4.505
    const a = assessRenovation(
      point(100, { powerAfterW: 40, regime: { kind: 'nightSwitchOff', hours: 5 } }),
      S,
    );
    expect(a.factor).toBeCloseTo(410 / 91, 10);
    expect(a.factorClass).toBe('factor4');
    expect(assessRenovation(point(100, { powerAfterW: 40 }), S).factorClass).toBe('factor2');
  });

  it('a regime before renovation lowers the energy before', () => {
    // before: 100 W × (4100 − 1825) h = 227.5 kWh; after: 25 W × 2275 h = 56.875 kWh; factor 4
    const off: DimmingRegime = { kind: 'nightSwitchOff', hours: 5 };
    const a = assessRenovation(point(100, { powerAfterW: 25, regime: off }, { regimeBefore: off }), S);
    expect(a.energyBeforeKwh).toBeCloseTo(227.5, 10);
    expect(a.energyAfterKwh).toBeCloseTo(56.875, 10);
    expect(a.factor).toBeCloseTo(4, 12);
    expect(a.factorClass).toBe('factor4');
  });

  it('tolerates floating-point noise at the thresholds', () => {
    expect(classifyFactor(3.9999999999999996)).toBe('factor4');
    expect(classifyFactor(1.9999999999999998)).toBe('factor2');
    expect(classifyFactor(3.999)).toBe('factor2');
    expect(classifyFactor(1.999)).toBe('belowTarget');
    expect(classifyFactor(Number.POSITIVE_INFINITY)).toBe('factor4');
    expect(classifyFactor(null)).toBe('notClassifiable');
  });

  it('power after missing → not classifiable, savings unknown', () => {
    const a = assessRenovation(point(150, { powerAfterW: null }), S);
    expect(a).toEqual({
      energyBeforeKwh: 615,
      energyAfterKwh: null,
      factor: null,
      factorClass: 'notClassifiable',
      savedKwh: null,
    });
    expect(assessRenovation(point(150, { powerAfterW: Number.NaN }), S).factorClass).toBe('notClassifiable');
    expect(assessRenovation(point(150, { powerAfterW: -5 }), S).factorClass).toBe('notClassifiable');
  });

  it('power after 0 → decommissioned, whole energy saved', () => {
    const a = assessRenovation(point(150, { powerAfterW: 0 }), S);
    expect(a.factorClass).toBe('decommissioned');
    expect(a.factor).toBe(Number.POSITIVE_INFINITY);
    expect(a.energyAfterKwh).toBe(0);
    expect(a.savedKwh).toBe(615);
  });

  it('lamp kept but switched off all night → energy after 0, factor 4', () => {
    const a = assessRenovation(
      point(150, { powerAfterW: 30, regime: { kind: 'nightSwitchOff', hours: 24 } }),
      S,
    );
    expect(a.energyAfterKwh).toBe(0);
    expect(a.factorClass).toBe('factor4');
  });

  it('no energy before → not classifiable (nothing to divide)', () => {
    const a = assessRenovation(
      point(150, { powerAfterW: 30 }, { regimeBefore: { kind: 'nightSwitchOff', hours: 24 } }),
      S,
    );
    expect(a.factorClass).toBe('notClassifiable');
  });

  it('a new lamp consuming more gives negative savings, below target', () => {
    const a = assessRenovation(point(70, { powerAfterW: 100 }), S);
    expect(a.factorClass).toBe('belowTarget');
    expect(a.savedKwh).toBeCloseTo(-123, 9);
  });

  it('no renovation data → no class', () => {
    const a = assessRenovation(point(150), S);
    expect(a.factorClass).toBeNull();
    expect(a.energyBeforeKwh).toBe(615);
  });

  it('current energy is the new lamp once renovated, the old one otherwise', () => {
    expect(currentEnergyKwh(point(150, { powerAfterW: 25 }), S)).toBeCloseTo(102.5, 10);
    const scheduled = point(150, { powerAfterW: 25 }, { status: 'scheduled' });
    expect(currentEnergyKwh(scheduled, S)).toBe(615);
    expect(currentEnergyKwh(point(150, { powerAfterW: null }), S)).toBe(615);
  });
});

describe('settings', () => {
  it('euros and tonnes of CO2 follow the settings', () => {
    const s = withSetting(withSetting(S, 'electricityPriceEurPerKwh', 0.25), 'co2KgPerKwh', 0.1);
    expect(eurosPerYear(1000, s)).toBe(250);
    expect(tonnesCo2PerYear(1000, s)).toBe(0.1);
    expect(s.sources.co2KgPerKwh).toBe(USER_SOURCE);
    expect(s.sources.burningHoursPerYear).toBe(S.sources.burningHoursPerYear);
  });

  it('every default value has a French source', () => {
    expect(S.burningHoursPerYear).toBe(4100);
    for (const source of Object.values(S.sources)) expect(source.length).toBeGreaterThan(40);
  });

  it('rejects unusable values with French messages', () => {
    expect(settingProblem('burningHoursPerYear', 0)).toMatch(/entre 1 et 8 760/);
    expect(settingProblem('electricityPriceEurPerKwh', -1)).toMatch(/positif/);
    expect(settingProblem('co2KgPerKwh', 0.06)).toBeNull();
  });

  it('validates regimes', () => {
    expect(regimeProblem({ kind: 'dimming', hours: 6, level: 0.5 })).toBeNull();
    expect(regimeProblem({ kind: 'dimming', hours: 6, level: 50 })).toMatch(/Niveau/);
    expect(regimeProblem({ kind: 'nightSwitchOff', hours: 30 })).toMatch(/Extinction/);
    expect(
      regimeProblem({ kind: 'dimmingAndSwitchOff', dimmingHours: 14, switchOffHours: 12, level: 0.5 }),
    ).toMatch(/24 heures/);
  });
});

describe('formula explanation', () => {
  it('shows the worked example computed from the settings', () => {
    const text = formulaExplanation(S).steps.join('\n');
    expect(text).toContain('615 kWh/an');
    expect(text).toMatch(/3\u202f005/);
    expect(text).toContain('105,2 kWh/an');
    expect(text).toContain('≈ 5,8');
    const other = formulaExplanation(withSetting(S, 'burningHoursPerYear', 4000)).steps.join('\n');
    expect(other).toContain('600 kWh/an');
  });

  it('lists each setting with its source', () => {
    const e = formulaExplanation(withSetting(S, 'co2KgPerKwh', 0.06));
    expect(e.settings.map((s) => s.key)).toEqual([
      'burningHoursPerYear',
      'electricityPriceEurPerKwh',
      'co2KgPerKwh',
    ]);
    expect(e.settings[2]!.source).toBe(USER_SOURCE);
    expect(e.settings[2]!.value).toBe('0,06 kgCO₂e/kWh');
  });
});

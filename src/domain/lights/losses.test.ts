import { describe, expect, it } from 'vitest';
import { importResultFrom } from '../../../test/fixtures/lights/importResult.ts';
import {
  assessRenovation,
  currentEnergyKwh,
  DEFAULT_LIGHTING_SETTINGS,
  formulaExplanation,
} from './energy.ts';
import {
  consumedPowerProblem,
  consumedPowerW,
  DEFAULT_LOSS_FACTORS,
  LOSS_FACTOR_SOURCES,
  lossFactorProblem,
  lossFactorsOf,
  NO_LOSSES,
} from './losses.ts';
import { mapLights } from './mapping.ts';
import { type LightPoint, TECHNOLOGIES, type Technology } from './types.ts';

const S = DEFAULT_LIGHTING_SETTINGS;

describe('default loss factors', () => {
  // One expectation per technology: changing a default is a decision, made here.
  const expected: Record<Technology, number> = {
    sodiumHighPressure: 0.15,
    sodiumLowPressure: 0.15,
    metalHalide: 0.15,
    mercury: 0.15,
    fluorescentTube: 0.15,
    compactFluorescent: 0.15,
    led: 0,
    halogen: 0,
    other: 0,
  };
  for (const t of TECHNOLOGIES) {
    it(`${t}: ${expected[t] * 100} %, with a cited source`, () => {
      expect(DEFAULT_LOSS_FACTORS[t]).toBe(expected[t]);
      expect(LOSS_FACTOR_SOURCES[t].length).toBeGreaterThan(40);
      expect(consumedPowerW(100, t, DEFAULT_LOSS_FACTORS)).toBeCloseTo(100 * (1 + expected[t]), 9);
    });
  }

  it('cites the ballast classes for discharge lamps', () => {
    expect(LOSS_FACTOR_SOURCES.sodiumHighPressure).toMatch(/CELMA.*12 %.*B1.*20 %.*B2/);
    expect(LOSS_FACTOR_SOURCES.led).toMatch(/alimentation \(driver\) comprise/);
  });
});

describe('consumed power', () => {
  it('SHP 150 W draws 172.5 W with its ballast; a removed lamp draws nothing', () => {
    expect(consumedPowerW(150, 'sodiumHighPressure', DEFAULT_LOSS_FACTORS)).toBeCloseTo(172.5, 9);
    expect(consumedPowerW(0, 'sodiumHighPressure', DEFAULT_LOSS_FACTORS)).toBe(0);
    expect(consumedPowerW(-5, 'led', DEFAULT_LOSS_FACTORS)).toBe(0);
  });

  it('uses the measured value when the file gives one', () => {
    expect(consumedPowerW(150, 'sodiumHighPressure', DEFAULT_LOSS_FACTORS, 168)).toBe(168);
  });

  it('applies user factors over the defaults, ignoring bad ones', () => {
    const f = lossFactorsOf({ sodiumHighPressure: 0.2, led: -1, mercury: Number.NaN });
    expect(f.sodiumHighPressure).toBe(0.2);
    expect(f.led).toBe(0);
    expect(f.mercury).toBe(0.15);
    expect(lossFactorsOf(undefined)).toBe(DEFAULT_LOSS_FACTORS);
  });

  it('validates factors and consumed powers in French', () => {
    expect(lossFactorProblem('led', 0.1)).toBeNull();
    expect(lossFactorProblem('led', 1.5)).toMatch(/entre 0 et 100 %/);
    expect(lossFactorProblem('mercury', -0.1)).toMatch(/Ballon fluorescent/);
    expect(consumedPowerProblem(170, 150)).toBeNull();
    expect(consumedPowerProblem(-3, 150)).toMatch(/invraisemblable/);
    expect(consumedPowerProblem(9000, 150)).toMatch(/invraisemblable/);
    expect(consumedPowerProblem(100, 150)).toMatch(/incompatible/);
    expect(consumedPowerProblem(400, 150)).toMatch(/incompatible/);
  });
});

describe('energy on consumed power', () => {
  const shp: LightPoint = {
    id: 'a',
    insee: '62160',
    lon: 1.6,
    lat: 50.7,
    technologyBefore: 'sodiumHighPressure',
    powerBeforeW: 150,
    status: 'renovated',
    renovation: { technologyAfter: 'led', powerAfterW: 40, regime: { kind: 'none' }, date: '2025-06-01' },
  };

  it('150 W SHP → 40 W LED: 172.5 × 4 100 = 707.25 kWh before, 164 after, factor 4.3 (3.75 nominal)', () => {
    const a = assessRenovation(shp, S);
    expect(a.energyBeforeKwh).toBeCloseTo(707.25, 9);
    expect(a.energyAfterKwh).toBeCloseTo(164, 9);
    expect(a.factor).toBeCloseTo(707.25 / 164, 9);
    expect(a.factorClass).toBe('factor4');
    // The same works judged on nominal powers only would be facteur 2: losses matter for the contract.
    expect(assessRenovation(shp, { ...S, lossFactors: NO_LOSSES }).factorClass).toBe('factor2');
  });

  it('a consumed-power column replaces the default losses, before and after', () => {
    const measured = {
      ...shp,
      consumedPowerW: 165,
      renovation: { ...shp.renovation!, consumedPowerAfterW: 42 },
    };
    const a = assessRenovation(measured, S);
    expect(a.energyBeforeKwh).toBeCloseTo(165 * 4.1, 9);
    expect(a.energyAfterKwh).toBeCloseTo(42 * 4.1, 9);
    expect(currentEnergyKwh(measured, S)).toBeCloseTo(42 * 4.1, 9);
  });

  it('the worked example of « Comment c’est calculé » includes the ballast', () => {
    const text = formulaExplanation(S).steps.join('\n');
    expect(text).toMatch(/150 W appelle 172,5 W avec son ballast/);
    expect(text).toMatch(/Pertes par défaut : 15 %/);
  });
});

describe('import of consumed power and impossible values', () => {
  it('reads a consumed-power column and flags impossible values on the point', () => {
    const result = mapLights(
      importResultFrom(
        ['technologie', 'puissance', 'puissance_consommee', 'temperature_couleur', 'ulr'],
        [
          ['SHP', '150', '168', '2 000 K', '2'],
          ['SHP', '150', '-20', '728', '2'],
          ['SHP', '150', '0', '', ''],
        ],
      ),
    );
    const [a, b, c] = result.points;
    expect(a).toMatchObject({ consumedPowerW: 168, colourTemperatureK: 2000, ulrPercent: 2 });
    expect(a!.ignoredValues).toBeUndefined();
    expect(b!.consumedPowerW).toBeUndefined();
    expect(b!.colourTemperatureK).toBeUndefined();
    expect(b!.ignoredValues).toEqual({ consumedPowerW: '-20', colourTemperatureK: '728' });
    // 0 means unknown, as for the nominal power: default losses, nothing flagged.
    expect(c!.consumedPowerW).toBeUndefined();
    expect(c!.ignoredValues).toBeUndefined();
    const w = result.warnings.join('\n');
    expect(w).toMatch(/Puissance consommée ignorée \(puissance consommée invraisemblable\).*« -20 »/);
    expect(w).toMatch(/Température de couleur illisible ou invraisemblable.*« 728 »/);
    // The flagged point is still computed, on nominal power plus default losses.
    expect(assessRenovation(b!, S).energyBeforeKwh).toBeCloseTo(707.25, 9);
  });
});

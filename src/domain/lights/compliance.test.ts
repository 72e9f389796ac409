import { describe, expect, it } from 'vitest';
import {
  assessCompliance,
  COMPLIANCE_THRESHOLDS,
  type ComplianceSettings,
  complianceCodes,
  complianceExplanation,
  DEFAULT_COMPLIANCE_SETTINGS,
  NOT_ASSESSED,
  summarizeCompliance,
  VERDICTS,
} from './compliance.ts';
import type { LightPoint } from './types.ts';

const base: LightPoint = {
  id: 'p',
  insee: '62160',
  lon: 1.6,
  lat: 50.7,
  technologyBefore: 'led',
  powerBeforeW: 30,
  status: 'toRenovate',
};
const at = (patch: Partial<LightPoint>): LightPoint => ({ ...base, ...patch });
const S = DEFAULT_COMPLIANCE_SETTINGS;
/** French number formatting uses narrow no-break spaces: compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
const criterion = (p: LightPoint, name: string, settings: ComplianceSettings = S) =>
  assessCompliance(p, settings).criteria.find((c) => c.criterion === name)!;

describe('thresholds of the arrêté du 27 décembre 2018', () => {
  it('pins the values and cites the articles', () => {
    expect(COMPLIANCE_THRESHOLDS).toMatchObject({
      colourTemperatureK: 3000,
      protectedColourTemperatureK: 2400,
      ulrOnSitePercent: 4,
      ulrNewLuminairePercent: 1,
      ulrReplacePercent: 50,
    });
    const text = plain(complianceExplanation().join('\n'));
    expect(text).toMatch(/3 000 K \(art\. 3 II 3°\)/);
    expect(text).toMatch(/2 400 K .*\(art\. 4 II\)/);
    expect(text).toMatch(
      /4 % sur site.*1 % pour un luminaire posé depuis le 1er janvier 2020 \(art\. 3 II 1°\)/,
    );
    expect(text).toMatch(/50 %.*\(art\. 8\)/);
  });

  it('colour temperature: 3 000 K passes, 3 001 K fails, 2 400 K limit in a listed reserve', () => {
    expect(criterion(at({ colourTemperatureK: 3000 }), 'colourTemperature').verdict).toBe('compliant');
    expect(criterion(at({ colourTemperatureK: 3001 }), 'colourTemperature').verdict).toBe('nonCompliant');
    const reserve = { ...S, protectedCommunes: ['62160'] };
    expect(criterion(at({ colourTemperatureK: 2400 }), 'colourTemperature', reserve).verdict).toBe(
      'compliant',
    );
    const fail = criterion(at({ colourTemperatureK: 2700 }), 'colourTemperature', reserve);
    expect(fail.verdict).toBe('nonCompliant');
    expect(plain(fail.reason)).toMatch(/2 700 K > 2 400 K \(art\. 4 II, réserve naturelle\)/);
  });

  it('colour temperature of the lamp in place: the new lamp once renovated', () => {
    const p = at({
      technologyBefore: 'mercury',
      colourTemperatureK: 4200,
      status: 'renovated',
      renovation: {
        technologyAfter: 'led',
        powerAfterW: 20,
        regime: { kind: 'none' },
        colourTemperatureK: 2700,
        date: '2024-03-01',
      },
    });
    expect(criterion(p, 'colourTemperature').verdict).toBe('compliant');
  });

  it('sodium is about 2 000 K whatever the file says; an impossible value is unknown, not used', () => {
    const shp = criterion(at({ technologyBefore: 'sodiumHighPressure' }), 'colourTemperature');
    expect(shp.verdict).toBe('compliant');
    expect(shp.reason).toMatch(/déduite de la technologie/);
    const bad = criterion(at({ ignoredValues: { colourTemperatureK: '728' } }), 'colourTemperature');
    expect(bad.verdict).toBe('unknown');
    expect(bad.reason).toMatch(/« 728 » invraisemblable/);
  });

  it('ULR: strictly below 4 % on site, below 1 % for a luminaire posed since 2020, art. 8 above 50 %', () => {
    expect(criterion(at({ ulrPercent: 3.9 }), 'ulr').verdict).toBe('compliant');
    expect(criterion(at({ ulrPercent: 4 }), 'ulr').verdict).toBe('nonCompliant');
    const renovated = (date: string, ulrPercent: number) =>
      at({
        ulrPercent,
        status: 'renovated',
        renovation: { technologyAfter: 'led', powerAfterW: 20, regime: { kind: 'none' }, date },
      });
    expect(criterion(renovated('2019-12-31', 2), 'ulr').verdict).toBe('compliant');
    expect(criterion(renovated('2020-01-01', 1), 'ulr').verdict).toBe('nonCompliant');
    expect(criterion(renovated('2020-01-01', 0.5), 'ulr').verdict).toBe('compliant');
    expect(criterion(at({ ulrPercent: 60 }), 'ulr').reason).toMatch(/remplacement exigé.*art\. 8/);
  });

  it('night switch-off only where the commune requires it', () => {
    expect(criterion(at({}), 'switchOff').verdict).toBe('notRequired');
    const required = { ...S, switchOffCommunes: ['62160'] };
    expect(criterion(at({}), 'switchOff', required).verdict).toBe('nonCompliant');
    const off = at({ regimeBefore: { kind: 'nightSwitchOff', hours: 5 } });
    expect(criterion(off, 'switchOff', required).verdict).toBe('compliant');
  });

  it('verdict: any known failure → non compliant; all known and passed → compliant; else unknown', () => {
    expect(assessCompliance(at({ colourTemperatureK: 2700, ulrPercent: 0 }), S).verdict).toBe('compliant');
    expect(assessCompliance(at({ colourTemperatureK: 2700 }), S).verdict).toBe('unknown');
    expect(assessCompliance(at({ colourTemperatureK: 4000 }), S).verdict).toBe('nonCompliant');
  });
});

describe('counts per commune and EPCI', () => {
  it('counts territory points, sets removed lamps apart and ignores points outside', () => {
    const points = [
      at({ id: 'a', colourTemperatureK: 2700, ulrPercent: 0 }),
      at({ id: 'b', colourTemperatureK: 4000, ulrPercent: 10 }),
      at({ id: 'c', insee: '62001' }),
      at({
        id: 'd',
        status: 'renovated',
        renovation: {
          technologyAfter: 'other',
          powerAfterW: 0,
          regime: { kind: 'none' },
          date: '2025-01-01',
        },
      }),
      at({ id: 'e', insee: '', outsideTerritory: true, colourTemperatureK: 5000 }),
    ];
    const epciOf = new Map([
      ['62160', '246200729'],
      ['62001', '200018083'],
    ]);
    const s = summarizeCompliance(points, S, { epciOf });
    expect(s.totals).toEqual({ compliant: 1, nonCompliant: 1, unknown: 1, removed: 1 });
    expect(s.byCommune['62160']).toEqual({ compliant: 1, nonCompliant: 1, unknown: 0, removed: 1 });
    expect(s.byEpci['200018083']).toEqual({ compliant: 0, nonCompliant: 0, unknown: 1, removed: 0 });
    expect(s.failing).toEqual({ colourTemperature: 1, ulr: 1, switchOff: 0 });
    const codes = complianceCodes(points, S);
    expect(Array.from(codes, (c) => (c === NOT_ASSESSED ? null : VERDICTS[c]))).toEqual([
      'compliant',
      'nonCompliant',
      'unknown',
      null,
      null,
    ]);
  });
});

describe('compliance exports', () => {
  it('writes one row per point with each criterion, and counts per commune, EPCI and territory', async () => {
    const { complianceCsv, complianceCountsCsv } = await import('./complianceExport.ts');
    const points = [
      at({ id: 'a', colourTemperatureK: 4000, ulrPercent: 0 }),
      at({ id: 'z', insee: '', outsideTerritory: true }),
    ];
    const context = {
      epciOf: new Map([['62160', '246200729']]),
      communeName: new Map([['62160', 'Boulogne-sur-Mer']]),
      epciName: new Map([['246200729', 'CA du Boulonnais']]),
    };
    const csv = plain(complianceCsv(points, S, context));
    expect(csv).toMatch(/^\uFEFF?identifiant;commune;code_insee;adresse;conformite;température de couleur;/);
    expect(csv).toMatch(/a;Boulogne-sur-Mer;62160;;Non conforme;4 000 K > 3 000 K \(art\. 3 II 3°\);/);
    expect(csv).toMatch(/z;hors du territoire;;;non jugé \(hors du territoire\)/);
    const counts = complianceCountsCsv(points, S, context);
    expect(counts).toMatch(/commune;62160;Boulogne-sur-Mer;1;0;0;0/);
    expect(counts).toMatch(/epci;246200729;CA du Boulonnais;1;0;0;0/);
    expect(counts).toMatch(/territoire;;Territoire;1;0;0;0/);
  });
});

import { describe, expect, it } from 'vitest';
import { importResultFrom } from '../../../test/fixtures/lights/importResult.ts';
import { resolveLightColumns } from './columns.ts';
import { positionId } from './identifiers.ts';
import { mapLights } from './mapping.ts';
import { parseStatus, parseTechnology } from './vocabulary.ts';

describe('vocabulary', () => {
  it('recognises technologies as written in French exports', () => {
    const cases: [string, string][] = [
      ['Sodium haute pression', 'sodiumHighPressure'],
      ['SHP 100W', 'sodiumHighPressure'],
      ['Na HP', 'sodiumHighPressure'],
      ['SON-T', 'sodiumHighPressure'],
      ['Ballon fluo', 'mercury'],
      ['Ballon fluorescent (mercure)', 'mercury'],
      ['HPL', 'mercury'],
      ['Vapeur de mercure', 'mercury'],
      ['Iodures métalliques', 'metalHalide'],
      ['iodure métallique', 'metalHalide'],
      ['CDM-T', 'metalHalide'],
      ['Fluocompacte', 'compactFluorescent'],
      ['fluo compacte', 'compactFluorescent'],
      ['LED', 'led'],
      ['Leds', 'led'],
      ['led', 'led'],
      ['Sodium basse pression', 'sodiumLowPressure'],
      ['Autre / inconnu', 'other'],
      ['inconnu', 'other'],
      ['halogène', 'halogen'],
    ];
    for (const [text, expected] of cases) expect([text, parseTechnology(text)]).toEqual([text, expected]);
    expect(parseTechnology('plasma')).toBeNull();
    expect(parseTechnology('  ')).toBeNull();
  });

  it('recognises statuses', () => {
    expect(parseStatus('à rénover')).toBe('toRenovate');
    expect(parseStatus('A RENOVER')).toBe('toRenovate');
    expect(parseStatus('Programmé')).toBe('scheduled');
    expect(parseStatus('prévu')).toBe('scheduled');
    expect(parseStatus('rénové')).toBe('renovated');
    expect(parseStatus('Réalisé')).toBe('renovated');
    expect(parseStatus('peut-être')).toBeNull();
  });

  it('resolves French column names', () => {
    const columns = resolveLightColumns(
      ['N° point', 'Type de lampe', 'P (W)', 'Statut', 'Date rénovation', 'Puissance après (W)', 'X', 'Y'],
      'N° point',
    );
    expect(columns).toMatchObject({
      id: 'N° point',
      technologyBefore: 'Type de lampe',
      powerBeforeW: 'P (W)',
      status: 'Statut',
      renovationDate: 'Date rénovation',
      powerAfterW: 'Puissance après (W)',
      dimmingHours: null,
    });
    expect(resolveLightColumns(['source lumineuse', 'puissance_w'], null)).toMatchObject({
      technologyBefore: 'source lumineuse',
      powerBeforeW: 'puissance_w',
    });
    expect(resolveLightColumns(['ref', 'Puissance'], 'ref').id).toBe('ref');
    // The identifier is the engine's (confirmed in the dialog): « aucune » stays none, no fallback.
    expect(resolveLightColumns(['identifiant', 'Puissance'], null).id).toBeNull();
  });
});

describe('mapLights', () => {
  const fields = [
    'identifiant',
    'technologie',
    'puissance',
    'statut',
    'date_renovation',
    'technologie_apres',
    'puissance_apres_w',
    'abaissement_h',
    'abaissement_pct',
    'extinction_h',
  ];

  it('maps a complete renovated row and an unrenovated one', () => {
    const result = mapLights(
      importResultFrom(fields, [
        ['PL-1', 'SHP', '150', 'rénové', '12/03/2025', 'LED', '35', '6', '50 %', ''],
        ['PL-2', 'Ballon fluo', '125 W', 'à rénover', '', '', '', '', '', '5'],
      ]),
    );
    expect(result.ok).toBe(true);
    expect(result.errors).toEqual([]);
    expect(result.points).toHaveLength(2);
    expect(result.points[0]).toEqual({
      id: 'PL-1',
      insee: '62160',
      lon: 1.6,
      lat: 50.72,
      technologyBefore: 'sodiumHighPressure',
      powerBeforeW: 150,
      status: 'renovated',
      renovation: {
        technologyAfter: 'led',
        powerAfterW: 35,
        regime: { kind: 'dimming', hours: 6, level: 0.5 },
        date: '2025-03-12',
      },
    });
    // A regime on a point without works describes the existing lamp.
    expect(result.points[1]).toMatchObject({
      technologyBefore: 'mercury',
      powerBeforeW: 125,
      status: 'toRenovate',
      regimeBefore: { kind: 'nightSwitchOff', hours: 5 },
    });
    expect(result.points[1]!.renovation).toBeUndefined();
  });

  it('rejects rows with bad core values, with French reasons and spreadsheet row numbers', () => {
    const result = mapLights(
      importResultFrom(fields, [
        ['a', 'SHP', 'cent', '', '', '', '', '', '', ''],
        ['b', 'SHP', '', '', '', '', '', '', '', ''],
        ['c', 'SHP', '0', '', '', '', '', '', '', ''],
        ['d', 'SHP', '150', 'rénové', '31/02/2025', 'LED', '30', '', '', ''],
        ['e', 'SHP', '150', 'rénové', '01/03/2025', 'LED', 'trente', '', '', ''],
        ['f', 'SHP', '150', '', '', '', '', '30', '', ''],
        ['g', 'SHP', '150', '', '', '', '', '4', '150', ''],
        ['h', 'SHP', '100', '', '', '', '', '', '', ''],
        ['i', 'SHP', '150', 'rénové', '01/03/2025', 'LED', '-3', '', '', ''],
      ]),
    );
    expect(result.points.map((p) => p.id)).toEqual(['h']);
    expect(result.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 10]);
    const reasons = result.errors.map((e) => e.reason);
    expect(reasons[0]).toMatch(/Puissance « cent » illisible/);
    expect(reasons[1]).toMatch(/Puissance absente/);
    // 0 is how inventories write « unknown »: rejected only when the lamp label has no power either.
    expect(reasons[2]).toMatch(/Puissance 0 : inconnue/);
    expect(reasons[3]).toMatch(/Date de rénovation « 31\/02\/2025 » invalide/);
    expect(reasons[4]).toMatch(/Puissance après travaux « trente » illisible/);
    expect(reasons[5]).toMatch(/entre 0 et 24 h/);
    expect(reasons[6]).toMatch(/entre 0 et 100/);
    expect(reasons[7]).toMatch(/valeur positive/);
    expect(result.points.length + result.errors.length).toBe(result.rows);
  });

  it('unknown technology → « Autre / inconnu » with one aggregated warning', () => {
    const result = mapLights(
      importResultFrom(
        ['id', 'type_lampe', 'P (W)'],
        [
          ['1', 'plasma', '100'],
          ['2', 'plasma', '100'],
          ['3', 'SHP', '100'],
          ['4', null, '70'],
        ],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.points.map((p) => p.technologyBefore)).toEqual([
      'other',
      'other',
      'sodiumHighPressure',
      'other',
    ]);
    expect(result.warnings).toContain(
      'Technologie non reconnue, classée « Autre / inconnu » : 2 lignes (ligne 2 « plasma », ligne 3 « plasma »).',
    );
    expect(result.warnings).toContain(
      'Technologie absente, classée « Autre / inconnu » : 1 ligne (ligne 5).',
    );
  });

  it('infers the status when absent or unknown, and warns about inconsistent rows', () => {
    const result = mapLights(
      importResultFrom(
        ['puissance', 'statut', 'date_renovation', 'puissance_apres', 'date_programmation'],
        [
          ['150', null, '2025-04-01', '30', null],
          ['150', 'bof', null, null, '2026-01-15'],
          ['150', null, null, null, null],
          ['150', 'rénové', null, null, null],
          ['150', 'à rénover', null, '40', null],
        ],
      ),
    );
    expect(result.points.map((p) => p.status)).toEqual([
      'renovated',
      'scheduled',
      'toRenovate',
      'renovated',
      'toRenovate',
    ]);
    expect(result.points[1]!.scheduledDate).toBe('2026-01-15');
    expect(result.points[3]!.renovation).toEqual({
      technologyAfter: 'other',
      powerAfterW: null,
      regime: { kind: 'none' },
    });
    expect(result.points[4]!.renovation?.powerAfterW).toBe(40);
    const w = result.warnings.join('\n');
    expect(w).toMatch(/Statut non reconnu.*ligne 3 « bof »/);
    expect(w).toMatch(/sans puissance après travaux : non classable : 1 ligne \(ligne 5\)/);
    expect(w).toMatch(/sans date de travaux/);
    expect(w).toMatch(/« à rénover » portant des données de travaux/);
    // generated ids are stable and unique
    expect(result.points.map((p) => p.id)).toEqual(
      Array.from(result.points, (p) => positionId(p.lon, p.lat)),
    );
    expect(result.points.every((p) => p.generatedId === true)).toBe(true);
    expect(result.warnings[0]).toMatch(/^Aucune colonne d’identifiant : identifiants générés/);
  });

  it('keeps points with duplicate ids under a distinct id', () => {
    const result = mapLights(
      importResultFrom(
        ['id', 'puissance'],
        [
          ['A', '70'],
          ['A', '100'],
        ],
      ),
    );
    expect(result.points.map((p) => p.id)).toEqual(['A', 'A (ligne 3)']);
    expect(result.warnings.join()).toMatch(/Identifiant en double/);
  });

  it('keeps points outside the territory, flagged, and keeps the import errors', () => {
    const result = mapLights(
      importResultFrom(['puissance'], [['70'], ['100']], {
        insee: [null, '62160'],
        errors: [{ row: 4, reason: 'Coordonnées illisibles' }],
      }),
    );
    expect(result.points).toHaveLength(2);
    expect(result.points[0]).toMatchObject({ insee: '', outsideTerritory: true, powerBeforeW: 70 });
    expect(result.points[1]!.outsideTerritory).toBeUndefined();
    expect(result.outsideTerritory).toBe(1);
    expect(result.errors).toEqual([{ row: 4, reason: 'Coordonnées illisibles' }]);
    expect(result.points.length + result.errors.length).toBe(result.rows);
  });

  it('fails as a whole, in French, without a power column', () => {
    const result = mapLights(importResultFrom(['id', 'type_lampe'], [['1', 'SHP']]));
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { row: 0, reason: expect.stringMatching(/Colonne de puissance introuvable/) },
    ]);
  });

  it('reads optional arrêté 2018 fields and drops implausible ones with a warning', () => {
    const result = mapLights(
      importResultFrom(
        ['puissance', 'flux_lm', 'ulr', 'annee_pose', 'temperature_couleur', 'adresse'],
        [
          ['70', '6 600', '3 %', '1998', '2700 K', '12 rue Thiers'],
          ['70', 'beaucoup', '150', '15/06/2004', '300', null],
        ],
      ),
    );
    expect(result.points[0]).toMatchObject({
      fluxLm: 6600,
      ulrPercent: 3,
      installYear: 1998,
      address: '12 rue Thiers',
    });
    expect(result.points[1]).toMatchObject({ installYear: 2004 });
    expect(result.points[1]!.fluxLm).toBeUndefined();
    expect(result.points[1]!.ulrPercent).toBeUndefined();
    const w = result.warnings.join('\n');
    expect(w).toMatch(/Flux lumineux.*ligne 3 « beaucoup »/);
    expect(w).toMatch(/ULR.*ligne 3 « 150 »/);
  });

  it('stores no e-mail or phone number found in an address or a value set aside (RGPD), and says so', () => {
    const result = mapLights(
      importResultFrom(
        ['puissance', 'flux_lm', 'adresse'],
        [
          ['70', '6 600', '12 rue Thiers 62200 Boulogne-sur-Mer'],
          ['70', '6 600', 'devant chez M. Caron 06 12 34 56 78'],
          ['70', 'voir jean.caron@orange.fr', 'place Dalton'],
        ],
      ),
    );
    expect(result.points.map((p) => p.address)).toEqual([
      '12 rue Thiers 62200 Boulogne-sur-Mer',
      undefined,
      'place Dalton',
    ]);
    expect(result.points[2]!.ignoredValues).toBeUndefined();
    const w = result.warnings.join('\n');
    expect(w).toContain('Colonne « adresse » : 1 valeur retirée');
    expect(w).toContain('Colonne « flux_lm » : 1 valeur retirée');
    expect(w).not.toContain('orange.fr');
    expect(JSON.stringify(result.points)).not.toMatch(/06 12|orange\.fr/);
  });

  it('reads explicit before-works regimes and dimming given as a fraction', () => {
    const result = mapLights(
      importResultFrom(
        [
          'puissance',
          'statut',
          'puissance_apres',
          'date_renovation',
          'extinction_avant_h',
          'abaissement_h',
          'abaissement_pct',
        ],
        [['100', 'rénové', '25', '2025-05-01', '5', '4', '0,3']],
      ),
    );
    expect(result.points[0]).toMatchObject({
      regimeBefore: { kind: 'nightSwitchOff', hours: 5 },
      renovation: { regime: { kind: 'dimming', hours: 4, level: 0.7 } },
    });
  });

  it('assumes 50 % when dimming hours come without a level', () => {
    const result = mapLights(importResultFrom(['puissance', 'abaissement_h'], [['100', '6']]));
    expect(result.points[0]!.regimeBefore).toEqual({ kind: 'dimming', hours: 6, level: 0.5 });
    expect(result.warnings.join()).toMatch(/50 % retenu/);
  });
});

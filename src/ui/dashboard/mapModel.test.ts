import { expression as styleExpression } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { testData } from '../../domain/indicators/testData.ts';
import type { Dataset, IndicatorData } from '../../domain/indicators/types.ts';
import type { PcaetIndicator, PcaetValue } from '../../domain/pcaet/types.ts';
import { type DashboardMapChoice, DEFAULT_DASHBOARD_MAP } from '../../state/dashboardSlice.ts';
import type { DatasetStatus } from './data.ts';
import { exportLegend, legendRows } from './legend.ts';
import { buildDashboardChoropleth, type MapInputs } from './mapModel.ts';
import { placeCsv, placeRows, sortPlaces } from './table.ts';

const SPEC = {
  type: 'color',
  'property-type': 'data-driven',
  expression: { interpolated: false, parameters: ['zoom', 'feature'] },
} as const;

/** What MapLibre draws for a commune feature with these properties. */
function drawn(paint: unknown, properties: Record<string, string>): string {
  const compiled = styleExpression.createExpression(paint as never, SPEC as never);
  if (compiled.result !== 'success') throw new Error(JSON.stringify(compiled.value));
  return String(compiled.value.evaluate({ zoom: 10 }, { type: 'Polygon', properties } as never));
}

const status = (loaded: Partial<Record<Dataset, boolean>> = {}): Record<Dataset, DatasetStatus> => {
  const one = (id: Dataset): DatasetStatus => ({
    id,
    label: id,
    loaded: loaded[id] ?? true,
    source: { kind: 'sample', label: "Données d'exemple" },
  });
  return { lights: one('lights'), advice: one('advice'), brownfields: one('brownfields') };
};

const inputs = (data: IndicatorData = testData(), extra: Partial<MapInputs> = {}): MapInputs => ({
  data,
  status: status(),
  epciSirens: ['A', 'B'],
  pcaetIndicators: [],
  pcaetValues: [],
  ...extra,
});

const choice = (patch: Partial<DashboardMapChoice>): DashboardMapChoice => ({
  ...DEFAULT_DASHBOARD_MAP,
  classes: 3,
  ...patch,
});

const COMMUNE_EPCI: Record<string, string> = { '62001': 'A', '62002': 'A', '62003': 'B' };

describe('dashboard choropleth', () => {
  it('paints each commune with the colour of its legend class (commune level)', () => {
    const current = buildDashboardChoropleth(inputs(), choice({ indicator: 'adviceSessions' }));
    const c = current.choropleth!;
    const rows = legendRows(current);
    for (const insee of Object.keys(COMMUNE_EPCI)) {
      expect(drawn(c.paint, { insee, epciSiren: COMMUNE_EPCI[insee]! })).toBe(c.classOf(insee).color);
    }
    expect(rows.reduce((s, r) => s + r.count, 0)).toBe(3);
  });

  it('at EPCI level, classifies EPCI values (ratio of sums) and paints communes by their EPCI', () => {
    const current = buildDashboardChoropleth(
      inputs(),
      choice({ indicator: 'adviceSessionsPer1000', level: 'epci', method: 'equalInterval' }),
    );
    // EPCI A: 43 sessions / 10,000 inhabitants; EPCI B: 10 / 10,000 — never the mean of commune rates.
    expect(current.values.get('A')).toBeCloseTo(4.3);
    expect(current.values.get('B')).toBeCloseTo(1);
    const c = current.choropleth!;
    expect(drawn(c.paint, { insee: '62001', epciSiren: 'A' })).toBe(c.classOf('A').color);
    expect(drawn(c.paint, { insee: '62002', epciSiren: 'A' })).toBe(c.classOf('A').color);
    expect(drawn(c.paint, { insee: '62003', epciSiren: 'B' })).toBe(c.classOf('B').color);
    expect(c.classOf('A').color).not.toBe(c.classOf('B').color);
    expect(legendRows(current).reduce((s, r) => s + r.count, 0)).toBe(2);
  });

  it('keeps small samples apart and explains them in the legend and on the exported sheet', () => {
    const current = buildDashboardChoropleth(inputs(), choice({ indicator: 'adviceConversionRate' }));
    const rows = legendRows(current);
    // Bravo: 2 mature sessions → small sample; Charlie: none mature → no data.
    expect(rows.find((r) => r.kind === 'smallSample')).toMatchObject({
      count: 1,
      lead: 'Données insuffisantes',
    });
    expect(rows.find((r) => r.kind === 'noData')).toMatchObject({ count: 1, lead: 'Sans données' });
    const sheet = exportLegend(current);
    expect(sheet.items.map((i) => i.label)).toContain(
      'Données insuffisantes : Moins de 5 conseils arrivés à maturité (1 commune)',
    );
  });

  it('says « Données non chargées » rather than showing zeros for a module without data', () => {
    const current = buildDashboardChoropleth(
      { ...inputs(testData({ lights: null })), status: status({ lights: false }) },
      choice({ indicator: 'lightsRenovated' }),
    );
    expect(current.missing).toEqual(['lights']);
    expect(current.choropleth!.classes).toEqual([]);
    expect(current.choropleth!.noData).toMatchObject({
      count: 3,
      label: 'Données non chargées (Éclairage public)',
    });
    expect(drawn(current.choropleth!.paint, { insee: '62001' })).toBe(current.choropleth!.noData.color);
  });

  it('maps the latest measured value of a commune-level PCAET indicator, ramp reversed when lower is better', () => {
    const pcaet: PcaetIndicator = {
      id: 'conso',
      name: 'Consommation',
      unit: 'MWh',
      direction: 'down',
      target: { value: 10, date: '2030-01-01' },
      level: 'commune',
    };
    const v = (
      place: string,
      date: string,
      value: number,
      type: PcaetValue['type'] = 'value',
    ): PcaetValue => ({
      indicatorId: 'conso',
      place,
      date,
      value,
      type,
    });
    const values = [
      v('62001', '2020-01-01', 50),
      v('62001', '2023-01-01', 30),
      v('62002', '2023-01-01', 90),
      v('62003', '2024-01-01', 5, 'target'),
    ];
    const current = buildDashboardChoropleth(
      inputs(testData(), { pcaetIndicators: [pcaet], pcaetValues: values }),
      choice({ indicator: 'pcaet:conso', level: 'epci', method: 'equalInterval' }),
    );
    expect(current.level).toBe('commune');
    expect(current.values.get('62001')).toBe(30);
    expect(current.values.get('62003')).toBeNull();
    expect(current.dates?.get('62002')).toBe('2023-01-01');
    const c = current.choropleth!;
    // Lower is better: the lower value gets the darker end of the (reversed) ramp, i.e. the last colour of the normal one.
    expect(c.classOf('62001').color).toBe(c.classes[0]!.color);
    expect(c.classes[0]!.color).toBe('#2c7fb8');
    const csv = placeCsv(
      current,
      placeRows(
        current,
        testData().communes,
        new Map([
          ['A', 'EPCI A'],
          ['B', 'EPCI B'],
        ]),
      ),
    );
    expect(csv).toContain('62001;Alpha;8000;30;2023-01-01');
  });

  it('reports invalid manual breaks as a French message, without a map', () => {
    const current = buildDashboardChoropleth(
      inputs(),
      choice({ method: 'manual', manualBreaks: [0, 10, 5, 20] }),
    );
    expect(current.choropleth).toBeNull();
    expect(current.error).toMatch(/strictement croissantes/);
  });

  it('exports the table through tableCsv, formula-safe', () => {
    const data = testData({
      communes: [{ insee: '62001', name: '=HYPERLINK("x")', epciSiren: 'A', population: 8000 }],
    });
    const current = buildDashboardChoropleth(inputs(data), choice({ indicator: 'adviceSessions' }));
    const csv = placeCsv(current, placeRows(current, data.communes, new Map([['A', 'EPCI A']])));
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFFcode_insee;commune;siren_epci;population;Conseils énergie réalisés (conseils) — dans la période du contrat;effectif trop faible',
    );
  });
});

describe('place table order', () => {
  it('puts small samples after reliable values and places without data last, in both directions', () => {
    const current = buildDashboardChoropleth(inputs(), choice({ indicator: 'adviceConversionRate' }));
    const rows = placeRows(current, testData().communes, new Map());
    // Alpha 90 % (reliable), Bravo 100 % (2 mature sessions: small sample), Charlie no mature session.
    for (const direction of ['desc', 'asc'] as const) {
      expect(sortPlaces(rows, 'value', direction, 'adviceConversionRate').map((r) => r.name)).toEqual([
        'Alpha',
        'Bravo',
        'Charlie',
      ]);
    }
    expect(sortPlaces(rows, 'name', 'desc', 'adviceConversionRate').map((r) => r.name)).toEqual([
      'Charlie',
      'Bravo',
      'Alpha',
    ]);
  });
});

describe('legend labels of whole counts', () => {
  const nb = (text: string) => text.replace(/\u202f/g, ' ');
  it('is used for count indicators only, with the engine classes unchanged', () => {
    const counts = buildDashboardChoropleth(inputs(), choice({ indicator: 'brownfieldsCount' }));
    const rows = legendRows(counts);
    expect(rows.filter((r) => r.kind === 'class').map((r) => r.count)).toEqual(
      counts.choropleth!.classes.map((c) => c.count),
    );
    // Counts 2, 0, 1 in three quantile classes: 0 | 1 | 2.
    expect(rows.filter((r) => r.kind === 'class').map((r) => nb(r.label))).toEqual([
      '0 friche',
      '1 friche',
      '2 friches',
    ]);
    const rate = buildDashboardChoropleth(inputs(), choice({ indicator: 'adviceSessionsPer1000' }));
    expect(legendRows(rate).map((r) => r.label)).toEqual(rate.choropleth!.classes.map((c) => c.label));
  });
});

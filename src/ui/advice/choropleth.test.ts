import { describe, expect, it } from 'vitest';
import { communeIndicators } from '../../domain/advice/indicators.ts';
import { makeSession } from '../../domain/advice/testSessions.ts';
import type { AdviceSession } from '../../domain/advice/types.ts';
import { NO_DATA_COLOR, SMALL_SAMPLE_COLOR } from '../../domain/choropleth/palettes.ts';
import { adviceChoropleth, adviceChoroplethOf, INSUFFICIENT_LABEL } from './choropleth.ts';

const communes = [
  { insee: '62160', name: 'Boulogne-sur-Mer', epciSiren: 'A', population: 40_000 },
  { insee: '62893', name: 'Wimereux', epciSiren: 'A', population: 7_000 },
  { insee: '62300', name: 'Équihen-Plage', epciSiren: 'A', population: 3_000 },
  { insee: '62001', name: 'Sans-Habitant', epciSiren: 'B', population: 0 },
];

/** n sessions in a commune, old enough to be mature on 2026-11-28, the first `converted` with works done. */
function batch(insee: string, n: number, converted: number): AdviceSession[] {
  return Array.from({ length: n }, (_, i) =>
    makeSession(`${insee}-${i}`, '2025-06-01', i < converted ? 'worksDone' : 'abandoned', { insee }),
  );
}

const sessions = [...batch('62160', 10, 8), ...batch('62893', 3, 3)];
const rows = communeIndicators(sessions, communes, { asOf: '2026-11-28' });

describe('advice choropleth', () => {
  it('sets conversion rates on fewer than 5 mature sessions apart, and communes without any as no data', () => {
    const c = adviceChoroplethOf(rows, 'conversionRate');
    expect(c.classOf('62160').kind).toBe('class');
    expect(c.classOf('62893')).toEqual({ kind: 'smallSample', color: SMALL_SAMPLE_COLOR });
    expect(c.classOf('62300')).toEqual({ kind: 'noData', color: NO_DATA_COLOR });
    expect(c.smallSample).toMatchObject({ count: 1, label: INSUFFICIENT_LABEL });
    expect(c.noData.count).toBe(2);
    // Legend classes hold the one reliable commune, labelled in percent (80 % = 8 of 10).
    expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(1);
    expect(c.classes.map((k) => k.label).join(' ')).toContain('80');
  });

  it('colours sessions per 1,000 inhabitants for every commune with a population, zeros included', () => {
    const c = adviceChoroplethOf(rows, 'sessionsPer1000');
    expect(c.classOf('62300').kind).toBe('class');
    expect(c.classOf('62001').kind).toBe('noData');
    expect(c.smallSample.count).toBe(0);
    expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(3);
    // Map and legend agree: each class colour appears in the paint expression with its communes.
    const paint = JSON.stringify(c.paint);
    for (const k of c.classes) expect(paint).toContain(k.color);
    expect(c.classOf('62893')).not.toEqual(c.classOf('62300'));
  });

  it('returns the very same object for the same rows and indicator (map and legend share it)', () => {
    expect(adviceChoropleth(rows, 'conversionRate')).toBe(adviceChoropleth(rows, 'conversionRate'));
  });
});

import { describe, expect, it } from 'vitest';
import type { PcaetIndicator, PcaetValue } from '../domain/pcaet/types.ts';
import { type PcaetRecord, pcaetChanges, pcaetFromRecords, pcaetRecordBodies } from './pcaetRecords.ts';

const renovations: PcaetIndicator = {
  id: 'logements-renoves',
  name: 'Logements rénovés (BBC)',
  unit: 'logements',
  direction: 'up',
  target: { value: 100, date: '2030-01-01' },
  level: 'commune',
  source: 'Observatoire',
};
const value = (partial: Partial<PcaetValue>): PcaetValue => ({
  indicatorId: 'logements-renoves',
  date: '2024-01-01',
  type: 'value',
  value: 12,
  place: '62160',
  ...partial,
});

/** What the server answers for these bodies (every record at version 1). */
const asRecords = (bodies: ReturnType<typeof pcaetRecordBodies>): PcaetRecord[] =>
  [...bodies].map(([id, b]) => ({ id, insee: b.insee, properties: b.properties }));

describe('PCAET indicators and values ↔ server records', () => {
  it('stores an indicator as its final target and each value as a record; reads them back as they were', () => {
    const values = [value({}), value({ date: '2025-01-01', value: 20, sourceRow: 4 })];
    const bodies = pcaetRecordBodies([renovations], values);
    expect(bodies.get('indicateur:logements-renoves')).toEqual({
      insee: null,
      properties: {
        kind: 'indicator',
        indicatorId: 'logements-renoves',
        type: 'target',
        date: '2030-01-01',
        value: 100,
        name: 'Logements rénovés (BBC)',
        unit: 'logements',
        direction: 'up',
        level: 'commune',
        source: 'Observatoire',
      },
    });
    // The server requires indicatorId, date, value and type on every record: values carry their place.
    expect(bodies.get('valeur:logements-renoves|62160|2025-01-01|value')).toEqual({
      insee: '62160',
      properties: {
        kind: 'value',
        indicatorId: 'logements-renoves',
        date: '2025-01-01',
        type: 'value',
        value: 20,
        place: '62160',
      },
    });
    const read = pcaetFromRecords(asRecords(bodies));
    expect(read.indicators).toEqual([renovations]);
    expect(read.values).toEqual([value({}), value({ date: '2025-01-01', value: 20 })]);
    expect(read.unreadable).toEqual([]);
  });

  it('reports records the dashboard would refuse instead of dropping them silently', () => {
    const read = pcaetFromRecords([
      {
        id: 'valeur:x',
        insee: null,
        properties: { kind: 'value', indicatorId: 'inconnu', date: '2024-01-01', type: 'value', value: 1 },
      },
      {
        id: 'indicateur:y',
        insee: null,
        properties: { kind: 'indicator', indicatorId: 'y', type: 'target', date: '2030-01-01', value: 1 },
      },
    ]);
    expect(read.indicators).toEqual([]);
    expect(read.unreadable.map((u) => u.id)).toEqual(['valeur:x', 'indicateur:y']);
  });

  it('turns the user’s changes into creations, patches of the changed fields and deletions', () => {
    const before = pcaetRecordBodies([renovations], [value({}), value({ date: '2025-01-01' })]);
    const after = pcaetRecordBodies(
      [{ ...renovations, target: { value: 120, date: '2030-01-01' } }],
      [value({ value: 13 }), value({ date: '2026-01-01' })],
    );
    expect(pcaetChanges(before, after)).toEqual([
      { op: 'patch', id: 'indicateur:logements-renoves', body: { insee: null, properties: { value: 120 } } },
      {
        op: 'patch',
        id: 'valeur:logements-renoves|62160|2024-01-01|value',
        body: { insee: '62160', properties: { value: 13 } },
      },
      {
        op: 'create',
        id: 'valeur:logements-renoves|62160|2026-01-01|value',
        body: expect.objectContaining({ insee: '62160' }),
      },
      { op: 'delete', id: 'valeur:logements-renoves|62160|2025-01-01|value' },
    ]);
    expect(pcaetChanges(before, before)).toEqual([]);
  });
});

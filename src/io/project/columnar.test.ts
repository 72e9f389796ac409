import { describe, expect, it } from 'vitest';
import { decodeStorable, encodeStorable } from './codec.ts';
import {
  type ColumnarRecords,
  columnarProblem,
  decodeColumnar,
  encodeColumnar,
  INT_ABSENT,
  isColumnarRecords,
} from './columnar.ts';

/** Light-point-like records: unique ids, repeated texts, ints, floats, optional nested objects. */
function records(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `PL-${i}`,
    insee: i % 3 === 0 ? '62160' : '62193',
    lon: 1.6 + i * 1e-7,
    lat: 50.7 - i * 3e-8,
    powerBeforeW: 70 + (i % 5) * 10,
    status: i % 4 === 0 ? 'renovated' : 'toRenovate',
    ...(i % 4 === 0
      ? {
          renovation: {
            technologyAfter: 'led',
            powerAfterW: i % 8 === 0 ? null : 30,
            regime: { kind: 'none' },
          },
        }
      : {}),
    ...(i % 7 === 0 ? { outsideTerritory: true, colourTemperatureK: 2700.5 } : {}),
    ...(i === 5 ? { installYear: INT_ABSENT, mixed: 3 } : {}),
    ...(i === 6 ? { mixed: 'trois' } : {}),
  }));
}

describe('columnar records', () => {
  it('decodes exactly what was encoded, over several chunks, with the column types expected', () => {
    const input = records(1234);
    const stored = encodeColumnar(input, null, 500);
    expect(stored.count).toBe(1234);
    expect(stored.chunks.map((c) => c.count)).toEqual([500, 500, 234]);
    const first = stored.chunks[0]!.columns;
    expect(first.lon!.type).toBe('float');
    expect(first.powerBeforeW!.type).toBe('int');
    expect(first.id!.type).toBe('text');
    expect(first.renovation!.type).toBe('json');
    // INT_ABSENT itself cannot be an int (it marks absence): that column falls back to floats.
    expect(first.installYear!.type).toBe('float');
    expect(first.mixed!.type).toBe('json');
    expect(columnarProblem(stored)).toBeNull();
    expect(decodeColumnar(stored)).toEqual(input);
  });

  it('survives the project codec (typed arrays as base64) and stays checkable', () => {
    const input = records(300);
    const text = JSON.stringify(encodeStorable(encodeColumnar(input, null, 128)));
    const back = decodeStorable(JSON.parse(text)) as ColumnarRecords;
    expect(isColumnarRecords(back)).toBe(true);
    expect(columnarProblem(back)).toBeNull();
    expect(decodeColumnar(back)).toEqual(input);
  });

  it('re-encodes only the chunks whose records changed, and reuses decoded chunks as they are', () => {
    const input = records(1000);
    const first = encodeColumnar(input, null, 250);
    const edited = [...input];
    edited[600] = { ...input[600]!, status: 'scheduled' };
    const second = encodeColumnar(edited, first, 250);
    expect(second.chunks.map((c, i) => c === first.chunks[i])).toEqual([true, true, false, true]);
    expect(decodeColumnar(second)[600]).toMatchObject({ status: 'scheduled' });

    const restored = decodeColumnar(first);
    expect(encodeColumnar(restored, first, 250).chunks.every((c, i) => c === first.chunks[i])).toBe(true);
  });

  it('locates what is wrong in untrusted columns', () => {
    const good = encodeColumnar(records(10), null, 4);
    const clone = () => decodeStorable(encodeStorable(good)) as ColumnarRecords;
    const short = clone();
    short.chunks[1]!.columns.lon = { type: 'float', values: new Float64Array(3) };
    expect(columnarProblem(short)).toEqual({
      path: 'chunks[1].columns.lon',
      reason: 'Float64Array de longueur 4 attendu',
    });
    const outside = clone();
    const id = outside.chunks[0]!.columns.id as { codes: Int32Array };
    id.codes[2] = 99;
    expect(columnarProblem(outside)).toEqual({
      path: 'chunks[0].columns.id.codes',
      reason: 'code hors du dictionnaire',
    });
    const counted = { ...clone(), count: 11 };
    expect(columnarProblem(counted)?.path).toBe('count');
    expect(columnarProblem([1, 2])).not.toBeNull();
  });
});

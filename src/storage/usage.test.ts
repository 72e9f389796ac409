import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createEmptyWorkspace } from '../io/project/workspace.ts';
import { openWorkspaceDb, saveWorkspace } from './db.ts';
import { estimateBytes, formatUsage, getStorageUsage } from './usage.ts';

describe('storage usage', () => {
  it('uses the browser estimate and phrases it in French', async () => {
    const usage = await getStorageUsage({
      storage: { estimate: async () => ({ usage: 12_345_678, quota: 2_000_000_000 }) },
    });
    expect(usage).toEqual({
      usedBytes: 12_345_678,
      quotaBytes: 2_000_000_000,
      source: 'estimate',
      label: '12,3\u00a0Mo utilisés sur 2\u00a0Go disponibles (0,6\u00a0%)',
    });
  });

  it('counts stored bytes when no estimate is available', async () => {
    const opened = await openWorkspaceDb({ name: 'usage-1' });
    if (!opened.ok) throw new Error(opened.message);
    const ws = createEmptyWorkspace(new Date('2025-01-01T00:00:00Z'));
    ws.layers.lights = { lon: new Float64Array(125_000), name: 'x'.repeat(500) };
    await saveWorkspace(opened.db, ws, { expectedRevision: 0 });
    const usage = await getStorageUsage({ db: opened.db, storage: null });
    expect(usage.source).toBe('count');
    expect(usage.usedBytes).toBeGreaterThanOrEqual(1_000_000 + 1_000);
    expect(usage.usedBytes).toBeLessThan(1_010_000);
    expect(usage.label).toBe('Environ 1\u00a0Mo de données enregistrées dans ce navigateur');
    opened.db.close();
  });

  it('falls back to counting when the estimate fails', async () => {
    const usage = await getStorageUsage({
      storage: {
        estimate: async () => {
          throw new Error('refusé');
        },
      },
    });
    expect(usage).toMatchObject({ source: 'count', usedBytes: 0 });
  });

  it('estimates sizes without recursion limits and counts shared objects once', () => {
    expect(estimateBytes({ ab: 'xyz', n: 1, t: new Int32Array(10) })).toBe(4 + 6 + 2 + 8 + 2 + 40);
    let deep: unknown = 'fond';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(estimateBytes(deep)).toBe(8);
    const shared = new Float64Array(100);
    expect(estimateBytes([shared, shared])).toBe(800);
    expect(formatUsage(5_000, 0, 'estimate')).toBe('5\u00a0Ko utilisés');
    expect(formatUsage(102_400, 10_700_000_000, 'estimate')).toBe(
      '102,4\u00a0Ko utilisés sur 10,7\u00a0Go disponibles (moins de 0,1\u00a0%)',
    );
  });
});

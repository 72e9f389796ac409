import { describe, expect, it } from 'vitest';
import { makeSession } from '../domain/advice/testSessions.ts';
import type { DataSource } from './persist.ts';
import {
  combineSources,
  isUserAdviceSession,
  MIXED_LABEL,
  SAMPLE_LABEL,
  sampleWarning,
  shownSource,
} from './sourceState.ts';

const sample: DataSource = { kind: 'sample', label: "Données d'exemple", seed: 7 };
const file: DataSource = { kind: 'import', fileName: 'conseils.csv', importedAt: '2026-01-01T00:00:00Z' };
const manual: DataSource = { kind: 'manual', updatedAt: '2026-01-02T00:00:00Z' };

describe('source state: sample, the user’s, or both', () => {
  it('is the sample only while no record of the user’s is on top of it', () => {
    expect(shownSource(sample, 0)).toBe(sample);
    expect(shownSource(sample, 3)).toEqual({ kind: 'mixed', userCount: 3 });
    expect(shownSource(null, 0)).toBeNull();
  });

  it('never labels the user’s own data as sample, whatever it counts', () => {
    expect(shownSource(file, 0)).toBe(file);
    expect(shownSource(manual, 4)).toBe(manual);
    expect(sampleWarning(file)).toBeNull();
    expect(sampleWarning(manual)).toBeNull();
  });

  it('gives exports the same words as the badge', () => {
    expect(sampleWarning(sample)).toBe(SAMPLE_LABEL);
    expect(sampleWarning({ kind: 'mixed', userCount: 1 })).toBe(MIXED_LABEL);
    expect(sampleWarning(null)).toBeNull();
  });

  it('combines datasets: all sample → sample; sample with real data → mixed; else the real source', () => {
    expect(combineSources([sample, sample])).toBe(sample);
    // « Avancement COTRI » with imported advice and sample lights: not « Données d'exemple ».
    expect(combineSources([sample, file, sample])).toEqual({ kind: 'mixed' });
    expect(combineSources([file, { kind: 'mixed', userCount: 2 }])).toEqual({ kind: 'mixed' });
    expect(combineSources([file, manual])).toBe(file);
    expect(combineSources([null, manual])).toBe(manual);
    expect(combineSources([])).toBeNull();
  });

  it('tells a typed session from one read from a file by its source row', () => {
    expect(isUserAdviceSession(makeSession('A', '2026-01-10'))).toBe(true);
    expect(isUserAdviceSession({ ...makeSession('B', '2026-01-10'), sourceRow: 2 })).toBe(false);
  });
});

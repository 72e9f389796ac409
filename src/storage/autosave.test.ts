import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave } from './autosave.ts';

/** A save whose completion the test controls, recording what was saved and how many ran at once. */
function controlledSave() {
  const saved: number[] = [];
  const resolvers: (() => void)[] = [];
  let running = 0;
  let maxConcurrent = 0;
  const save = (value: number) =>
    new Promise<string>((resolve) => {
      running++;
      maxConcurrent = Math.max(maxConcurrent, running);
      resolvers.push(() => {
        running--;
        saved.push(value);
        resolve(`ok ${value}`);
      });
    });
  return {
    save,
    saved,
    finishNext: async () => {
      resolvers.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    },
    get started() {
      return saved.length + resolvers.length;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createAutosave', () => {
  it('coalesces a burst of changes into one save of the latest value after the quiet period', async () => {
    const results: string[] = [];
    const c = controlledSave();
    const autosave = createAutosave(c.save, 500, { onSaved: (r) => results.push(r) });
    for (let i = 1; i <= 5; i++) {
      autosave.schedule(i);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(c.started).toBe(0);
    expect(autosave.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(300);
    expect(c.started).toBe(1);
    await c.finishNext();
    expect(c.saved).toEqual([5]);
    expect(results).toEqual(['ok 5']);
    expect(autosave.pending).toBe(false);
  });

  it('never runs two saves at once and saves changes made during a save afterwards', async () => {
    const c = controlledSave();
    const autosave = createAutosave(c.save, 100);
    autosave.schedule(1);
    await vi.advanceTimersByTimeAsync(100);
    autosave.schedule(2);
    autosave.schedule(3);
    await vi.advanceTimersByTimeAsync(1_000); // quiet period elapses while save 1 still runs
    expect(c.started).toBe(1);
    await c.finishNext();
    expect(c.started).toBe(2);
    await c.finishNext();
    expect(c.saved).toEqual([1, 3]);
    expect(c.maxConcurrent).toBe(1);
  });

  it('saves at least every maxWaitMs while edits keep coming', async () => {
    const c = controlledSave();
    const autosave = createAutosave(c.save, 300, { maxWaitMs: 1_000 });
    for (let t = 0; t < 1_000; t += 100) {
      autosave.schedule(t);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(c.started).toBe(1);
    await c.finishNext();
    expect(c.saved).toEqual([900]);
  });

  it('flush saves immediately and resolves once everything is written', async () => {
    const saved: number[] = [];
    const autosave = createAutosave(async (v: number) => {
      saved.push(v);
    }, 10_000);
    autosave.schedule(7);
    await autosave.flush();
    expect(saved).toEqual([7]);
    expect(autosave.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(saved).toEqual([7]);
  });

  it('reports thrown errors and keeps working', async () => {
    const errors: unknown[] = [];
    let fail = true;
    const saved: number[] = [];
    const autosave = createAutosave(
      async (v: number) => {
        if (fail) throw new Error('disque plein');
        saved.push(v);
      },
      50,
      { onError: (e, v) => errors.push([(e as Error).message, v]) },
    );
    autosave.schedule(1);
    await vi.advanceTimersByTimeAsync(50);
    expect(errors).toEqual([['disque plein', 1]]);
    fail = false;
    autosave.schedule(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(saved).toEqual([2]);
  });

  it('cancel drops the waiting value; dispose stops scheduling', async () => {
    const saved: number[] = [];
    const autosave = createAutosave(async (v: number) => {
      saved.push(v);
    }, 50);
    autosave.schedule(1);
    autosave.cancel();
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual([]);
    autosave.dispose();
    autosave.schedule(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(saved).toEqual([]);
    expect(autosave.pending).toBe(false);
  });
});

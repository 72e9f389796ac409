/**
 * Debounced, coalescing autosave: a burst of edits produces one save of the latest state, saves never overlap,
 * and `maxWaitMs` guarantees a save even while the user keeps editing. Store-agnostic: `save` receives
 * whatever snapshot was scheduled last (typically the workspace) and returns its result (e.g. SaveResult).
 */

export interface AutosaveOptions<T, R> {
  /** Called after each completed save with its result (a conflict is a result, not an error). */
  onSaved?: (result: R, value: T) => void;
  /** Called when `save` throws; the snapshot is dropped (the next schedule carries the newer state). */
  onError?: (error: unknown, value: T) => void;
  /** Upper bound between the first unsaved change and its save (default 10 × delayMs). */
  maxWaitMs?: number;
}

export interface Autosave<T> {
  /** Queues `value`; replaces any snapshot still waiting; (re)starts the quiet-period timer. */
  schedule(value: T): void;
  /** Saves the waiting snapshot now and resolves when nothing is waiting or in flight (e.g. on pagehide). */
  flush(): Promise<void>;
  /** Drops the waiting snapshot (e.g. after "Revenir aux données d'exemple"). An in-flight save completes. */
  cancel(): void;
  /** True while a snapshot waits or a save runs: show "Enregistrement…" / warn before closing. */
  readonly pending: boolean;
  /** Stops the timer for good; pending data is NOT saved (call flush first if needed). */
  dispose(): void;
}

export function createAutosave<T, R>(
  save: (value: T) => Promise<R>,
  delayMs: number,
  options: AutosaveOptions<T, R> = {},
): Autosave<T> {
  const maxWaitMs = options.maxWaitMs ?? delayMs * 10;
  let waiting: { value: T } | null = null;
  let firstChangeAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> | null = null;
  let disposed = false;

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  const start = (): void => {
    if (inFlight || !waiting) return;
    const { value } = waiting;
    waiting = null;
    firstChangeAt = null;
    inFlight = (async () => {
      try {
        // Not `onSaved?.(await save(value))`: optional chaining would skip the save when no listener is set.
        const result = await save(value);
        options.onSaved?.(result, value);
      } catch (error) {
        options.onError?.(error, value);
      }
    })().finally(() => {
      inFlight = null;
      // Changes made during the save whose quiet period already elapsed are saved right away.
      if (waiting && timer === null && !disposed) start();
    });
  };

  return {
    schedule(value: T) {
      if (disposed) return;
      waiting = { value };
      const now = Date.now();
      firstChangeAt ??= now;
      clearTimer();
      const wait = Math.max(0, Math.min(delayMs, firstChangeAt + maxWaitMs - now));
      timer = setTimeout(() => {
        timer = null;
        start();
      }, wait);
    },
    async flush() {
      clearTimer();
      while (inFlight || waiting) {
        if (inFlight) await inFlight;
        else start();
      }
    },
    cancel() {
      clearTimer();
      waiting = null;
      firstChangeAt = null;
    },
    get pending() {
      return waiting !== null || inFlight !== null;
    },
    dispose() {
      disposed = true;
      clearTimer();
      waiting = null;
    },
  };
}

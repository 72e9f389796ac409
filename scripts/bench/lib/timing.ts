/** The one median of the benchmarks: middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Milliseconds as reported: 3 decimals. */
export const roundMs = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * Median wall time (ms, 3 decimals) of `repeat` runs after `warmup` untimed ones: short in-process benchmarks
 * only; the machine is shared, so a median of many runs rather than one measurement.
 */
export function medianRunMs(run: () => unknown, repeat: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  return roundMs(median(times));
}

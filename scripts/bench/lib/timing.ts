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
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(repeat / 2)]! * 1000) / 1000;
}

import { type RefObject, useEffect } from 'react';

/**
 * Measures "filter changed → panel and map updated": the input handler stamps the time, and the first
 * effect after the next commit (MapView's effect, which hands the new data to the map, runs before the
 * panel's in tree order) writes the elapsed milliseconds on the element as `data-filter-ms`, for the
 * browser test and anyone curious with the developer tools.
 */
let startedAt: number | null = null;

export function markFilterChange(): void {
  startedAt = performance.now();
}

export function useFilterTiming(target: RefObject<HTMLElement | null>, result: unknown): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per new filter result, on purpose.
  useEffect(() => {
    if (startedAt === null) return;
    const ms = performance.now() - startedAt;
    startedAt = null;
    if (target.current) target.current.dataset.filterMs = ms.toFixed(1);
    console.debug(`[éclairage] filtre appliqué en ${ms.toFixed(1)} ms`);
  }, [result]);
}

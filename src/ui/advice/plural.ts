import { formatInt } from '../format.ts';

/** « 1 conseil », « 0 conseil », « 12 conseils » (French: singular below 2). */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatInt(count)} ${Math.abs(count) >= 2 ? plural : singular}`;
}

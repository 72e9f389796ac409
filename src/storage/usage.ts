/**
 * "Espace utilisé" shown in the settings: the browser's own estimate when it offers one, otherwise an
 * approximate byte count of what we stored (typed arrays by size, strings as UTF-16, as browsers store them).
 */
import { formatBytes } from '../io/fileSize.ts';
import type { WorkspaceDb } from './db.ts';

export interface StorageUsage {
  usedBytes: number;
  quotaBytes: number | null;
  source: 'estimate' | 'count';
  /** French sentence for the UI, e.g. "12,3 Mo utilisés sur 2,1 Go disponibles (0,6 %)". */
  label: string;
}

type StorageManagerLike = { estimate?: () => Promise<{ usage?: number; quota?: number }> };

const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });

/** Approximate in-memory footprint of a stored value; iterative so deep data cannot overflow the stack. */
export function estimateBytes(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || item === undefined) total += 4;
    else if (typeof item === 'string') total += item.length * 2;
    else if (typeof item === 'number') total += 8;
    else if (typeof item === 'boolean') total += 4;
    else if (typeof item === 'object') {
      if (seen.has(item)) continue;
      seen.add(item);
      if (ArrayBuffer.isView(item)) total += item.byteLength;
      else if (item instanceof ArrayBuffer) total += item.byteLength;
      else if (Array.isArray(item))
        for (const entry of item) stack.push(entry); // no spread: arrays may be huge
      else
        for (const [key, entry] of Object.entries(item)) {
          total += key.length * 2;
          stack.push(entry);
        }
    }
  }
  return total;
}

export function formatUsage(
  usedBytes: number,
  quotaBytes: number | null,
  source: StorageUsage['source'],
): string {
  if (source === 'count')
    return `Environ ${formatBytes(usedBytes)} de données enregistrées dans ce navigateur`;
  if (quotaBytes === null || quotaBytes <= 0) return `${formatBytes(usedBytes)} utilisés`;
  const share = usedBytes / quotaBytes;
  // "(0 %)" would read as "nothing stored" next to a non-zero size.
  const shown = share > 0 && share < 0.001 ? 'moins de 0,1\u00a0%' : percent.format(share);
  return `${formatBytes(usedBytes)} utilisés sur ${formatBytes(quotaBytes)} disponibles (${shown})`;
}

export async function getStorageUsage(
  options: { db?: WorkspaceDb; storage?: StorageManagerLike | null } = {},
): Promise<StorageUsage> {
  const storage =
    options.storage === undefined
      ? (globalThis.navigator as { storage?: StorageManagerLike } | undefined)?.storage
      : options.storage;
  if (storage?.estimate) {
    try {
      const { usage, quota } = await storage.estimate();
      if (typeof usage === 'number' && Number.isFinite(usage)) {
        const quotaBytes = typeof quota === 'number' && Number.isFinite(quota) ? quota : null;
        return {
          usedBytes: usage,
          quotaBytes,
          source: 'estimate',
          label: formatUsage(usage, quotaBytes, 'estimate'),
        };
      }
    } catch {
      // fall through to counting
    }
  }
  let usedBytes = 0;
  if (options.db) {
    const tx = options.db.transaction(['meta', 'sections'], 'readonly');
    const [meta, sections] = await Promise.all([
      tx.objectStore('meta').getAll(),
      tx.objectStore('sections').getAll(),
      tx.done,
    ]);
    usedBytes = estimateBytes(meta) + estimateBytes(sections);
  }
  return { usedBytes, quotaBytes: null, source: 'count', label: formatUsage(usedBytes, null, 'count') };
}

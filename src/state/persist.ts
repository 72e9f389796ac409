import type { AppState } from './store.ts';

/**
 * A part of the store that survives reloads. Modules register their sections; the persistence layer
 * (src/storage) saves `pick(state)` whenever it changes and restores with `apply` at start-up.
 * `pick` must return JSON-serialisable data (typed arrays allowed) and only raw data / user choices.
 */
export interface PersistedSection<T = unknown> {
  key: string;
  /** Bump when the shape of `pick`'s result changes; `apply` receives the stored version to migrate. */
  version: number;
  pick: (state: AppState) => T;
  apply: (data: T, storedVersion: number) => Partial<AppState>;
}

const sections: PersistedSection[] = [];
const listeners = new Set<(section: PersistedSection) => void>();

export function registerPersistedSection<T>(section: PersistedSection<T>): void {
  if (sections.some((s) => s.key === section.key))
    throw new Error(`Section persistée en double : ${section.key}`);
  sections.push(section as PersistedSection);
  for (const listener of listeners) listener(section as PersistedSection);
}

/** Lets the persistence layer restore a section registered after start-up (a lazily loaded module). */
export function onPersistedSectionRegistered(listener: (section: PersistedSection) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function persistedSections(): readonly PersistedSection[] {
  return sections;
}

/** Where a dataset comes from: shown next to every figure, so sample data is never mistaken for real data. */
export type DataSource =
  | { kind: 'sample'; label: "Données d'exemple"; generatedAt?: string; seed?: number }
  | { kind: 'import'; fileName: string; importedAt: string }
  | { kind: 'manual'; updatedAt: string }
  /** Loaded from the team server (team mode): the team's shared records, whoever typed or imported them. */
  | { kind: 'team'; syncedAt: string };

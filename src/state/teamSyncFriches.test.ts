import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { brownfieldFromRecord } from '../domain/friches/mapping.ts';
import type { Brownfield } from '../domain/friches/types.ts';
import type { ServerRecord } from '../storage/syncClient.ts';
import type { AppState } from './store.ts';
import { frichesSync } from './teamSyncFriches.ts';

const square: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [1.6, 50.72],
      [1.61, 50.72],
      [1.61, 50.73],
      [1.6, 50.73],
      [1.6, 50.72],
    ],
  ],
};
const site = (id: string, statut: string): Brownfield =>
  brownfieldFromRecord(
    { site_id: id, site_nom: `Site ${id}`, site_statut: statut, comm_insee: '62160' },
    { type: 'Point', coordinates: [1.605, 50.725] },
    square,
    { territoryInsee: '62160' },
  );
const state = (sites: Brownfield[], kind: 'manual' | 'import' = 'manual') =>
  ({
    frichesSites: sites,
    frichesSource:
      kind === 'manual'
        ? { kind, updatedAt: '2026-12-03T10:00:00Z' }
        : { kind, fileName: 'friches.csv', importedAt: '2026-12-03T10:00:00Z' },
  }) as unknown as AppState;
const record = (id: string): ServerRecord => ({
  id,
  insee: '62160',
  version: 3,
  updatedAt: '2026-12-03T09:00:00Z',
  updatedBy: 'x@y.fr',
  properties: {},
});

describe('friches sync adapter: the user’s edits', () => {
  const known = site('S-1', 'friche potentielle');
  const shown = (id: string) => (id === 'S-1' ? record(id) : null);

  it('a drawn site is created with its cells and perimeter; an edited sheet is sent as its changed cells', () => {
    const drawn = site('S-2', 'friche sans projet');
    const edited = site('S-1', 'friche avec projet');
    const edits = frichesSync.edits(state([known]), state([edited, drawn]), shown);
    expect(edits).toEqual([
      {
        op: 'patch',
        id: 'S-1',
        patch: { properties: { site_statut: 'friche avec projet' } },
        label: 'S-1 : Site S-1 (friche avec projet)',
      },
      {
        op: 'create',
        id: 'S-2',
        patch: {
          geometry: square,
          properties: expect.objectContaining({ site_id: 'S-2', site_nom: 'Site S-2' }),
        },
        label: 'S-2 : Site S-2 (friche sans projet)',
      },
    ]);
  });

  it('an inventory imported from a file is not an edit of the team’s sites', () => {
    const imported = [site('S-1', 'friche reconvertie'), site('F-9', 'friche potentielle')];
    expect(frichesSync.edits(state([known]), state(imported, 'import'), shown)).toEqual([]);
  });

  it('labels properties with the CNIG field titles', () => {
    expect(frichesSync.propertyLabel('site_statut', [])).toBe('statut du site');
    expect(frichesSync.propertyLabel('note_interne', [])).toBe('note_interne');
  });
});

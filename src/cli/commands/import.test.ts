import { describe, expect, it } from 'vitest';
import { run } from './import.ts';

describe('atlas import', () => {
  it('prints the contract fields for the Cartofriches extract', async () => {
    const summary = await run([
      '../shared/reference/cartofriches-extrait-pays-boulonnais.csv',
      '--kind',
      'friches',
    ]);
    expect(Object.keys(summary)).toEqual([
      'kind',
      'encoding',
      'delimiter',
      'crs',
      'swappedAxes',
      'rows',
      'accepted',
      'rejected',
      'outsideTerritory',
      'errors',
      'byCommune',
    ]);
    expect(summary).toMatchObject({
      kind: 'friches',
      rows: 6,
      accepted: 6,
      rejected: 0,
      outsideTerritory: 0,
      errors: [],
    });
    expect(Object.values(summary.byCommune).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('reports the swapped axes of the CNIG example', async () => {
    const summary = await run(['../shared/reference/cnig-friches/fichier-valide.csv', '--kind=friches']);
    expect(summary).toMatchObject({
      swappedAxes: true,
      rows: 1,
      accepted: 1,
      rejected: 0,
      outsideTerritory: 1,
      byCommune: {},
    });
  });

  it('refuses a missing kind or an unknown CRS in French', async () => {
    await expect(run(['x.csv'])).rejects.toThrow(/--kind obligatoire/);
    await expect(run(['x.csv', '--kind', 'lights', '--crs', 'EPSG:27572'])).rejects.toThrow(/--crs/);
    await expect(run(['nope.csv', '--kind', 'lights'])).rejects.toThrow(/introuvable/);
  });
});

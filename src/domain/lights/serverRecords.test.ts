import { describe, expect, it } from 'vitest';
import { applyEdit } from './edit.ts';
import { type LightRecord, pointsFromRecords, propertiesPatch, propertyLabel } from './serverRecords.ts';

// As the server stores an imported sample row: every column of the file as text.
const imported = (id: string, extra: Record<string, string | null> = {}): LightRecord => ({
  id,
  insee: '62022',
  geometry: { type: 'Point', coordinates: [1.8, 50.7] },
  properties: {
    identifiant: id,
    commune: 'Alincthun',
    statut: 'à rénover',
    technologie: 'Sodium haute pression',
    puissance_w: '150',
    date_renovation: null,
    ...extra,
  },
});

describe('light points ↔ server records', () => {
  it('reads imported records with the inventory mapping, keeps the server id and commune', () => {
    const { points, unreadable } = pointsFromRecords([
      imported('EP-1'),
      imported('EP-2', { puissance_w: 'x' }),
    ]);
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({
      id: 'EP-1',
      insee: '62022',
      lon: 1.8,
      lat: 50.7,
      status: 'toRenovate',
      technologyBefore: 'sodiumHighPressure',
      powerBeforeW: 150,
    });
    expect(unreadable).toEqual([{ id: 'EP-2', reason: expect.stringContaining('Puissance') }]);
  });

  it('writes an edit as the changed columns, and the record read back is the edited point', () => {
    const record = imported('EP-1', { etat: 'à rénover', statut: null });
    const [before] = pointsFromRecords([record]).points;
    const edit = applyEdit([before!], ['EP-1'], {
      kind: 'renovate',
      date: '2026-03-02',
      works: { technologyAfter: 'led', powerAfterW: 40 },
    });
    if (!edit.ok) throw new Error(edit.reason);
    const after = edit.points[0]!;
    const patch = propertiesPatch(before!, after, Object.keys(record.properties));
    // Both `statut` (empty) and `etat` are status aliases: the mapping reads `statut`, so the patch writes there.
    expect(patch).toEqual({
      statut: 'rénové',
      technologie_apres: 'LED',
      puissance_apres_w: 40,
      date_renovation: '02/03/2026',
    });
    const back = pointsFromRecords([{ ...record, properties: { ...record.properties, ...patch } }]).points[0];
    expect(back).toEqual(after);
    expect(propertiesPatch(after, after, Object.keys(record.properties))).toBeNull();
  });

  it('labels inventory columns in French, other columns by their name', () => {
    const keys = ['statut', 'puissance_apres_w', 'commentaire'];
    expect(propertyLabel('statut', keys)).toBe('Statut (à rénover, programmé, rénové)');
    expect(propertyLabel('puissance_apres_w', keys)).toBe('Puissance après travaux (W)');
    expect(propertyLabel('commentaire', keys)).toBe('commentaire');
  });
});

import { describe, expect, it } from 'vitest';
import { pointsFromRecords } from '../../domain/lights/serverRecords.ts';
import { type LightPoint, NO_DIMMING } from '../../domain/lights/types.ts';
import { createEmptyWorkspace } from '../../io/project/workspace.ts';
import '../../state/store.ts';
import { lightRecord, offersOf, TEAM_COPY_SECTION } from './transferSources.ts';

const point = (id: string, extra: Partial<LightPoint> = {}): LightPoint => ({
  id,
  insee: '62160',
  lon: 1.6,
  lat: 50.72,
  technologyBefore: 'sodiumHighPressure',
  powerBeforeW: 150,
  regimeBefore: NO_DIMMING,
  status: 'toRenovate',
  ...extra,
});

const workspace = (points: LightPoint[], source: unknown, copy?: unknown) => {
  const ws = createEmptyWorkspace();
  ws.sections = {
    lights: { version: 1, data: { points, source } },
    ...(copy ? { [TEAM_COPY_SECTION]: { version: 1, data: copy } } : {}),
  };
  return ws;
};
const file = { kind: 'import', fileName: 'copie.json', importedAt: '2026-12-01T10:00:00.000Z' };

describe('what « Envoyer mon espace local vers l’équipe » sends', () => {
  it('sends a light point in the server’s form, read back as the same point', () => {
    const p = point('EP-1', {
      status: 'renovated',
      renovation: { technologyAfter: 'led', powerAfterW: 40, regime: NO_DIMMING, date: '2026-11-02' },
    });
    const record = lightRecord(p, 3);
    expect(record).toMatchObject({ id: 'EP-1', baseVersion: 3, geometry: { coordinates: [1.6, 50.72] } });
    expect(record.properties).toMatchObject({ statut: 'rénové', puissance_apres_w: 40 });
    const [back] = pointsFromRecords([{ ...record, insee: '62160' }]).points;
    expect(back).toMatchObject({
      id: 'EP-1',
      status: 'renovated',
      renovation: { powerAfterW: 40, date: '2026-11-02' },
    });
  });

  it('takes base versions from a copy of this server only, and never sends the fictional sample', () => {
    const copy = {
      server: 'https://equipe.example',
      email: 'a@b.fr',
      takenAt: '',
      versions: { lights: { 'EP-1': 4 } },
    };
    const here = offersOf(workspace([point('EP-1')], file, copy), 'https://equipe.example');
    expect(here[0]!.records[0]!.baseVersion).toBe(4);
    const elsewhere = offersOf(workspace([point('EP-1')], file, copy), 'https://autre.example');
    expect(elsewhere[0]!.records[0]!.baseVersion).toBeUndefined();
    const sample = offersOf(workspace([point('EP-1')], { kind: 'sample', label: "Données d'exemple" }), 'x');
    expect(sample[0]).toMatchObject({
      module: 'lights',
      records: [],
      note: expect.stringContaining('exemple'),
    });
  });
});

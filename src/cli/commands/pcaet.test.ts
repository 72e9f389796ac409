import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleWorkspace } from '../../../test/fixtures/project/workspaces.ts';
import type { PcaetIndicator, PcaetValue } from '../../domain/pcaet/types.ts';
import { exportProject } from '../../io/project/format.ts';
import { run } from './pcaet.ts';

const indicator: PcaetIndicator = {
  id: 'ges',
  name: 'Émissions de GES',
  unit: 'tCO₂e',
  direction: 'down',
  target: { value: 3, date: '2030-01-01' },
  level: 'commune',
  normalisation: 'inhabitant',
  baselineYear: 2015,
};
const value = (place: string, date: string, v: number, type: PcaetValue['type'] = 'value'): PcaetValue => ({
  indicatorId: 'ges',
  date,
  type,
  value: v,
  place,
});

describe('atlas pcaet --json', () => {
  it('prints the panel’s figures per commune: per inhabitant, baseline, own or territorial target, share', async () => {
    const workspace = sampleWorkspace();
    workspace.sections = {
      dashboard: {
        version: 1,
        data: {
          map: {},
          pcaetIndicators: [indicator],
          // Boulogne-sur-Mer (62160): 2015 and 2024 measured, its own objective; a future value is never shown.
          pcaetValues: [
            value('62160', '2015-01-01', 400_000),
            value('62160', '2024-01-01', 300_000),
            value('62160', '2029-01-01', 1),
            value('62160', '2030-01-01', 200_000, 'target'),
          ],
        },
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pcaet-'));
    const path = join(dir, 'projet.atlas-cotri.json');
    writeFileSync(path, await exportProject(workspace, { createdAt: '2026-12-01T09:00:00.000Z' }));
    const out = await run([path, '--as-of', '2026-12-03']);
    expect(out.asOf).toBe('2026-12-03');
    const [ges] = out.indicators;
    expect(ges).toMatchObject({
      id: 'ges',
      unit: 'tCO₂e/hab.',
      normalisation: 'inhabitant',
      period: 'valeurs de 2024',
    });
    expect(ges!.places).toHaveLength(74);
    const boulogne = ges!.places.find((p) => p.place === '62160')!;
    // Legal population of the committed territory data.
    const { population } = (await import('../territoryData.ts'))
      .loadTerritory()
      .communes.features.find((f) => f.properties.insee === '62160')!.properties;
    expect(boulogne.latest).toEqual({ date: '2024-01-01', value: 300_000 / population });
    expect(boulogne.baseline).toEqual({ date: '2015-01-01', value: 400_000 / population });
    expect(boulogne.target).toEqual({ date: '2030-01-01', value: 200_000 / population, origin: 'place' });
    expect(boulogne.shareTravelled).toBeCloseTo(0.5, 10);
    // Another commune: no value, the territory's per-inhabitant target applies.
    const other = ges!.places.find((p) => p.place !== '62160')!;
    expect(other).toMatchObject({
      latest: null,
      target: { value: 3, origin: 'territory' },
      shareTravelled: null,
    });
  });
});

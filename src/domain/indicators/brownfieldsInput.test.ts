import { describe, expect, it } from 'vitest';
import { baseLayers, LAT, LON, makeSite } from '../../../test/fixtures/friches/sites.ts';
import { prepareContext } from '../friches/context.ts';
import { computeCriteriaMatrix } from '../friches/matrix.ts';
import { defaultProfile } from '../friches/presets.ts';
import { rankSites } from '../friches/scoring.ts';
import { rankStability } from '../friches/stability.ts';
import { brownfieldsInput } from './adapters.ts';

describe('brownfields for the dashboard', () => {
  const well = (id: string, k: number) =>
    makeSite({
      id,
      name: `Site bien documenté ${id}`,
      point: { type: 'Point', coordinates: [LON + k * 0.001, LAT] },
      pollution: 'pollution inexistante',
      zoneType: 'U',
      status: 'friche sans projet',
      buildingCondition: 'dégradation moyenne',
      buildingVacancy: 'vacant',
      heritage: 'aucun',
      ownerType: ['P4a'],
      parcelAreaM2: 4_000 + k * 500,
    });
  const sites = [
    ...Array.from({ length: 8 }, (_, k) => well(`W${k}`, k)),
    makeSite({
      id: 'thin',
      name: 'Site peu documenté',
      point: { type: 'Point', coordinates: [LON + 0.02, LAT] },
    }),
    makeSite({ id: 'far', name: 'Site lointain', territoryInsee: null, insee: '21231' }),
  ];
  const matrix = computeCriteriaMatrix(sites, prepareContext(baseLayers()));
  const profile = defaultProfile();
  const ranking = rankSites(matrix, profile);
  const stability = rankStability(matrix, profile, { draws: 200 });

  it('counts as retained only the pinned sites of the territory; the automatic proposal is never counted', () => {
    const none = brownfieldsInput(sites, matrix, ranking, [], stability);
    expect(none.sites.filter((s) => s.shortlisted)).toEqual([]);
    expect(none.proposed).toBe(5);
    const pins = ['W0', 'far'].map((siteId) => ({ siteId, note: 'ok' }));
    const input = brownfieldsInput(sites, matrix, ranking, pins, stability);
    expect(input.sites.filter((s) => s.shortlisted).map((s) => s.id)).toEqual(['W0']);
    expect(input.proposed).toBe(0);
  });

  it('warns about a retained site resting on too little data, with the friches screen’s words', () => {
    const input = brownfieldsInput(sites, matrix, ranking, [{ siteId: 'thin', note: 'à voir' }], stability);
    expect(input.alerts).toHaveLength(2);
    expect(input.alerts![0]).toMatch(/^« Site peu documenté » : classement instable/);
    expect(input.alerts![1]).toMatch(/^« Site peu documenté » : fiabilité \d+ % — moins de 60 %/);
    const fine = brownfieldsInput(sites, matrix, ranking, [{ siteId: 'W7', note: 'ok' }], stability);
    expect(fine.alerts!.some((a) => a.includes('fiabilité'))).toBe(false);
  });
});

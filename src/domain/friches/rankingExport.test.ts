import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { areas, baseLayers, LAT, LON, makeSite, square } from '../../../test/fixtures/friches/sites.ts';
import { prepareContext } from './context.ts';
import { computeCriteriaMatrix } from './matrix.ts';
import { PRESETS } from './presets.ts';
import { RANKING_CSV_HEADER, rankingCsv } from './rankingExport.ts';
import { rankSites } from './scoring.ts';

describe('ranking CSV export', () => {
  it('lists every excluded site with its reason, after the ranked ones, outside sites last', () => {
    const ctx = prepareContext({ ...baseLayers(), floodZones: areas(square(LON, LAT, 100)) });
    const sites = [
      makeSite({ id: 'wet', name: 'Ancienne laiterie', surface: square(LON, LAT, 60) }),
      makeSite({
        id: 'dirty',
        name: 'Dépôt',
        pollution: 'pollution avérée',
        point: { type: 'Point', coordinates: [LON + 0.01, LAT] },
      }),
      makeSite({
        id: 'ok',
        name: 'Halle',
        pollution: 'pollution inexistante',
        point: { type: 'Point', coordinates: [LON + 0.02, LAT] },
      }),
      makeSite({ id: 'far', name: '=HYPERLINK("x")', territoryInsee: null, insee: '21231' }),
      makeSite({
        id: 'done',
        status: 'friche reconvertie',
        point: { type: 'Point', coordinates: [LON + 0.03, LAT] },
      }),
    ];
    const matrix = computeCriteriaMatrix(sites, ctx);
    const ranking = rankSites(matrix, PRESETS.habitat.profile);
    const csv = rankingCsv(sites, matrix, ranking, null, [{ siteId: 'ok', note: 'Halle à reconvertir' }]);
    const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields).toEqual(RANKING_CSV_HEADER);
    const rows = parsed.data;
    expect(rows.map((r) => r.site_id)).toEqual(['ok', 'wet', 'dirty', 'done', 'far']);
    expect(rows[0]).toMatchObject({
      rang: '1',
      ecarte: 'non',
      liste_restreinte: 'oui',
      justification: 'Halle à reconvertir',
    });
    expect(rows[1]).toMatchObject({
      rang: '',
      ecarte: 'oui',
      raison_ecartement: 'Part en zone inondable supérieure à 50 % (100 %)',
    });
    expect(rows[2]).toMatchObject({
      ecarte: 'oui',
      raison_ecartement: 'Pollution des sols : « pollution avérée »',
    });
    expect(rows[3]!.raison_ecartement).toBe('friche reconvertie, ce n’est plus une friche');
    expect(rows[4]).toMatchObject({ hors_territoire: 'oui', rang: '' });
    // Imported names never become spreadsheet formulas.
    expect(rows[4]!.site_nom).toBe(`'=HYPERLINK("x")`);
    expect(rows[0]!.score).toMatch(/^0,\d+$/);
  });
});

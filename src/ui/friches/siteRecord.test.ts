import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { baseLayers, LAT, LON, squareCommunes } from '../../../test/fixtures/friches/sites.ts';
import { analyseFriches } from '../../domain/friches/analysis.ts';
import { brownfieldsFromImport } from '../../domain/friches/mapping.ts';
import { PRESETS } from '../../domain/friches/presets.ts';
import { buildCommuneIndex } from '../../geo/communeIndex.ts';
import { pointOnSurface } from '../../geo/pointOnSurface.ts';
import { importFile } from '../../io/import/importFile.ts';
import { FORM_FIELDS, type FormValues, representativePoint, siteFromForm } from './siteRecord.ts';

/*
 * An L-shaped site, its centroid inside but away from the import's point on surface (the old drawn point):
 * drawn in the form or imported from a GeoJSON file, it must get one point and one score.
 */
const d = 0.004;
const L: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [LON - d, LAT - d],
      [LON + 3 * d, LAT - d],
      [LON + 3 * d, LAT],
      [LON, LAT],
      [LON, LAT + 3 * d],
      [LON - d, LAT + 3 * d],
      [LON - d, LAT - d],
    ],
  ],
};

const FIELDS = {
  site_nom: 'Ancienne filature',
  site_type: 'friche industrielle',
  comm_insee: '62160',
  comm_nom: 'Boulogne-sur-Mer',
  source_nom: 'Test',
  site_identif_date: '2024-03-01',
  urba_zaer: 'non',
};

async function importedSite(id: string) {
  const geojson = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { site_id: id, ...FIELDS }, geometry: L }],
  };
  const result = await importFile(new TextEncoder().encode(JSON.stringify(geojson)), {
    kind: 'friches',
    fileName: 'friches.geojson',
    communes: buildCommuneIndex(squareCommunes(100_000)),
  });
  const { sites } = brownfieldsFromImport(result);
  expect(sites).toHaveLength(1);
  return sites[0]!;
}

function drawnSite(id: string) {
  const values = { site_id: id, ...FIELDS } as Record<string, string>;
  const full = Object.fromEntries(FORM_FIELDS.map((f) => [f, values[f] ?? ''])) as FormValues;
  const drawn = siteFromForm(full, {}, representativePoint(L), L, '62160');
  if (!drawn.ok) throw new Error(drawn.errors.join('; '));
  return drawn.site;
}

describe('representative point of a drawn perimeter', () => {
  it('is the import kernel’s point on surface', () => {
    expect(representativePoint(L).coordinates).toEqual(pointOnSurface(L));
  });

  it('gives a drawn and an imported copy of one site the same point and the same score', async () => {
    const imported = await importedSite('62160_IMP');
    const drawn = drawnSite('62160_DRAW');
    expect(drawn.point.coordinates).toEqual(imported.point.coordinates);
    const analysis = analyseFriches([drawn, imported], baseLayers(), PRESETS.habitat.profile);
    const score = analysis.ranking.score;
    expect(Number.isFinite(score[0]!)).toBe(true);
    expect(score[0]).toBe(score[1]);
  });

  it('falls back to a vertex for a flat perimeter instead of failing', () => {
    const flat: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [LON, LAT],
          [LON + d, LAT],
          [LON, LAT],
        ],
      ],
    };
    expect(representativePoint(flat).coordinates).toEqual([LON, LAT]);
  });
});

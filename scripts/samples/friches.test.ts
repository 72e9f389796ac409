import { booleanPointInPolygon } from '@turf/turf';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { analyseFriches } from '../../src/domain/friches/analysis.ts';
import { toCnigCsv } from '../../src/domain/friches/cnigWrite.ts';
import { profileCoverage } from '../../src/domain/friches/coverage.ts';
import { PRESETS } from '../../src/domain/friches/presets.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { validateRecord } from '../../src/io/cnig/validate.ts';
import { FICTIONAL, generateFrichesSample } from './friches.ts';

/** Three hand-made square communes (about 7 km × 11 km each). */
const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 50.6],
      [x + 0.1, 50.6],
      [x + 0.1, 50.7],
      [x, 50.7],
      [x, 50.6],
    ],
  ],
});
const COMMUNES: [string, string, number][] = [
  ['62160', 'Boulogne-sur-Mer', 40_000],
  ['62893', 'Wimereux', 6_000],
  ['62268', 'Desvres', 5_000],
];
const communes: CommuneCollection = {
  type: 'FeatureCollection',
  features: COMMUNES.map(([insee, name, population], i) => ({
    type: 'Feature',
    geometry: square(1.5 + i * 0.1),
    properties: {
      insee,
      name,
      epciSiren: '246200729',
      epciName: 'CA du Boulonnais',
      population,
      areaKm2: 78,
    },
  })),
};
const centres: CommuneCentreCollection = {
  type: 'FeatureCollection',
  features: COMMUNES.map(([insee, name, population], i) => ({
    type: 'Feature',
    properties: { insee, name, population },
    geometry: { type: 'Point', coordinates: [1.55 + i * 0.1, 50.65] },
  })),
};

describe('sample brownfield inventory', () => {
  const sample = generateFrichesSample(communes, centres, { seed: 11, count: 40 });

  it('is reproducible from its seed', () => {
    const again = generateFrichesSample(communes, centres, { seed: 11, count: 40 });
    expect(toCnigCsv(again.sites).csv).toBe(toCnigCsv(sample.sites).csv);
    expect(toCnigCsv(generateFrichesSample(communes, centres, { seed: 12, count: 40 }).sites).csv).not.toBe(
      toCnigCsv(sample.sites).csv,
    );
  });

  it('with no context layer loaded, Renaturation warns that its main criteria are mostly unknown', () => {
    const analysis = analyseFriches(
      sample.sites,
      { communes, communeCentres: centres },
      PRESETS.renaturation.profile,
      { stability: { draws: 10 } },
    );
    expect(analysis.ranking.order.length).toBeGreaterThan(0);
    const coverage = profileCoverage(analysis.matrix, PRESETS.renaturation.profile);
    expect(coverage.warning).toContain('Part en zone inondable (0 % des sites)');
    expect(coverage.warning).toContain('Part en espace naturel protégé (0 % des sites)');
    expect(coverage.warning).toContain('Part en trame verte et bleue (0 % des sites)');
    // With the sample's own flood layer, flood zones are known but protected areas and corridors still are not:
    // half of the main criteria known is no longer "most unknown".
    const withFlood = analyseFriches(
      sample.sites,
      { communes, communeCentres: centres, floodZones: sample.floodZones },
      PRESETS.renaturation.profile,
      { stability: { draws: 10 } },
    );
    const partial = profileCoverage(withFlood.matrix, PRESETS.renaturation.profile);
    expect(partial.criteria.find((c) => c.id === 'floodShare')!.known).toBe(1);
    expect(partial.criteria.find((c) => c.id === 'corridorShare')!.known).toBe(0);
    expect(partial.warning).toBeNull();
    // Habitat's main criteria are mostly file attributes and built-in layers: no warning.
    expect(profileCoverage(analysis.matrix, PRESETS.habitat.profile).warning).toBeNull();
  });

  it('places the sites in their communes, mostly where people live, with unique ids', () => {
    expect(sample.sites).toHaveLength(40);
    expect(new Set(sample.sites.map((s) => s.id)).size).toBe(40);
    for (const site of sample.sites) {
      const commune = communes.features.find((f) => f.properties.insee === site.insee)!;
      expect(booleanPointInPolygon(site.point.coordinates, commune)).toBe(true);
      expect(site.id.startsWith(`${site.insee}_EX`)).toBe(true);
    }
    const inBoulogne = sample.sites.filter((s) => s.insee === '62160').length;
    expect(inBoulogne).toBeGreaterThan(25);
  });

  it('writes a fully conformant CNIG CSV labelled as sample data', () => {
    const { csv, warnings } = toCnigCsv(sample.sites);
    expect(warnings).toEqual([]);
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      const result = validateRecord((name) => row[name]);
      expect(result.blocking).toEqual([]);
      expect(result.nonBlocking).toEqual([]);
      expect(row.site_nom).toMatch(/\(exemple\)$/);
      expect(row.source_nom).toBe("Données d'exemple");
    }
    expect(rows.filter((r) => r.geomsurf).length).toBeGreaterThan(20);
    expect(new Set(rows.map((r) => r.site_statut)).size).toBeGreaterThan(3);
  });

  it('labels every feature of the fictional context layers', () => {
    expect(sample.stations.features.length).toBeGreaterThan(0);
    expect(sample.floodZones.features.length).toBeGreaterThan(0);
    for (const f of [...sample.stations.features, ...sample.floodZones.features]) {
      expect(f.properties).toMatchObject({ exemple: FICTIONAL });
    }
  });
});

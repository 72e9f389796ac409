import { toCnigCsv, toCnigGeoJson } from '../../domain/friches/cnigWrite.ts';
import type { Brownfield, Pin } from '../../domain/friches/index.ts';
import { rankingCsv } from '../../domain/friches/rankingExport.ts';
import { gpkgButtonAction } from '../data/exportGpkg.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import type { FrichesView } from './useFrichesAnalysis.ts';

const round = (x: number | null, digits = 4) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Downloads sites in the CNIG exchange format (CSV: exactly the standard's columns, re-importable as is) or
 * as GeoJSON, which also carries the analysis (rank, score, reliability, top-5 probability) and the
 * justification notes as properties outside the standard. Returns the conformity notes of the export.
 */
export function exportSites(
  format: 'csv' | 'geojson' | 'gpkg',
  sites: readonly Brownfield[],
  view: FrichesView | null,
  pins: readonly Pin[],
  baseName: string,
): string[] {
  if (format === 'csv') {
    const { csv, warnings } = toCnigCsv(sites);
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), safeFileName(baseName, 'csv'));
    return warnings;
  }
  const notes = new Map(pins.map((p) => [p.siteId, p.note]));
  const { geojson, warnings } = toCnigGeoJson(sites, (site) => {
    const row = view?.rowById.get(site.id);
    return {
      analyse_rang: row?.rank ?? null,
      analyse_score: round(row?.score ?? null),
      analyse_fiabilite: round(row?.reliability ?? null),
      analyse_proba_top5: round(row?.top5 ?? null),
      analyse_ecarte: row?.exclusion ?? null,
      liste_restreinte: notes.has(site.id) ? 'oui' : 'non',
      justification: notes.get(site.id) ?? null,
    };
  });
  if (format === 'gpkg') {
    // The same features as the GeoJSON, in Lambert-93 for the territory's QGIS projects.
    gpkgButtonAction(baseName, () => [
      {
        name: baseName.replace(/-/g, '_'),
        collection: geojson,
        srsId: 2154,
        description: 'Friches — Atlas COTRI',
      },
    ])();
    return warnings;
  }
  downloadBlob(
    new Blob([JSON.stringify(geojson)], { type: 'application/geo+json' }),
    safeFileName(baseName, 'geojson'),
  );
  return warnings;
}

/** The ranking with every site set aside and its reason (rankingExport.ts), as a French spreadsheet CSV. */
export function exportRanking(view: FrichesView, pins: readonly Pin[], baseName: string): void {
  const csv = rankingCsv(view.sites, view.matrix, view.ranking, view.stability, pins);
  downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), safeFileName(baseName, 'csv'));
}

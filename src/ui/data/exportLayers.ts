/**
 * GeoPackage layers of what is not a module's own records: the friches context layers as loaded, and the
 * dashboard's indicators per commune (commune outlines with one column per figure). Values come from
 * `indicatorTable`, the function the dashboard's map, table and CSV read, so a QGIS project shows the
 * numbers the dashboard shows.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { ImportableRole } from '../../domain/friches/contextImport.ts';
import { CONTEXT_ROLE_LABELS } from '../../domain/friches/types.ts';
import { INDICATORS, indicatorPeriodLabel } from '../../domain/indicators/registry.ts';
import { indicatorTable } from '../../domain/indicators/table.ts';
import type { IndicatorData } from '../../domain/indicators/types.ts';
import type { CommuneCollection } from '../../domain/territory/types.ts';
import type { FrichesContext } from '../../state/frichesSlice.ts';
import type { GpkgExportLayer } from './exportGpkg.ts';

/** Table names QGIS shows: French, no spaces or accents (safe in every GIS and in SQL). */
const CONTEXT_TABLES: Record<ImportableRole, string> = {
  communeCentres: 'centres_communes',
  stations: 'gares_arrets',
  floodZones: 'zones_inondables',
  protectedAreas: 'espaces_proteges',
  greenBlueCorridors: 'trame_verte_bleue',
  urbanZones: 'zones_urbaines',
};

/** One layer per loaded context layer (sample layers named as such), Lambert-93, in the roles' order. */
export function contextGpkgLayers(context: FrichesContext): GpkgExportLayer[] {
  return (Object.keys(CONTEXT_TABLES) as ImportableRole[]).flatMap((role) => {
    const entry = context[role];
    if (!entry) return [];
    const origin = entry.source.kind === 'sample' ? 'exemple fictif' : `fichier ${entry.source.fileName}`;
    return [
      {
        name: CONTEXT_TABLES[role],
        collection: entry.layer as FeatureCollection,
        srsId: 2154,
        description: `${CONTEXT_ROLE_LABELS[role]} — ${origin} — Atlas COTRI`,
      },
    ];
  });
}

const asMulti = (g: Polygon | MultiPolygon): MultiPolygon =>
  g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] };

/**
 * The communes with every dashboard indicator (column = indicator id, null = no data) and the commune's
 * figures (INSEE code, name, EPCI, population). Outlines are all MULTIPOLYGON so the layer has one type.
 * The description names each column's indicator, unit and period.
 */
export function indicatorsGpkgLayer(data: IndicatorData, communes: CommuneCollection): GpkgExportLayer {
  const rows = new Map(indicatorTable(data, 'commune').map((r) => [r.id, r]));
  const features = communes.features.flatMap((c): Feature[] => {
    const row = rows.get(c.properties.insee);
    if (!row) return [];
    return [
      {
        type: 'Feature',
        geometry: asMulti(c.geometry),
        properties: {
          code_insee: row.id,
          commune: row.name,
          siren_epci: row.epci,
          epci: c.properties.epciName,
          population: row.population,
          ...Object.fromEntries(INDICATORS.map((i) => [i.id, row.values[i.id] ?? null])),
          effectif_faible: row.smallSample.join(' ') || null,
        },
      },
    ];
  });
  const legend = INDICATORS.map(
    (i) => `${i.id} = ${i.label}${i.unit ? ` (${i.unit})` : ''}, ${indicatorPeriodLabel(i, data)}`,
  ).join(' ; ');
  return {
    name: 'indicateurs_communes',
    collection: { type: 'FeatureCollection', features },
    srsId: 2154,
    description: `Indicateurs du tableau de bord au ${data.asOf} — ${legend}`,
    fieldTypes: {
      ...Object.fromEntries(INDICATORS.map((i) => [i.id, 'REAL' as const])),
      population: 'INTEGER',
    },
  };
}

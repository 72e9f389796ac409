import type { Feature, FeatureCollection, Point } from 'geojson';
import { fromWgs84 } from '../../io/crs/project.ts';
import { type CsvCell, toCsv } from '../../io/csv/write.ts';
import { type LightsContext, pointCommuneLabel } from './context.ts';
import { assessRenovation, currentEnergyKwh, type LightingSettings } from './energy.ts';
import { type LightCategory, lightCategory } from './legend.ts';
import {
  type DimmingRegime,
  FACTOR_CLASS_LABELS,
  type LightPoint,
  STATUS_LABELS,
  TECHNOLOGY_LABELS,
} from './types.ts';

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};
const frDate = (iso: string | undefined) =>
  iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null;

/** Regime as the three columns of inventory exports: dimming hours, reduction %, switch-off hours. */
function regimeCells(regime: DimmingRegime | undefined): [CsvCell, CsvCell, CsvCell] {
  switch (regime?.kind) {
    case 'dimming':
      return [regime.hours, round((1 - regime.level) * 100, 2), null];
    case 'nightSwitchOff':
      return [null, null, regime.hours];
    case 'dimmingAndSwitchOff':
      return [regime.dimmingHours, round((1 - regime.level) * 100, 2), regime.switchOffHours];
    default:
      return [null, null, null];
  }
}

export interface LightsCsvOptions {
  communeName: ReadonlyMap<string, string>;
  /** WGS84 longitude/latitude columns in addition to Lambert-93 (work orders: yes; import-format sample: no). */
  wgs84?: boolean;
  /** Names of the Lambert-93 columns. */
  lambertHeaders?: [string, string];
  /** When given, computed columns (class, factor, consumption) are appended; they are ignored on re-import. */
  settings?: LightingSettings;
}

/**
 * The inventory columns, named as `mapLights` reads them, so an exported file imports back unchanged.
 * The `*_avant` regime columns describe the lamp before works; the others the lamp after works.
 */
export const INVENTORY_HEADER = [
  'statut',
  'technologie',
  'puissance_w',
  'abaissement_avant_h',
  'abaissement_avant_pct',
  'extinction_avant_h',
  'date_programmation',
  'technologie_apres',
  'puissance_apres_w',
  'abaissement_h',
  'abaissement_pct',
  'extinction_h',
  'temperature_couleur_k',
  'date_renovation',
  'flux_lm',
  'ulr_pct',
  'annee_pose',
];

const COMPUTED_HEADER = [
  'classe',
  'facteur',
  'conso_avant_kwh_an',
  'conso_actuelle_kwh_an',
  'economie_kwh_an',
];

/** The INVENTORY_HEADER cells of a point (the CSV export and the team server's record properties). */
export function inventoryCells(p: LightPoint): CsvCell[] {
  const r = p.renovation;
  return [
    STATUS_LABELS[p.status],
    TECHNOLOGY_LABELS[p.technologyBefore],
    p.powerBeforeW,
    ...regimeCells(p.regimeBefore),
    frDate(p.scheduledDate),
    r ? TECHNOLOGY_LABELS[r.technologyAfter] : null,
    r?.powerAfterW ?? null,
    ...regimeCells(r?.regime),
    r?.colourTemperatureK ?? null,
    frDate(r?.date),
    p.fluxLm ?? null,
    p.ulrPercent ?? null,
    p.installYear ?? null,
  ];
}

/** Inventory as a French CSV (`;`, decimal commas, dd/mm/yyyy, UTF-8 with BOM), formulas neutralised. */
export function lightsToCsv(points: readonly LightPoint[], options: LightsCsvOptions): string {
  const [xName, yName] = options.lambertHeaders ?? ['x_lambert93', 'y_lambert93'];
  const header = [
    'identifiant',
    'commune',
    'code_insee',
    'adresse',
    ...(options.wgs84 ? ['longitude', 'latitude'] : []),
    xName,
    yName,
    ...INVENTORY_HEADER,
    ...(options.settings ? COMPUTED_HEADER : []),
  ];
  const rows = points.map((p) => {
    const [x, y] = fromWgs84('EPSG:2154', p.lon, p.lat);
    const cells: CsvCell[] = [
      p.id,
      p.outsideTerritory || options.communeName.has(p.insee)
        ? pointCommuneLabel(p, options.communeName)
        : null,
      p.insee,
      p.address ?? null,
      ...(options.wgs84 ? [round(p.lon, 7), round(p.lat, 7)] : []),
      round(x, 2),
      round(y, 2),
      ...inventoryCells(p),
    ];
    if (options.settings) {
      const a = assessRenovation(p, options.settings);
      const done = p.status === 'renovated';
      // A scheduled point with planned works gets its planned class and factor, as the batch form's preview
      // shows them (the work order is what the contractor plans from); savings stay those of done works.
      const classed = done || (p.status === 'scheduled' && p.renovation !== undefined);
      cells.push(
        classed && a.factorClass ? FACTOR_CLASS_LABELS[a.factorClass] : null,
        classed && a.factor !== null && Number.isFinite(a.factor) ? round(a.factor, 2) : null,
        round(a.energyBeforeKwh, 1),
        round(currentEnergyKwh(p, options.settings), 1),
        done && a.savedKwh !== null ? round(a.savedKwh, 1) : null,
      );
    }
    return cells;
  });
  return toCsv(header, rows, { decimalComma: true });
}

/** Work order for a selection: WGS84 and Lambert-93 coordinates, current data and computed figures. */
export function workOrderCsv(
  points: readonly LightPoint[],
  context: Pick<LightsContext, 'communeName'>,
  settings: LightingSettings,
): string {
  return lightsToCsv(points, { communeName: context.communeName, wgs84: true, settings });
}

/** Flat properties (MapLibre styles and popups read them directly); codes plus French labels. */
export interface LightFeatureProperties {
  id: string;
  insee: string;
  commune: string | null;
  address: string | null;
  status: LightPoint['status'];
  statusLabel: string;
  technologyBefore: LightPoint['technologyBefore'];
  technologyBeforeLabel: string;
  powerBeforeW: number;
  scheduledDate: string | null;
  technologyAfter: string | null;
  powerAfterW: number | null;
  regimeAfter: DimmingRegime | null;
  regimeBefore: DimmingRegime | null;
  colourTemperatureK: number | null;
  renovationDate: string | null;
  factorClass: string | null;
  /** Map/legend category (see legend.ts): status, or class once renovated. */
  category: LightCategory;
  /** null when not computable or infinite (point removed). */
  factor: number | null;
  energyBeforeKwh: number;
  currentKwh: number;
  savedKwh: number | null;
  fluxLm: number | null;
  ulrPercent: number | null;
  installYear: number | null;
}

export function lightsToGeoJson(
  points: readonly LightPoint[],
  context: Pick<LightsContext, 'communeName'>,
  settings: LightingSettings,
): FeatureCollection<Point, LightFeatureProperties> {
  const features = points.map((p): Feature<Point, LightFeatureProperties> => {
    const r = p.renovation;
    const a = assessRenovation(p, settings);
    const done = p.status === 'renovated';
    return {
      type: 'Feature',
      id: p.id,
      geometry: { type: 'Point', coordinates: [round(p.lon, 7), round(p.lat, 7)] },
      properties: {
        id: p.id,
        insee: p.insee,
        commune: context.communeName.get(p.insee) ?? null,
        address: p.address ?? null,
        status: p.status,
        statusLabel: STATUS_LABELS[p.status],
        technologyBefore: p.technologyBefore,
        technologyBeforeLabel: TECHNOLOGY_LABELS[p.technologyBefore],
        powerBeforeW: p.powerBeforeW,
        scheduledDate: p.scheduledDate ?? null,
        technologyAfter: r?.technologyAfter ?? null,
        powerAfterW: r?.powerAfterW ?? null,
        regimeAfter: r?.regime ?? null,
        regimeBefore: p.regimeBefore ?? null,
        colourTemperatureK: r?.colourTemperatureK ?? null,
        renovationDate: r?.date ?? null,
        factorClass: done ? a.factorClass : null,
        category: lightCategory(p.status, a.factorClass, p.outsideTerritory === true),
        factor: done && a.factor !== null && Number.isFinite(a.factor) ? round(a.factor, 3) : null,
        energyBeforeKwh: round(a.energyBeforeKwh, 3),
        currentKwh: round(currentEnergyKwh(p, settings), 3),
        savedKwh: done && a.savedKwh !== null ? round(a.savedKwh, 3) : null,
        fluxLm: p.fluxLm ?? null,
        ulrPercent: p.ulrPercent ?? null,
        installYear: p.installYear ?? null,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * DBF names (10 bytes at most) of the GeoJSON properties, for the shapefile work order: French, readable in
 * a contractor's field software, instead of the cut camelCase names a converter would make.
 */
export const LIGHT_DBF_NAMES: Record<keyof LightFeatureProperties, string> = {
  id: 'identifian',
  insee: 'code_insee',
  commune: 'commune',
  address: 'adresse',
  status: 'statut',
  statusLabel: 'statut_lib',
  technologyBefore: 'techno_av',
  technologyBeforeLabel: 'techno_lib',
  powerBeforeW: 'puiss_av_w',
  scheduledDate: 'date_prog',
  technologyAfter: 'techno_ap',
  powerAfterW: 'puiss_ap_w',
  regimeAfter: 'regime_ap',
  regimeBefore: 'regime_av',
  colourTemperatureK: 'temp_coul',
  renovationDate: 'date_renov',
  factorClass: 'classe',
  category: 'categorie',
  factor: 'facteur',
  energyBeforeKwh: 'kwh_avant',
  currentKwh: 'kwh_actuel',
  savedKwh: 'kwh_econ',
  fluxLm: 'flux_lm',
  ulrPercent: 'ulr_pct',
  installYear: 'annee_pose',
};

import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { CnigRecord, FieldIssue } from '../../io/cnig/validate.ts';
import type { RecordOrigin } from '../origin.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../territory/types.ts';

export type SiteStatus =
  | 'friche potentielle'
  | 'friche sans projet'
  | 'friche avec projet'
  | 'friche reconvertie'
  | 'inconnu'
  | 'autre'
  | 'sans objet';

/** A candidate site (CNIG "Friches" record) with the fields scoring needs, typed. Null = not given. */
export interface Brownfield {
  /** Set on sample records kept under a file's import (src/domain/origin.ts); absent otherwise. */
  origin?: RecordOrigin;
  /** `site_id`, unique in an inventory. */
  id: string;
  /** `site_nom` */
  name: string;
  /** `comm_insee` as written in the file. */
  insee: string | null;
  /** Commune of the point in the territory (spatial join); null when outside the territory. */
  territoryInsee: string | null;
  /** `comm_nom` */
  communeName: string | null;
  /** `site_statut` */
  status: SiteStatus | null;
  /** `sol_pollution_existe` */
  pollution: string | null;
  /** `urba_zone_type` */
  zoneType: string | null;
  /** `bati_etat` */
  buildingCondition: string | null;
  /** `bati_vacance` */
  buildingVacancy: string | null;
  /** `bati_patrimoine` */
  heritage: string | null;
  /** `proprio_personne` items */
  ownerPerson: string[];
  /** `proprio_type` items (Fichiers fonciers classification of legal persons, e.g. P4a). */
  ownerType: string[];
  /** `proprio_nom` items */
  ownerName: string[];
  /** `unite_fonciere_surface`, m². */
  parcelAreaM2: number | null;
  /** `geompoint`, WGS84 [lon, lat]. */
  point: Point;
  /** `geomsurf`, WGS84, when given and valid. */
  surface: Polygon | MultiPolygon | null;
  /** Valid CNIG cells, normalised (ISO dates, trimmed): the source of truth for export. */
  record: CnigRecord;
  /** Every cell of the source row as read, including columns outside the standard. */
  raw: Record<string, string | null>;
  /** Source row (header = row 1) or feature position. */
  row: number;
  /** Optional fields that failed validation (value ignored): the site is kept and flagged. */
  flags: FieldIssue[];
}

/** Roles a context layer can play; ids in English, labels in French (CONTEXT_ROLE_LABELS). */
export type ContextRole =
  | 'communes'
  | 'communeCentres'
  | 'stations'
  | 'floodZones'
  | 'protectedAreas'
  | 'greenBlueCorridors'
  | 'urbanZones';

/** Roles the user may import a file for (`communes` is always the built territory). */
export const IMPORTABLE_ROLES = [
  'communeCentres',
  'stations',
  'floodZones',
  'protectedAreas',
  'greenBlueCorridors',
  'urbanZones',
] as const satisfies readonly ContextRole[];

export const CONTEXT_ROLE_LABELS: Record<ContextRole, string> = {
  communes: 'Communes (population, superficie)',
  communeCentres: 'Centres des communes (mairies)',
  stations: 'Gares et arrêts de transport en commun',
  floodZones: 'Zones inondables',
  protectedAreas: 'Espaces naturels protégés (Natura 2000, ZNIEFF)',
  greenBlueCorridors: 'Trame verte et bleue',
  urbanZones: "Zones urbaines (document d'urbanisme)",
};

export type AreaCollection = FeatureCollection<Polygon | MultiPolygon>;
export type PointCollection = FeatureCollection<Point>;

/** What scoring reads around the sites. Optional layers absent → the criteria needing them are "non renseigné". */
export interface ContextLayers {
  /** Built in: the territory's communes (population, areaKm2). */
  communes: CommuneCollection;
  /** Built in (public/data/generated/centres.geojson), replaceable by imported town-hall points. */
  communeCentres: CommuneCentreCollection | PointCollection;
  stations?: PointCollection;
  floodZones?: AreaCollection;
  protectedAreas?: AreaCollection;
  greenBlueCorridors?: AreaCollection;
  urbanZones?: AreaCollection;
}

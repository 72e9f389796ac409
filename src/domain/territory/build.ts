import {
  area,
  booleanPointInPolygon,
  centerOfMass,
  featureCollection,
  kinks,
  pointOnFeature,
} from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import clipping from 'polygon-clipping';
import { agree } from '../../lib/plural.ts';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  CommuneFeature,
  EpciCollection,
  EpciProps,
} from './types.ts';

/** Property names under which public commune datasets carry the INSEE code, most common first. */
export const INSEE_PROPERTY_CANDIDATES = [
  'code',
  'insee',
  'INSEE_COM',
  'insee_com',
  'codgeo',
  'CODGEO',
  'code_insee',
  'CODE_INSEE',
  'INSEE',
  'com_code',
] as const;

const INSEE_PATTERN = /^(\d{5}|2[AB]\d{3})$/;

/** Reference facts about one EPCI (membership and legal populations), independent of any geometry. */
export interface EpciReference {
  siren: string;
  name: string;
  members: { insee: string; name: string; population: number; postcodes?: string[] }[];
}

export type TerritoryBuildResult =
  | {
      ok: true;
      communes: CommuneCollection;
      epci: EpciCollection;
      outline: FeatureCollection<Polygon | MultiPolygon, { name: string }>;
      centres: CommuneCentreCollection;
      inseeProperty: string;
    }
  | { ok: false; errors: string[] };

/**
 * Finds the property holding the INSEE code: the first candidate whose values look like INSEE codes
 * on (almost) every feature. Case-insensitive fallback for exports that upper- or lower-case names.
 */
export function detectInseeProperty(features: Feature[]): string | null {
  if (features.length === 0) return null;
  const keys = new Set<string>();
  for (const f of features.slice(0, 50)) for (const k of Object.keys(f.properties ?? {})) keys.add(k);
  const ordered: string[] = [];
  for (const candidate of INSEE_PROPERTY_CANDIDATES) {
    for (const key of keys)
      if (key.toLowerCase() === candidate.toLowerCase() && !ordered.includes(key)) ordered.push(key);
  }
  for (const key of ordered) {
    const matching = features.filter((f) =>
      INSEE_PATTERN.test(String(f.properties?.[key] ?? '').trim()),
    ).length;
    if (matching >= features.length * 0.95) return key;
  }
  return null;
}

function ringProblem(ring: Position[]): string | null {
  if (ring.length < 4) return 'anneau de moins de 4 sommets';
  for (const p of ring) {
    if (p.length < 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return 'coordonnée non numérique';
    if (Math.abs(p[0]!) > 180 || Math.abs(p[1]!) > 90)
      return 'coordonnée hors WGS84 (longitude/latitude attendues)';
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return 'anneau non fermé';
  return null;
}

/** Why a commune contour cannot be used, or null when it is a valid WGS84 (multi)polygon. */
export function geometryProblem(geometry: Geometry | null | undefined): string | null {
  if (!geometry) return 'géométrie absente';
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')
    return `type ${geometry.type} au lieu d'un polygone`;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length === 0) return 'polygone vide';
  for (const polygon of polygons) {
    if (polygon.length === 0) return 'polygone vide';
    for (const ring of polygon) {
      const problem = ringProblem(ring);
      if (problem) return problem;
    }
  }
  const selfIntersections = kinks({ type: 'Feature', properties: {}, geometry }).features.length;
  if (selfIntersections > 0)
    return `contour auto-intersecté (${selfIntersections} ${agree(selfIntersections, 'croisement', 'croisements')})`;
  return null;
}

/** Drops interior rings smaller than `minAreaM2`: slivers between simplified neighbouring contours. */
function dropSliverHoles(geometry: Polygon | MultiPolygon, minAreaM2: number): Polygon | MultiPolygon {
  const clean = (rings: Position[][]): Position[][] => [
    rings[0]!,
    ...rings.slice(1).filter((hole) => area({ type: 'Polygon', coordinates: [hole] }) >= minAreaM2),
  ];
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: clean(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(clean) };
}

function unionAll(features: Feature<Polygon | MultiPolygon>[]): Polygon | MultiPolygon {
  if (features.length === 1) return features[0]!.geometry;
  // polygon-clipping, the project's one clipping library (bench:friches: faster than turf's own union).
  const parts = features.map((f) =>
    f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates,
  ) as clipping.MultiPolygon[];
  const merged = clipping.union(parts[0]!, ...parts.slice(1));
  if (merged.length === 0) throw new Error('union vide');
  const geometry: Polygon | MultiPolygon =
    merged.length === 1
      ? { type: 'Polygon', coordinates: merged[0]! }
      : { type: 'MultiPolygon', coordinates: merged };
  return dropSliverHoles(geometry, 20_000);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Selects the member communes of the configured EPCI from any commune contour collection, attaches
 * reference attributes and derives EPCI and territory outlines. Every problem is reported, not only the first.
 */
export function buildTerritory(
  source: FeatureCollection,
  epciRefs: EpciReference[],
  territoryName: string,
): TerritoryBuildResult {
  if (source?.type !== 'FeatureCollection' || !Array.isArray(source.features)) {
    return { ok: false, errors: ["La source des contours n'est pas une FeatureCollection GeoJSON."] };
  }
  const inseeProperty = detectInseeProperty(source.features);
  if (!inseeProperty) {
    return {
      ok: false,
      errors: [
        `Aucune propriété de code INSEE reconnue dans la source (attendu l'une de : ${INSEE_PROPERTY_CANDIDATES.join(', ')}).`,
      ],
    };
  }
  const wanted = new Map<
    string,
    { epci: EpciReference; name: string; population: number; postcodes?: string[] }
  >();
  for (const epci of epciRefs) for (const m of epci.members) wanted.set(m.insee, { epci, ...m });

  const errors: string[] = [];
  const found = new Map<string, Feature>();
  for (const feature of source.features) {
    const code = String(feature.properties?.[inseeProperty] ?? '').trim();
    if (!wanted.has(code)) continue;
    if (found.has(code)) {
      errors.push(`Code INSEE en double dans la source : ${code} (${wanted.get(code)!.name}).`);
      continue;
    }
    found.set(code, feature);
  }
  for (const [code, ref] of wanted) {
    if (!found.has(code))
      errors.push(`Commune absente de la source : ${ref.name} (${code}, ${ref.epci.name}).`);
  }
  const communes: CommuneFeature[] = [];
  for (const [code, feature] of found) {
    const ref = wanted.get(code)!;
    const problem = geometryProblem(feature.geometry);
    if (problem) {
      errors.push(`Géométrie invalide pour ${ref.name} (${code}) : ${problem}.`);
      continue;
    }
    const geometry = feature.geometry as Polygon | MultiPolygon;
    communes.push({
      type: 'Feature',
      id: Number.parseInt(code.replace(/\D/g, ''), 10),
      geometry,
      properties: {
        insee: code,
        name: ref.name,
        epciSiren: ref.epci.siren,
        epciName: ref.epci.name,
        population: ref.population,
        areaKm2: round(area(feature) / 1e6, 2),
        postcodes: ref.postcodes ?? [],
      },
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  communes.sort((a, b) => a.properties.insee.localeCompare(b.properties.insee));
  const epciFeatures = epciRefs.map((epci) => {
    const members = communes.filter((c) => c.properties.epciSiren === epci.siren);
    const props: EpciProps = {
      siren: epci.siren,
      name: epci.name,
      communes: members.length,
      population: members.reduce((sum, c) => sum + c.properties.population, 0),
    };
    return { type: 'Feature' as const, properties: props, geometry: unionAll(members) };
  });
  const outline = unionAll(epciFeatures);
  const centres: CommuneCentreCollection = featureCollection(
    communes.map((c) => {
      // Centre of mass reads best as a label anchor; concave communes fall back to a point surely inside.
      const mass = centerOfMass(c);
      const point = booleanPointInPolygon(mass, c) ? mass.geometry : pointOnFeature(c).geometry;
      return {
        type: 'Feature' as const,
        properties: {
          insee: c.properties.insee,
          name: c.properties.name,
          population: c.properties.population,
        },
        geometry: {
          type: 'Point' as const,
          coordinates: [round(point.coordinates[0]!, 5), round(point.coordinates[1]!, 5)],
        },
      };
    }),
  );
  return {
    ok: true,
    inseeProperty,
    communes: featureCollection(communes),
    epci: featureCollection(epciFeatures),
    outline: featureCollection([{ type: 'Feature', properties: { name: territoryName }, geometry: outline }]),
    centres,
  };
}

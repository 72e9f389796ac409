/**
 * Sample brownfield inventory ("Données d'exemple"): ~40 FICTIONAL candidate sites placed in the real
 * communes of the territory (proportionally to population), with small perimeters and CNIG attributes
 * drawn from plausible distributions, written as a CNIG CSV. Optional fictional context layers (stations,
 * flood zones) carry `exemple: "exemple fictif"` on every feature and must never be shown as real.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Feature, Point, Polygon } from 'geojson';
import { toCnigCsv } from '../../src/domain/friches/cnigWrite.ts';
import { brownfieldFromRecord } from '../../src/domain/friches/mapping.ts';
import type { AreaCollection, Brownfield, PointCollection } from '../../src/domain/friches/types.ts';
import { placeByPopulation } from '../../src/domain/sample/placement.ts';
import type { CommuneCentreCollection, CommuneCollection } from '../../src/domain/territory/types.ts';
import { createRandom, type Random } from '../../src/lib/random.ts';
import { GENERATED_DIR } from '../lib/paths.ts';

export const FRICHES_SAMPLE = {
  seed: 62_200,
  count: 40,
  csv: 'sample-friches.csv',
  meta: 'sample-friches.meta.json',
  stations: 'sample-context-stations.geojson',
  flood: 'sample-context-flood.geojson',
} as const;

export const FICTIONAL = 'exemple fictif';

type Weighted<T> = readonly (readonly [T, number])[];

/** Former activity → CNIG site type; names are generic and marked "(exemple)". */
const ACTIVITIES: readonly [string, string][] = [
  ['Ancienne conserverie', 'friche agro-industrielle'],
  ['Ancienne usine de salaisons', 'friche agro-industrielle'],
  ['Ancienne scierie', 'friche industrielle'],
  ['Ancienne briqueterie', 'friche industrielle'],
  ['Ancien atelier de mécanique', 'friche industrielle'],
  ['Ancien entrepôt frigorifique', 'friche logistique'],
  ['Ancien dépôt de bus', 'friche logistique'],
  ['Ancien supermarché', 'friche commerciale'],
  ['Ancienne station-service', 'friche commerciale'],
  ['Ancienne école', 'friche enseignement'],
  ['Ancienne caserne', 'friche militaire'],
  ['Ancienne halle ferroviaire', 'friche ferroviaire'],
  ['Ancien hôtel', 'friche loisir tourisme hôtellerie'],
  ['Ancien centre de soins', 'friche hospitalière'],
  ['Anciens logements', "friche d'habitat"],
  ['Ancienne carrière', 'friche carrière ou mine'],
];

const STATUS: Weighted<string> = [
  ['friche potentielle', 35],
  ['friche sans projet', 35],
  ['friche avec projet', 18],
  ['friche reconvertie', 5],
  ['inconnu', 7],
];
const POLLUTION: Weighted<string> = [
  ['pollution inexistante', 10],
  ['pollution peu probable', 15],
  ['pollution supposée', 25],
  ['pollution avérée', 15],
  ['pollution traitée', 8],
  ['inconnu', 27],
];
const ZONE: Weighted<string> = [
  ['U', 55],
  ['AUc', 8],
  ['AUs', 4],
  ['A', 10],
  ['N', 13],
  ['inconnu', 10],
];
const CONDITION: Weighted<string> = [
  ['dégradation inexistante ou faible', 15],
  ['dégradation moyenne', 25],
  ['dégradation très importante', 20],
  ['dégradation hétérogène', 10],
  ['inconnu', 30],
];
const VACANCY: Weighted<string> = [
  ['vacant', 50],
  ['partiellement occupé', 15],
  ['occupé', 5],
  ['inconnu', 30],
];
const HERITAGE: Weighted<string> = [
  ['aucun', 55],
  ["présence d'un bâtiment d'intérêt", 10],
  ["présence d'un bâtiment classé", 3],
  ['inconnu', 32],
];
/** Fichiers fonciers owner codes with the matching person type; X1a = natural person (anonymised). */
const OWNERS: Weighted<readonly [string, string, string]> = [
  [['P5a', 'personne morale', 'Commune (exemple)'], 14],
  [['P4a', 'personne morale', 'Intercommunalité (exemple)'], 6],
  [['F2a', 'personne morale', 'Établissement public foncier (exemple)'], 10],
  [['F1a', 'personne morale', 'Bailleur social (exemple)'], 6],
  [['Z1a', 'personne morale', 'Société (exemple)'], 30],
  [['X1a', 'personne physique', '_X_'], 24],
  [['', '', ''], 10],
];

const M_PER_DEG = (6371008.8 * Math.PI) / 180;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A rotated rectangle of `areaM2` centred on (lon, lat). */
function perimeter(lon: number, lat: number, areaM2: number, random: Random): Polygon {
  const aspect = 1 + random.next() * 1.5;
  const w = Math.sqrt(areaM2 * aspect);
  const h = areaM2 / w;
  const angle = random.next() * Math.PI;
  const kx = 1 / (M_PER_DEG * Math.cos((lat * Math.PI) / 180));
  const corners = [
    [-w / 2, -h / 2],
    [w / 2, -h / 2],
    [w / 2, h / 2],
    [-w / 2, h / 2],
  ].map(([x, y]) => {
    const rx = x! * Math.cos(angle) - y! * Math.sin(angle);
    const ry = x! * Math.sin(angle) + y! * Math.cos(angle);
    return [round6(lon + rx * kx), round6(lat + ry / M_PER_DEG)];
  });
  return { type: 'Polygon', coordinates: [[...corners, corners[0]!]] };
}

function isoDate(random: Random, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(random.next() * (end - start))).toISOString().slice(0, 10);
}

export interface FrichesSample {
  sites: Brownfield[];
  stations: PointCollection;
  floodZones: AreaCollection;
}

export function generateFrichesSample(
  communes: CommuneCollection,
  centres: CommuneCentreCollection,
  options: { seed: number; count: number },
): FrichesSample {
  const random = createRandom(options.seed);
  const names = new Map(communes.features.map((f) => [f.properties.insee, f.properties.name]));
  const placed = placeByPopulation(communes, centres, options.count, random);
  const perCommune = new Map<string, number>();
  const sites = placed.map((p) => {
    const n = (perCommune.get(p.insee) ?? 0) + 1;
    perCommune.set(p.insee, n);
    const [activity, siteType] = random.pick(ACTIVITIES);
    // Log-uniform between 0.15 ha and 6 ha: many small sites, a few large ones.
    const areaM2 = Math.round(Math.exp(Math.log(1_500) + random.next() * Math.log(40)));
    const surface = random.next() < 0.75 ? perimeter(p.lon, p.lat, areaM2, random) : null;
    const [ownerType, ownerPerson, ownerName] = random.weighted(OWNERS);
    const identified = isoDate(random, 2019, 2024);
    const record: Record<string, string> = {
      site_id: `${p.insee}_EX${String(n).padStart(3, '0')}`,
      site_nom: `${activity} (exemple)`,
      site_type: siteType,
      site_identif_date: identified,
      site_actu_date: isoDate(random, Number(identified.slice(0, 4)) + 1, 2025),
      site_statut: random.weighted(STATUS),
      comm_nom: (names.get(p.insee) ?? '').toUpperCase(),
      comm_insee: p.insee,
      bati_etat: random.weighted(CONDITION),
      bati_vacance: random.weighted(VACANCY),
      bati_patrimoine: random.weighted(HERITAGE),
      sol_pollution_existe: random.weighted(POLLUTION),
      unite_fonciere_surface: String(Math.round(areaM2 * (0.9 + random.next() * 0.3))),
      urba_zone_type: random.weighted(ZONE),
      urba_zaer: random.pick(['non', 'non', 'inconnu']),
      source_nom: "Données d'exemple",
      source_producteur: `Atlas COTRI — ${FICTIONAL}`,
    };
    if (ownerType) {
      record.proprio_type = ownerType;
      record.proprio_personne = ownerPerson;
      record.proprio_nom = ownerName;
    }
    const point: Point = { type: 'Point', coordinates: [p.lon, p.lat] };
    return brownfieldFromRecord(record, point, surface, { territoryInsee: p.insee });
  });

  // Fictional stations near the centres of the most populated communes (never real station positions).
  const biggest = [...centres.features].sort((a, b) => b.properties.population - a.properties.population);
  const stations: PointCollection = {
    type: 'FeatureCollection',
    features: biggest.slice(0, 8).map((c, i): Feature<Point> => {
      const [lon, lat] = c.geometry.coordinates as [number, number];
      const bearing = random.next() * 2 * Math.PI;
      const d = 200 + random.next() * 800;
      return {
        type: 'Feature',
        properties: { nom: `Gare fictive ${i + 1}`, exemple: FICTIONAL },
        geometry: {
          type: 'Point',
          coordinates: [
            round6(lon + (d * Math.sin(bearing)) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180))),
            round6(lat + (d * Math.cos(bearing)) / M_PER_DEG),
          ],
        },
      };
    }),
  };
  // Fictional flood zones: long thin strips crossing a few sample sites, so that the criterion bites.
  const floodZones: AreaCollection = {
    type: 'FeatureCollection',
    features: sites
      .filter((_, i) => i % 6 === 0)
      .map((site, i): Feature<Polygon> => {
        const [lon, siteLat] = site.point.coordinates as [number, number];
        // Shifted up to ±150 m across the strip: some sites are fully, others partly flooded.
        const lat = siteLat + ((random.next() - 0.5) * 300) / M_PER_DEG;
        return {
          type: 'Feature',
          properties: { nom: `Zone inondable fictive ${i + 1}`, exemple: FICTIONAL },
          geometry: perimeter(lon, lat, 3_000 * 250, random),
        };
      }),
  };
  return { sites, stations, floodZones };
}

export async function writeFrichesSample(
  options: { log?: (m: string) => void; outDir?: string } = {},
): Promise<{ count: number; path: string }> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const outDir = options.outDir ?? GENERATED_DIR;
  const read = (name: string) => {
    const path = resolve(GENERATED_DIR, name);
    if (!existsSync(path))
      throw new Error('Territoire absent : impossible de générer les friches d’exemple.');
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  };
  const communes = read('communes.geojson') as CommuneCollection;
  const centres = read('centres.geojson') as CommuneCentreCollection;
  const sample = generateFrichesSample(communes, centres, FRICHES_SAMPLE);
  const files: [string, string][] = [
    [FRICHES_SAMPLE.csv, toCnigCsv(sample.sites).csv],
    [
      FRICHES_SAMPLE.meta,
      `${JSON.stringify(
        {
          seed: FRICHES_SAMPLE.seed,
          count: sample.sites.length,
          label: "Données d'exemple",
          context: { stations: FRICHES_SAMPLE.stations, floodZones: FRICHES_SAMPLE.flood, label: FICTIONAL },
        },
        null,
        2,
      )}\n`,
    ],
    [FRICHES_SAMPLE.stations, `${JSON.stringify(sample.stations)}\n`],
    [FRICHES_SAMPLE.flood, `${JSON.stringify(sample.floodZones)}\n`],
  ];
  await mkdir(outDir, { recursive: true });
  let changed = false;
  for (const [name, text] of files) {
    const path = resolve(outDir, name);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    await writeFile(path, text);
    changed = true;
  }
  if (changed) log(`Friches d'exemple : ${sample.sites.length} sites fictifs → ${FRICHES_SAMPLE.csv}`);
  return { count: sample.sites.length, path: resolve(outDir, FRICHES_SAMPLE.csv) };
}

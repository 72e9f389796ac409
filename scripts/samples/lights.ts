/**
 * Sample street-lighting inventory ("Données d'exemple"): ~0.16 light points per inhabitant placed around
 * each commune's centre, a technology mix that depends on how urban the commune is (mercury "ballons fluo"
 * linger in rural communes), and renovations: most before the contract (the LED already in place, dated
 * 2015–2024, which do not count toward the contract) and a first year of contract works (~3 % of the
 * points, about 40 % of the 2,000 target). Giving all 15 % renovated points first-year dates would fill
 * every contract gauge on day one and leave nothing to watch move. Written in the import format (`;`,
 * decimal commas, Lambert-93 X/Y, dd/mm/yyyy), so loading the sample exercises the real import path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_LIGHTING_SETTINGS, effectiveHours } from '../../src/domain/lights/energy.ts';
import { lightsToCsv } from '../../src/domain/lights/exportWorkOrder.ts';
import type { DimmingRegime, LightPoint, Renovation, Technology } from '../../src/domain/lights/types.ts';
import { type PlacedPoint, placeByPopulation } from '../../src/domain/sample/placement.ts';
import type {
  CommuneCentreCollection,
  CommuneCollection,
  TerritoryConfig,
} from '../../src/domain/territory/types.ts';
import { buildCommuneIndex } from '../../src/geo/communeIndex.ts';
import { fromWgs84, toWgs84 } from '../../src/io/crs/project.ts';
import { createRandom, type Random } from '../../src/lib/random.ts';
import { GENERATED_DIR, TERRITORY_CONFIG } from '../lib/paths.ts';

export const LIGHTS_SAMPLE = {
  seed: 20_250_104,
  pointsPerInhabitant: 0.16,
  /** Share of all points renovated, before or during the contract. */
  renovatedShare: 0.15,
  /** Share of all points renovated during the contract's first year (included in renovatedShare). */
  contractYearShare: 0.03,
  /** Share of the points left to renovate that are already scheduled. */
  scheduledShare: 0.05,
  csv: 'sample-lights.csv',
  meta: 'sample-lights.meta.json',
  label: "Données d'exemple",
} as const;

export interface LightsSampleOptions {
  seed: number;
  count: number;
  /** Contract start (yyyy-mm-dd): first-year works are dated in the 365 days from it. */
  contractStart: string;
}

type Weighted<T> = readonly (readonly [T, number])[];
type Tier = 'urban' | 'periurban' | 'rural';

/** Inhabitants per km²: Boulogne and its coastal neighbours are urban, the Boulonnais hinterland rural. */
export function tierOf(population: number, areaKm2: number): Tier {
  const density = population / Math.max(areaKm2, 0.01);
  return density >= 800 ? 'urban' : density >= 150 ? 'periurban' : 'rural';
}

const MIX: Record<Tier, Weighted<Technology>> = {
  urban: [
    ['sodiumHighPressure', 68],
    ['metalHalide', 15],
    ['mercury', 6],
    ['compactFluorescent', 7],
    ['other', 4],
  ],
  periurban: [
    ['sodiumHighPressure', 62],
    ['metalHalide', 9],
    ['mercury', 17],
    ['compactFluorescent', 8],
    ['other', 4],
  ],
  rural: [
    ['sodiumHighPressure', 50],
    ['metalHalide', 4],
    ['mercury', 31],
    ['compactFluorescent', 10],
    ['other', 5],
  ],
};

const POWERS: Record<Technology, Weighted<number>> = {
  sodiumHighPressure: [
    [70, 30],
    [100, 35],
    [150, 27],
    [250, 8],
  ],
  mercury: [
    [125, 62],
    [250, 38],
  ],
  metalHalide: [
    [70, 35],
    [100, 30],
    [150, 30],
    [250, 5],
  ],
  compactFluorescent: [
    [26, 20],
    [32, 25],
    [42, 30],
    [57, 25],
  ],
  led: [
    [30, 50],
    [45, 50],
  ],
  // Families the sample's technology mix does not draw (kept out of it so the seeded sample is unchanged).
  sodiumLowPressure: [[90, 100]],
  fluorescentTube: [[58, 100]],
  halogen: [[100, 100]],
  other: [
    [60, 30],
    [100, 40],
    [150, 30],
  ],
};

const INSTALL_YEARS: Record<Technology, [number, number]> = {
  sodiumHighPressure: [1985, 2012],
  mercury: [1965, 1995],
  metalHalide: [1995, 2014],
  compactFluorescent: [1995, 2010],
  led: [2015, 2024],
  sodiumLowPressure: [1970, 1995],
  fluorescentTube: [1975, 2005],
  halogen: [1970, 2000],
  other: [1970, 2010],
};

const STREETS = [
  'rue de la Mairie',
  "rue de l'Église",
  'rue Principale',
  'route de Desvres',
  'rue du Moulin',
  'chemin des Prés',
  'place du Marché',
  'avenue de la Gare',
  'rue Jean Jaurès',
  'rue Victor Hugo',
  'rue Pasteur',
  'impasse des Tilleuls',
  'allée des Hortensias',
  'rue du Général de Gaulle',
  'rue des Écoles',
  'rue de la Liane',
  'route de Boulogne',
  'rue du Bois',
] as const;

type ClassWanted = 'factor4' | 'factor2' | 'belowTarget';

/** Ratio of energies aimed at for each class; the integer wattage drawn makes the result vary around it. */
const RATIO: Record<ClassWanted, [number, number]> = {
  factor4: [4.2, 6.2],
  factor2: [2.15, 3.7],
  belowTarget: [1.35, 1.85],
};

function drawRegime(random: Random): DimmingRegime {
  return random.weighted<() => DimmingRegime>([
    [() => ({ kind: 'none' }), 30],
    [() => ({ kind: 'dimming', hours: random.int(4, 7), level: random.pick([0.5, 0.5, 0.4, 0.6]) }), 45],
    [() => ({ kind: 'nightSwitchOff', hours: random.int(4, 6) }), 15],
    [
      () => ({ kind: 'dimmingAndSwitchOff', dimmingHours: 2, level: 0.5, switchOffHours: random.int(4, 5) }),
      10,
    ],
  ])();
}

const isoDay = (startIso: string, offsetDays: number) =>
  new Date(Date.parse(`${startIso}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);

function drawWorks(
  point: LightPoint,
  wanted: ClassWanted,
  date: string | undefined,
  random: Random,
): Renovation {
  const regime = drawRegime(random);
  const hours = DEFAULT_LIGHTING_SETTINGS.burningHoursPerYear;
  const share = effectiveHours(regime, hours) / hours;
  const [lo, hi] = RATIO[wanted];
  const ratio = lo + random.next() * (hi - lo);
  // energy ratio = powerBefore / (powerAfter × share) → powerAfter = powerBefore / (ratio × share)
  const powerAfterW = Math.max(8, Math.round(point.powerBeforeW / (ratio * share)));
  const technologyAfter: Technology =
    wanted === 'factor4' ? 'led' : random.next() < (wanted === 'factor2' ? 0.9 : 0.6) ? 'led' : 'metalHalide';
  const colourTemperatureK =
    technologyAfter === 'led'
      ? random.weighted([
          [3000, 55],
          [2700, 30],
          [2200, 10],
          [4000, 5],
        ])
      : 3000;
  return { technologyAfter, powerAfterW, regime, colourTemperatureK, ...(date ? { date } : {}) };
}

/**
 * Efraimidis–Spirakis weighted sampling without replacement: the k largest keys u^(1/w). Deterministic for a
 * seed, and lets old mercury lamps be renovated first, as communes do.
 */
function weightedSample(weights: number[], k: number, random: Random): number[] {
  const keys = weights.map((w, i) => ({ i, key: w > 0 ? random.next() ** (1 / w) : -1 }));
  keys.sort((a, b) => b.key - a.key || a.i - b.i);
  return keys
    .slice(0, k)
    .map((x) => x.i)
    .sort((a, b) => a - b);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Placement tests "inside" before rounding to 1e-6°, and the CSV then rounds Lambert-93 to the centimetre:
 * a point drawn within a centimetre of the coast or of a commune border can come back outside the territory
 * or in the neighbouring commune. Such points are moved towards their commune centre until the import's own
 * point-in-commune lookup, applied to the coordinates as written, agrees with the commune they were drawn in.
 */
function settleInside(
  communes: CommuneCollection,
  centres: CommuneCentreCollection,
  placed: PlacedPoint[],
): PlacedPoint[] {
  const index = buildCommuneIndex(communes);
  const centreOf = new Map(centres.features.map((f) => [f.properties.insee, f.geometry.coordinates]));
  const locatedAs = (lon: number, lat: number) => {
    const [x, y] = fromWgs84('EPSG:2154', lon, lat);
    const [l, b] = toWgs84('EPSG:2154', round(x, 2), round(y, 2));
    return index.codes[index.locate(l, b)];
  };
  return placed.map((p) => {
    const centre = centreOf.get(p.insee);
    if (!centre || locatedAs(p.lon, p.lat) === p.insee) return p;
    let { lon, lat } = p;
    for (let step = 0; step < 100 && locatedAs(lon, lat) !== p.insee; step++) {
      lon = round(lon + (centre[0]! - lon) * 0.01, 6);
      lat = round(lat + (centre[1]! - lat) * 0.01, 6);
    }
    return { insee: p.insee, lon, lat };
  });
}

export function generateLights(
  communes: CommuneCollection,
  centres: CommuneCentreCollection,
  options: LightsSampleOptions,
): LightPoint[] {
  const random = createRandom(options.seed);
  const tier = new Map(
    communes.features.map((f) => [f.properties.insee, tierOf(f.properties.population, f.properties.areaKm2)]),
  );
  const placed = settleInside(communes, centres, placeByPopulation(communes, centres, options.count, random));
  const serial = new Map<string, number>();
  const points: LightPoint[] = placed.map(({ insee, lon, lat }) => {
    const n = (serial.get(insee) ?? 0) + 1;
    serial.set(insee, n);
    const technologyBefore = random.weighted(MIX[tier.get(insee) ?? 'rural']);
    const powerBeforeW = random.weighted(POWERS[technologyBefore]);
    const point: LightPoint = {
      id: `EP-${insee}-${String(n).padStart(4, '0')}`,
      insee,
      lon,
      lat,
      technologyBefore,
      powerBeforeW,
      status: 'toRenovate',
    };
    if (random.next() < 0.65) point.address = `${random.int(1, 120)} ${random.pick(STREETS)}`;
    if (random.next() < 0.6) {
      const [from, to] = INSTALL_YEARS[technologyBefore];
      point.installYear = random.int(from, to);
      // Globes and unshielded lanterns send light upwards; the arrêté of 2018 caps new luminaires at 1 %.
      point.ulrPercent =
        technologyBefore === 'mercury'
          ? random.int(15, 45)
          : technologyBefore === 'other'
            ? random.int(5, 25)
            : random.int(1, 15);
    }
    return point;
  });

  const renovatedCount = Math.round(points.length * LIGHTS_SAMPLE.renovatedShare);
  const contractCount = Math.round(points.length * LIGHTS_SAMPLE.contractYearShare);
  const weights = points.map((p) => (p.technologyBefore === 'mercury' ? 2.5 : 1));
  const renovatedIdx = weightedSample(weights, renovatedCount, random);
  const inContract = new Set(
    weightedSample(
      renovatedIdx.map(() => 1),
      contractCount,
      random,
    ).map((k) => renovatedIdx[k]!),
  );
  const contractStart = Date.parse(`${options.contractStart}T00:00:00Z`);
  const preContractDays = Math.round((contractStart - Date.parse('2015-01-01T00:00:00Z')) / 86_400_000);

  for (const i of renovatedIdx) {
    const p = points[i]!;
    const duringContract = inContract.has(i);
    // Early LED programmes reached facteur 4 less often than today's luminaires with dimming.
    const wanted = random.weighted<ClassWanted>(
      duringContract
        ? [
            ['factor4', 72],
            ['factor2', 23],
            ['belowTarget', 5],
          ]
        : [
            ['factor4', 55],
            ['factor2', 35],
            ['belowTarget', 10],
          ],
    );
    const date = duringContract
      ? isoDay(options.contractStart, random.int(0, 364))
      : isoDay('2015-01-01', random.int(0, preContractDays - 1));
    const renovation = drawWorks(p, wanted, date, random);
    p.status = 'renovated';
    p.renovation = renovation;
    if (renovation.technologyAfter === 'led') p.fluxLm = Math.round((renovation.powerAfterW ?? 0) * 130);
    if (p.ulrPercent !== undefined) p.ulrPercent = 0;
  }

  for (const p of points) {
    if (p.status !== 'toRenovate' || random.next() >= LIGHTS_SAMPLE.scheduledShare) continue;
    p.status = 'scheduled';
    p.scheduledDate = isoDay(options.contractStart, random.int(365, 729));
    if (random.next() < 0.6) {
      const { date: _planned, ...planned } = drawWorks(p, 'factor4', undefined, random);
      p.renovation = planned;
    }
  }
  return points;
}

/** The sample as a CSV in the import format (Lambert-93 X/Y, no WGS84 columns, no computed columns). */
export function lightsSampleCsv(points: readonly LightPoint[], communes: CommuneCollection): string {
  const communeName = new Map(communes.features.map((f) => [f.properties.insee, f.properties.name]));
  return lightsToCsv(points, { communeName, lambertHeaders: ['X', 'Y'] });
}

export async function writeLightsSample(
  options: { log?: (m: string) => void; outDir?: string } = {},
): Promise<{ count: number; path: string }> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const outDir = options.outDir ?? GENERATED_DIR;
  const read = <T>(name: string): T => {
    const path = resolve(GENERATED_DIR, name);
    if (!existsSync(path))
      throw new Error(`Territoire absent (${name}) : impossible de générer l'éclairage d'exemple.`);
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  };
  const communes = read<CommuneCollection>('communes.geojson');
  const centres = read<CommuneCentreCollection>('centres.geojson');
  const config = JSON.parse(readFileSync(TERRITORY_CONFIG, 'utf8')) as TerritoryConfig;
  const population = communes.features.reduce((s, f) => s + f.properties.population, 0);
  const count = Math.round(population * LIGHTS_SAMPLE.pointsPerInhabitant);
  const points = generateLights(communes, centres, {
    seed: LIGHTS_SAMPLE.seed,
    count,
    contractStart: config.contract.start,
  });
  const csv = lightsSampleCsv(points, communes);
  await mkdir(outDir, { recursive: true });
  const csvPath = resolve(outDir, LIGHTS_SAMPLE.csv);
  const metaPath = resolve(outDir, LIGHTS_SAMPLE.meta);
  // generatedAt records when this content was first produced: an unchanged file keeps its date.
  if (existsSync(csvPath) && existsSync(metaPath) && readFileSync(csvPath, 'utf8') === csv)
    return { count: points.length, path: csvPath };
  const meta = {
    seed: LIGHTS_SAMPLE.seed,
    count: points.length,
    generatedAt: new Date().toISOString(),
    label: LIGHTS_SAMPLE.label,
  };
  await writeFile(csvPath, csv);
  await writeFile(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  log(`Éclairage public d'exemple : ${points.length} points lumineux → ${LIGHTS_SAMPLE.csv}`);
  return { count: points.length, path: csvPath };
}

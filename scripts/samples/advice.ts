/**
 * Sample advice sessions ("Données d'exemple"): a plausible history from the contract start to a FIXED
 * reference date (never `new Date()`, so the file is the same on every machine), spread by population,
 * with follow-up contacts at the reminder milestones and outcomes that depend on the session's age.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ADVICE_CSV_HEADER, adviceCsvRows } from '../../src/domain/advice/csv.ts';
import { addDays, addMonths, daysBetween } from '../../src/domain/advice/dates.ts';
import { opaqueHouseholdId } from '../../src/domain/advice/privacy.ts';
import { DEFAULT_REMINDER_OFFSETS } from '../../src/domain/advice/reminders.ts';
import type {
  AdviceChannel,
  AdviceSession,
  AdviceTopic,
  DwellingType,
  FollowUp,
  FollowUpContact,
  FollowUpStatus,
  HouseholdStatus,
  WorksType,
} from '../../src/domain/advice/types.ts';
import { allocateByPopulation } from '../../src/domain/sample/placement.ts';
import type { CommuneCollection, TerritoryConfig } from '../../src/domain/territory/types.ts';
import { toCsv } from '../../src/io/csv/write.ts';
import { createRandom, type Random } from '../../src/lib/random.ts';
import { GENERATED_DIR, TERRITORY_CONFIG } from '../lib/paths.ts';

export const ADVICE_SAMPLE = {
  seed: 20_250_101,
  count: 450,
  referenceDate: '2026-10-31',
  csv: 'sample-advice.csv',
  meta: 'sample-advice.meta.json',
} as const;

export interface AdviceSampleOptions {
  seed: number;
  count: number;
  /** First possible session date (the contract start). */
  start: string;
  /** Last possible session date, and the "today" of the generated follow-ups. */
  referenceDate: string;
}

type Weighted<T> = readonly (readonly [T, number])[];

/** Outside events (8 % of sessions, drawn apart because they may fall on a Saturday). */
const CHANNELS: Weighted<AdviceChannel> = [
  ['permanence', 49],
  ['phone', 38],
  ['homeVisit', 13],
];
const HOUSEHOLDS: Weighted<HouseholdStatus> = [
  ['ownerOccupier', 72],
  ['tenant', 12],
  ['landlord', 8],
  ['coOwnership', 8],
];
const MAIN_TOPICS: Weighted<AdviceTopic> = [
  ['insulation', 40],
  ['heating', 30],
  ['windows', 12],
  ['renewables', 8],
  ['ventilation', 5],
  ['hotWater', 3],
  ['globalRenovation', 2],
];
/** Amount (€) and yearly saving (kWh) ranges per type of works, for a single dwelling. */
const WORKS_RANGES: Record<WorksType, { eur: [number, number]; kwh: [number, number] }> = {
  insulation: { eur: [6_000, 25_000], kwh: [4_000, 12_000] },
  heating: { eur: [4_000, 18_000], kwh: [3_000, 10_000] },
  windows: { eur: [3_000, 15_000], kwh: [800, 3_000] },
  ventilation: { eur: [1_000, 5_000], kwh: [300, 1_500] },
  renewables: { eur: [5_000, 20_000], kwh: [2_000, 6_000] },
  hotWater: { eur: [1_500, 4_000], kwh: [500, 2_000] },
  globalRenovation: { eur: [30_000, 70_000], kwh: [12_000, 25_000] },
  other: { eur: [1_000, 8_000], kwh: [200, 1_500] },
};
const WORKS_OF_TOPIC: Partial<Record<AdviceTopic, WorksType>> = {
  insulation: 'insulation',
  heating: 'heating',
  windows: 'windows',
  ventilation: 'ventilation',
  renewables: 'renewables',
  hotWater: 'hotWater',
  globalRenovation: 'globalRenovation',
};
/** Statuses a household goes through before reaching its final one (latest last). */
const PATHS: Record<FollowUpStatus, FollowUpStatus[]> = {
  toRemind: ['toRemind'],
  worksPlanned: ['worksPlanned'],
  worksStarted: ['worksPlanned', 'worksStarted'],
  worksDone: ['worksPlanned', 'worksStarted', 'worksDone'],
  abandoned: ['worksPlanned', 'abandoned'],
  noAnswer: ['noAnswer'],
};

/** Fixed-date public holidays (mm-dd): no permanence those days. */
const HOLIDAYS = new Set(['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25']);

/** Advisers work on weekdays; events also happen on Saturdays; the service ramps up over time. */
function dayPicker(start: string, end: string, random: Random): (saturdayOnly: boolean) => string {
  const days: string[] = [];
  const cumulative: number[] = [];
  const saturdays: string[] = [];
  const total = daysBetween(start, end);
  let sum = 0;
  for (let i = 0; i <= total; i++) {
    const day = addDays(start, i);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 6) saturdays.push(day);
    if (weekday === 0 || weekday === 6 || HOLIDAYS.has(day.slice(5))) continue;
    sum += 0.6 + (0.8 * i) / Math.max(total, 1);
    days.push(day);
    cumulative.push(sum);
  }
  return (saturday) => {
    if (saturday && saturdays.length > 0) return random.pick(saturdays);
    const r = random.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return days[lo]!;
  };
}

function finalStatus(ageMonths: number, household: HouseholdStatus, random: Random): FollowUpStatus {
  if (ageMonths < 3)
    return random.weighted<FollowUpStatus>([
      ['toRemind', 80],
      ['worksPlanned', 15],
      ['worksStarted', 5],
    ]);
  if (ageMonths < 6)
    return random.weighted<FollowUpStatus>([
      ['worksPlanned', 35],
      ['worksStarted', 25],
      ['toRemind', 20],
      ['noAnswer', 10],
      ['abandoned', 5],
      ['worksDone', 5],
    ]);
  // Tenants depend on their landlord and convert less; older sessions have had time to finish.
  const convert = household === 'tenant' ? 0.45 : household === 'landlord' ? 0.7 : 0.8;
  if (random.next() < convert)
    return random.next() < Math.min(0.85, 0.25 + ageMonths * 0.04) ? 'worksDone' : 'worksStarted';
  return random.weighted<FollowUpStatus>([
    ['abandoned', 45],
    ['noAnswer', 30],
    ['worksPlanned', 15],
    ['toRemind', 10],
  ]);
}

function contactsFor(
  date: string,
  status: FollowUpStatus,
  reference: string,
  random: Random,
): FollowUpContact[] {
  const milestones = DEFAULT_REMINDER_OFFSETS.map((m) => addMonths(date, m)).filter((d) => d <= reference);
  let k = milestones.length;
  if (status === 'worksDone' || status === 'abandoned') k = random.int(1, Math.max(1, k));
  else if (k > 0 && random.next() < 0.15) k--; // a missed call: its reminder is overdue today
  if (status !== 'toRemind') k = Math.max(k, 1);
  const path = PATHS[status];
  const contacts: FollowUpContact[] = [];
  let previous = date;
  for (let i = 0; i < k; i++) {
    // Before the first milestone, a contact is the household calling back on its own.
    const planned =
      i < milestones.length
        ? addDays(milestones[i]!, random.int(-7, 20))
        : addDays(date, random.int(7, Math.max(7, daysBetween(date, reference))));
    let contactDate = planned > reference ? reference : planned;
    if (contactDate <= previous) contactDate = addDays(previous, 1);
    if (contactDate > reference) break;
    const fromEnd = k - 1 - i;
    const statusAfter = path[path.length - 1 - fromEnd] ?? path[0]!;
    contacts.push({ date: contactDate, statusAfter });
    previous = contactDate;
  }
  return contacts;
}

function worksFor(
  topics: AdviceTopic[],
  status: FollowUpStatus,
  random: Random,
): Omit<FollowUp, 'status' | 'contacts'> {
  if (status !== 'worksPlanned' && status !== 'worksStarted' && status !== 'worksDone')
    return { worksTypes: [] };
  const fromTopics = topics.map((t) => WORKS_OF_TOPIC[t]).filter((w): w is WorksType => w !== undefined);
  const worksTypes =
    fromTopics.length > 0 ? [...new Set(fromTopics)] : [random.pick<WorksType>(['insulation', 'heating'])];
  const known = { worksPlanned: 0.4, worksStarted: 0.75, worksDone: 0.9 }[status];
  if (random.next() >= known) return { worksTypes };
  const draw = ([lo, hi]: [number, number], step: number) =>
    Math.round((lo + random.next() * (hi - lo)) / step) * step;
  const amountEur = worksTypes.reduce((sum, w) => sum + draw(WORKS_RANGES[w].eur, 50), 0);
  if (random.next() >= 0.85) return { worksTypes, amountEur };
  const estimatedGainKwh = worksTypes.reduce((sum, w) => sum + draw(WORKS_RANGES[w].kwh, 100), 0);
  return { worksTypes, amountEur, estimatedGainKwh };
}

function topicsFor(random: Random): AdviceTopic[] {
  const topics = new Set<AdviceTopic>([random.weighted(MAIN_TOPICS)]);
  if (random.next() < 0.4) topics.add(random.weighted(MAIN_TOPICS));
  if (random.next() < 0.6) topics.add('financialAid');
  if (random.next() < 0.1) topics.add('energyAudit');
  return [...topics];
}

/** Pure and deterministic for a given territory and options. */
export function generateAdviceSessions(
  communes: CommuneCollection,
  options: AdviceSampleOptions,
): AdviceSession[] {
  const random = createRandom(options.seed);
  const pickDay = dayPicker(options.start, options.referenceDate, random);
  const allocation = allocateByPopulation(communes, options.count);
  const drafts: Omit<AdviceSession, 'id'>[] = [];
  let households = 0;
  for (const commune of communes.features) {
    const { insee, population } = commune.properties;
    const urban = population > 8_000;
    const local: string[] = [];
    for (let n = allocation.get(insee) ?? 0; n > 0; n--) {
      const event = random.next() < 0.08;
      const date = pickDay(event && random.next() < 0.5);
      const channel: AdviceChannel = event ? 'event' : random.weighted(CHANNELS);
      const householdStatus = random.weighted(HOUSEHOLDS);
      const dwellingType: DwellingType =
        householdStatus === 'coOwnership' || random.next() < (urban ? 0.35 : 0.1) ? 'apartment' : 'house';
      const topics = topicsFor(random);
      const ageMonths = daysBetween(date, options.referenceDate) / 30.44;
      const status = finalStatus(ageMonths, householdStatus, random);
      const contacts = contactsFor(date, status, options.referenceDate, random);
      const reached = contacts[contacts.length - 1]?.statusAfter ?? 'toRemind';
      // A few households come back for a second session.
      const householdId =
        local.length > 0 && random.next() < 0.04
          ? random.pick(local)
          : opaqueHouseholdId([`sample:${options.seed}:${households++}`]);
      local.push(householdId);
      drafts.push({
        date,
        insee,
        channel,
        householdStatus,
        dwellingType,
        topics,
        followUp: { status: reached, contacts, ...worksFor(topics, reached, random) },
        householdId,
      });
    }
  }
  drafts.sort((a, b) => a.date.localeCompare(b.date) || a.insee.localeCompare(b.insee));
  const perYear = new Map<string, number>();
  return drafts.map((d) => {
    const year = d.date.slice(0, 4);
    const n = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, n);
    return { id: `CE-${year}-${String(n).padStart(4, '0')}`, ...d };
  });
}

export function adviceSampleCsv(sessions: readonly AdviceSession[], communes: CommuneCollection): string {
  const names = new Map(communes.features.map((f) => [f.properties.insee, f.properties.name]));
  return toCsv(
    ADVICE_CSV_HEADER,
    adviceCsvRows(sessions, (insee) => names.get(insee)),
    {
      delimiter: ';',
      bom: true,
      decimalComma: true,
    },
  );
}

/** Setup step: writes the CSV and its metadata beside the territory files (only when they change). */
export async function writeAdviceSample(
  options: { log?: (m: string) => void; outDir?: string } = {},
): Promise<{ count: number; path: string }> {
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const outDir = options.outDir ?? GENERATED_DIR;
  const communesPath = resolve(GENERATED_DIR, 'communes.geojson');
  if (!existsSync(communesPath))
    throw new Error('Territoire absent : impossible de générer les conseils d’exemple.');
  const communes = JSON.parse(readFileSync(communesPath, 'utf8')) as CommuneCollection;
  const config = JSON.parse(readFileSync(TERRITORY_CONFIG, 'utf8')) as TerritoryConfig;
  const sessions = generateAdviceSessions(communes, {
    seed: ADVICE_SAMPLE.seed,
    count: ADVICE_SAMPLE.count,
    start: config.contract.start,
    referenceDate: ADVICE_SAMPLE.referenceDate,
  });
  const csv = adviceSampleCsv(sessions, communes);
  const meta = `${JSON.stringify(
    {
      seed: ADVICE_SAMPLE.seed,
      count: sessions.length,
      referenceDate: ADVICE_SAMPLE.referenceDate,
      label: "Données d'exemple",
    },
    null,
    2,
  )}\n`;
  await mkdir(outDir, { recursive: true });
  const csvPath = resolve(outDir, ADVICE_SAMPLE.csv);
  const metaPath = resolve(outDir, ADVICE_SAMPLE.meta);
  const unchanged =
    existsSync(csvPath) &&
    existsSync(metaPath) &&
    readFileSync(csvPath, 'utf8') === csv &&
    readFileSync(metaPath, 'utf8') === meta;
  if (!unchanged) {
    await writeFile(csvPath, csv);
    await writeFile(metaPath, meta);
    log(`Conseils énergie d'exemple : ${sessions.length} conseils → ${ADVICE_SAMPLE.csv}`);
  }
  return { count: sessions.length, path: csvPath };
}

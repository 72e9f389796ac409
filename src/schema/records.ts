/**
 * Runtime schemas of the records the app persists (IndexedDB sections, project files): light points, advice
 * sessions, brownfield sites, PCAET indicators and values, context layers. Objects are "loose" (unknown keys
 * kept) so that a field added by a newer module is carried, not dropped. The compile-time checks at the end
 * tie each schema to its domain type in both directions: a validated value IS a domain record, and every
 * domain record passes the schema's shape, so type and schema cannot drift apart silently.
 */
import type { MultiPolygon, Point, Polygon } from 'geojson';
import * as v from 'valibot';
import {
  ADVICE_CHANNELS,
  ADVICE_TOPICS,
  type AdviceSession,
  DWELLING_TYPES,
  FOLLOW_UP_STATUSES,
  HOUSEHOLD_STATUSES,
  WORKS_TYPES,
} from '../domain/advice/types.ts';
import type { Brownfield } from '../domain/friches/types.ts';
import { type LightPoint, STATUSES, TECHNOLOGIES } from '../domain/lights/types.ts';
import type { PcaetIndicator, PcaetValue } from '../domain/pcaet/types.ts';
import { recordMessage } from './issues.ts';

const finite = v.pipe(v.number(), v.finite());
const text = v.string();

/* Geometry (WGS84 positions, finite numbers). */
const position = v.pipe(v.array(finite), v.minLength(2), v.maxLength(3));
const ring = v.array(position);
export const pointSchema = v.looseObject(
  { type: v.literal('Point'), coordinates: position },
  recordMessage('géométrie nulle', 'point GeoJSON attendu'),
);
export const polygonSchema = v.looseObject(
  { type: v.literal('Polygon'), coordinates: v.array(ring) },
  recordMessage('géométrie nulle', 'polygone GeoJSON attendu'),
);
export const multiPolygonSchema = v.looseObject(
  { type: v.literal('MultiPolygon'), coordinates: v.array(v.array(ring)) },
  recordMessage('géométrie nulle', 'multipolygone GeoJSON attendu'),
);
const areaSchema = v.variant('type', [polygonSchema, multiPolygonSchema]);

/* Street lights. */
const technology = v.picklist(TECHNOLOGIES);
const regime = v.variant('kind', [
  v.looseObject({ kind: v.literal('none') }),
  v.looseObject({ kind: v.literal('dimming'), hours: finite, level: finite }),
  v.looseObject({ kind: v.literal('nightSwitchOff'), hours: finite }),
  v.looseObject({
    kind: v.literal('dimmingAndSwitchOff'),
    dimmingHours: finite,
    level: finite,
    switchOffHours: finite,
  }),
]);
const renovation = v.looseObject(
  {
    technologyAfter: technology,
    powerAfterW: v.nullable(finite),
    regime,
    colourTemperatureK: v.optional(finite),
    consumedPowerAfterW: v.optional(finite),
    date: v.optional(text),
  },
  recordMessage('rénovation nulle', 'rénovation attendue (objet)'),
);
export const lightPointSchema = v.looseObject(
  {
    id: text,
    origin: v.optional(v.picklist(['sample', 'file', 'user'])),
    insee: text,
    outsideTerritory: v.optional(v.literal(true)),
    generatedId: v.optional(v.literal(true)),
    lon: finite,
    lat: finite,
    address: v.optional(text),
    technologyBefore: technology,
    powerBeforeW: finite,
    regimeBefore: v.optional(regime),
    status: v.picklist(STATUSES),
    renovation: v.optional(renovation),
    scheduledDate: v.optional(text),
    fluxLm: v.optional(finite),
    ulrPercent: v.optional(finite),
    installYear: v.optional(finite),
    colourTemperatureK: v.optional(finite),
    consumedPowerW: v.optional(finite),
    ignoredValues: v.optional(v.record(v.string(), v.string())),
  },
  recordMessage('point nul', 'point lumineux attendu (objet)'),
);

/* Energy advice. */
const orUnknown = <const T extends readonly string[]>(values: T) =>
  v.picklist([...values, 'unknown'] as const);
const followUpStatus = v.picklist(FOLLOW_UP_STATUSES);
const followUp = v.looseObject(
  {
    status: followUpStatus,
    contacts: v.array(
      v.looseObject(
        { date: text, note: v.optional(text), statusAfter: followUpStatus },
        recordMessage('contact nul', 'contact attendu (objet)'),
      ),
    ),
    worksTypes: v.array(v.picklist(WORKS_TYPES)),
    amountEur: v.optional(v.number()),
    estimatedGainKwh: v.optional(v.number()),
  },
  recordMessage('suivi nul', 'suivi attendu (objet)'),
);
export const adviceSessionSchema = v.looseObject(
  {
    id: text,
    origin: v.optional(v.picklist(['sample', 'file', 'user'])),
    date: text,
    insee: text,
    channel: orUnknown(ADVICE_CHANNELS),
    householdStatus: orUnknown(HOUSEHOLD_STATUSES),
    dwellingType: orUnknown(DWELLING_TYPES),
    topics: v.array(v.picklist(ADVICE_TOPICS)),
    followUp,
    householdId: text,
    sourceRow: v.optional(v.number()),
    extra: v.optional(v.record(text, text)),
  },
  recordMessage('conseil nul', 'conseil attendu (objet)'),
);

/* Brownfields. */
const SITE_STATUSES = [
  'friche potentielle',
  'friche sans projet',
  'friche avec projet',
  'friche reconvertie',
  'inconnu',
  'autre',
  'sans objet',
] as const;
const nullableText = v.nullable(text);
export const brownfieldSchema = v.looseObject(
  {
    id: text,
    origin: v.optional(v.picklist(['sample', 'file', 'user'])),
    name: text,
    insee: nullableText,
    territoryInsee: nullableText,
    communeName: nullableText,
    status: v.nullable(v.picklist(SITE_STATUSES)),
    pollution: nullableText,
    zoneType: nullableText,
    buildingCondition: nullableText,
    buildingVacancy: nullableText,
    heritage: nullableText,
    ownerPerson: v.array(text),
    ownerType: v.array(text),
    ownerName: v.array(text),
    parcelAreaM2: v.nullable(v.number()),
    point: pointSchema,
    surface: v.nullable(areaSchema),
    record: v.record(text, text),
    raw: v.record(text, nullableText),
    row: v.number(),
    flags: v.array(
      v.looseObject(
        { field: text, value: nullableText, message: text },
        recordMessage('signalement nul', 'signalement attendu (objet)'),
      ),
    ),
  },
  recordMessage('site nul', 'site attendu (objet)'),
);

/* Context layers (GeoJSON feature collections of points or areas). */
const feature = v.looseObject(
  {
    type: v.literal('Feature'),
    geometry: v.variant('type', [pointSchema, polygonSchema, multiPolygonSchema]),
    properties: v.nullish(v.record(text, v.unknown())),
  },
  recordMessage('entité nulle', 'entité GeoJSON attendue (objet)'),
);
export const featureCollectionSchema = v.looseObject(
  { type: v.literal('FeatureCollection'), features: v.array(feature) },
  recordMessage('couche nulle', 'collection GeoJSON attendue (objet)'),
);

/* PCAET. */
export const pcaetIndicatorSchema = v.looseObject(
  {
    id: text,
    name: text,
    unit: text,
    direction: v.picklist(['up', 'down']),
    target: v.looseObject({ value: v.number(), date: text }),
    level: v.picklist(['territory', 'epci', 'commune']),
    normalisation: v.optional(v.literal('inhabitant')),
    baselineYear: v.optional(v.number()),
    description: v.optional(text),
    source: v.optional(text),
  },
  recordMessage('indicateur nul', 'indicateur attendu (objet)'),
);
export const pcaetValueSchema = v.looseObject(
  {
    indicatorId: text,
    date: text,
    type: v.picklist(['value', 'target', 'estimate']),
    value: v.number(),
    place: nullableText,
    sourceRow: v.optional(v.number()),
  },
  recordMessage('valeur nulle', 'valeur attendue (objet)'),
);

/* Compile-time ties between schemas and domain types (see the header). */
type Is<T, U extends T> = U;
/** A loose schema's type without its `[key: string]: unknown`, to compare with a domain interface. */
type Known<T> = T extends readonly (infer E)[]
  ? Known<E>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;
export type SchemaTypeChecks = [
  Is<LightPoint, v.InferOutput<typeof lightPointSchema>>,
  Is<Known<v.InferInput<typeof lightPointSchema>>, LightPoint>,
  Is<AdviceSession, v.InferOutput<typeof adviceSessionSchema>>,
  Is<Known<v.InferInput<typeof adviceSessionSchema>>, AdviceSession>,
  Is<Brownfield, v.InferOutput<typeof brownfieldSchema>>,
  Is<Known<v.InferInput<typeof brownfieldSchema>>, Brownfield>,
  Is<PcaetIndicator, v.InferOutput<typeof pcaetIndicatorSchema>>,
  Is<Known<v.InferInput<typeof pcaetIndicatorSchema>>, PcaetIndicator>,
  Is<PcaetValue, v.InferOutput<typeof pcaetValueSchema>>,
  Is<Known<v.InferInput<typeof pcaetValueSchema>>, PcaetValue>,
  Is<Point, v.InferOutput<typeof pointSchema>>,
  Is<Polygon | MultiPolygon, v.InferOutput<typeof areaSchema>>,
];

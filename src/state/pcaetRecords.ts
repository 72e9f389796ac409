/**
 * PCAET indicators and values ↔ the team server's `pcaet` records. The server keeps one record per dated
 * figure (`indicatorId`, `date`, `value`, `type` are required there): an indicator is the record of its final
 * target (`kind: 'indicator'`, its name, unit, direction and level beside it), each value is a record of its
 * own under its slot key (indicator, place, date, type — one value per slot, as in the app). Records read
 * back go through the dashboard's own cleaning rule (`cleanPcaet`), so a record the app would refuse from a
 * project file is refused here too.
 */
import type { PcaetIndicator, PcaetValue } from '../domain/pcaet/types.ts';
import { valueKey } from '../domain/pcaet/validate.ts';
import { cleanPcaet } from './dashboardSlice.ts';

export type PropertyValue = string | number | boolean | null;

/** What the mapping needs of a server record (see src/storage/syncClient.ts ServerRecord). */
export interface PcaetRecord {
  id: string;
  insee: string | null;
  properties: Readonly<Record<string, unknown>>;
}

export interface PcaetRecordBody {
  insee: string | null;
  properties: Record<string, PropertyValue>;
}

const INDICATOR_PREFIX = 'indicateur:';
const VALUE_PREFIX = 'valeur:';
/** Indicator fields that are not scalars travel as JSON text under this prefix (the API stores scalars). */
const JSON_PREFIX = 'json:';
const INSEE = /^\d[\dAB]\d{3}$/;

const scalar = (v: unknown): v is PropertyValue =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export const indicatorRecordId = (id: string) => `${INDICATOR_PREFIX}${id}`;
export const valueRecordId = (v: PcaetValue) => `${VALUE_PREFIX}${valueKey(v)}`;

function indicatorBody(indicator: PcaetIndicator): PcaetRecordBody {
  const { id, target, ...rest } = indicator;
  const properties: Record<string, PropertyValue> = {
    kind: 'indicator',
    indicatorId: id,
    type: 'target',
    date: target.date,
    value: target.value,
  };
  for (const [k, v] of Object.entries(rest)) {
    if (v === undefined) continue;
    if (scalar(v)) properties[k] = v;
    else properties[`${JSON_PREFIX}${k}`] = JSON.stringify(v);
  }
  return { insee: null, properties };
}

function valueBody(value: PcaetValue): PcaetRecordBody {
  const { sourceRow: _row, ...rest } = value;
  const properties: Record<string, PropertyValue> = { kind: 'value' };
  for (const [k, v] of Object.entries(rest)) if (scalar(v)) properties[k] = v;
  return { insee: value.place && INSEE.test(value.place) ? value.place : null, properties };
}

/** Every record the app's indicators and values are stored as, by record id. */
export function pcaetRecordBodies(
  indicators: readonly PcaetIndicator[],
  values: readonly PcaetValue[],
): Map<string, PcaetRecordBody> {
  const out = new Map<string, PcaetRecordBody>();
  for (const i of indicators) out.set(indicatorRecordId(i.id), indicatorBody(i));
  for (const v of values) out.set(valueRecordId(v), valueBody(v));
  return out;
}

function indicatorOf(p: Readonly<Record<string, unknown>>): unknown {
  const indicator: Record<string, unknown> = {
    id: p.indicatorId,
    target: { value: p.value, date: p.date },
  };
  for (const [k, v] of Object.entries(p)) {
    if (['kind', 'indicatorId', 'type', 'date', 'value'].includes(k)) continue;
    if (k.startsWith(JSON_PREFIX)) {
      try {
        indicator[k.slice(JSON_PREFIX.length)] = JSON.parse(String(v));
      } catch {
        // an unreadable field is left out; the cleaning rule below decides whether the indicator stands
      }
    } else if (v !== null) indicator[k] = v;
  }
  return indicator;
}

export interface RecordsAsPcaet {
  indicators: PcaetIndicator[];
  values: PcaetValue[];
  unreadable: { id: string; reason: string }[];
}

/** Indicators and values of server records; records the dashboard would refuse are reported, never lost. */
export function pcaetFromRecords(records: readonly PcaetRecord[]): RecordsAsPcaet {
  const indicators: unknown[] = [];
  const values: unknown[] = [];
  const idOf = new Map<unknown, string>();
  for (const r of records) {
    const p = r.properties;
    const item =
      p.kind === 'indicator'
        ? indicatorOf(p)
        : { indicatorId: p.indicatorId, date: p.date, type: p.type, value: p.value, place: p.place ?? null };
    (p.kind === 'indicator' ? indicators : values).push(item);
    idOf.set(item, r.id);
  }
  const clean = cleanPcaet(indicators, values);
  const kept = new Set<unknown>([...clean.pcaetIndicators, ...clean.pcaetValues]);
  const unreadable = [...idOf]
    .filter(([item]) => !kept.has(item))
    .map(([, id]) => ({
      id,
      reason: id.startsWith(INDICATOR_PREFIX)
        ? 'Indicateur PCAET incomplet (nom, unité, sens, niveau ou objectif final).'
        : 'Valeur PCAET sans indicateur connu, ou date, type ou nombre invalide.',
    }));
  return { indicators: clean.pcaetIndicators, values: clean.pcaetValues, unreadable };
}

export type PcaetChange =
  | { op: 'create'; id: string; body: PcaetRecordBody }
  | { op: 'patch'; id: string; body: PcaetRecordBody }
  | { op: 'delete'; id: string };

/** The record writes turning `before` into `after`: changed properties only in a patch (the server merges). */
export function pcaetChanges(
  before: ReadonlyMap<string, PcaetRecordBody>,
  after: ReadonlyMap<string, PcaetRecordBody>,
): PcaetChange[] {
  const changes: PcaetChange[] = [];
  for (const [id, body] of after) {
    const old = before.get(id);
    if (!old) {
      changes.push({ op: 'create', id, body });
      continue;
    }
    const properties: Record<string, PropertyValue> = {};
    for (const k of new Set([...Object.keys(old.properties), ...Object.keys(body.properties)]))
      if (old.properties[k] !== body.properties[k]) properties[k] = body.properties[k] ?? null;
    if (Object.keys(properties).length > 0 || old.insee !== body.insee)
      changes.push({ op: 'patch', id, body: { insee: body.insee, properties } });
  }
  for (const id of before.keys()) if (!after.has(id)) changes.push({ op: 'delete', id });
  return changes;
}

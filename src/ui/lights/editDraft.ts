/** The batch-edit form's text fields → the domain edit (pure, unit-tested). */
import {
  type DimmingRegime,
  type LightEdit,
  NO_DIMMING,
  type Technology,
  type WorksInput,
} from '../../domain/lights/index.ts';
import { parseNumberFr } from '../../io/formats/number.ts';

/** A form field read by the one French number reader ("0,2" and "0.2" are 0.2); empty or junk → NaN. */
export function parseFrNumber(text: string): number {
  return parseNumberFr(text) ?? Number.NaN;
}

export type EditAction = 'renovate' | 'schedule' | 'reset';
export type RegimeKind = DimmingRegime['kind'];

/** Local date yyyy-mm-dd (toISOString would give yesterday's date late in the evening in France). */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface Draft {
  action: EditAction;
  date: string;
  technology: Technology;
  power: string;
  regime: RegimeKind;
  dimHours: string;
  reductionPct: string;
  offHours: string;
}

export function regimeOf(d: Draft): DimmingRegime {
  const level = 1 - parseFrNumber(d.reductionPct) / 100;
  const dim = parseFrNumber(d.dimHours);
  const off = parseFrNumber(d.offHours);
  if (d.regime === 'dimming') return { kind: 'dimming', hours: dim, level };
  if (d.regime === 'nightSwitchOff') return { kind: 'nightSwitchOff', hours: off };
  if (d.regime === 'dimmingAndSwitchOff')
    return { kind: 'dimmingAndSwitchOff', dimmingHours: dim, level, switchOffHours: off };
  return NO_DIMMING;
}

/** The edit the form describes; null works when no power typed (allowed for « programmé » only). */
export function editOf(d: Draft): LightEdit {
  if (d.action === 'reset') return { kind: 'reset' };
  const works: WorksInput | undefined =
    d.power.trim() === ''
      ? undefined
      : { technologyAfter: d.technology, powerAfterW: parseFrNumber(d.power), regime: regimeOf(d) };
  if (d.action === 'schedule')
    return { kind: 'schedule', ...(d.date ? { date: d.date } : {}), ...(works ? { works } : {}) };
  return {
    kind: 'renovate',
    date: d.date,
    // An empty power reaches the domain as NaN so that it answers with its own French message.
    works: works ?? { technologyAfter: d.technology, powerAfterW: Number.NaN, regime: regimeOf(d) },
  };
}

/**
 * The planned date of a « programmé » edit when it lies before `todayIso` (a typing slip more often than a
 * plan): the form then asks for confirmation. null when there is nothing to confirm.
 */
export function pastPlannedDate(edit: LightEdit, todayIso: string): string | null {
  if (edit.kind !== 'schedule' || !edit.date) return null;
  return edit.date < todayIso ? edit.date : null;
}

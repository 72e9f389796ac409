import { regimeProblem } from './energy.ts';
import {
  type DimmingRegime,
  isTechnology,
  type LightPoint,
  NO_DIMMING,
  STATUS_LABELS,
  type Technology,
} from './types.ts';

/** Planned or realised works, as typed in the batch-edit form. */
export interface WorksInput {
  technologyAfter: Technology;
  /** 0 = the point is removed (dépose). */
  powerAfterW: number;
  regime?: DimmingRegime;
  colourTemperatureK?: number;
}

export type LightEdit =
  /** Programmé: planned date, optionally the planned works (to preview their factor). */
  | { kind: 'schedule'; date?: string; works?: WorksInput }
  /** Rénové: works done on `date`. */
  | { kind: 'renovate'; date: string; works: WorksInput }
  /** Back to « à rénover » (a mistaken entry), dropping schedule and works. */
  | { kind: 'reset' };

/** Enough to restore the points an edit replaced, by position and id. */
export interface UndoRecord {
  /** French, for the "Annuler : …" button. */
  label: string;
  previous: { index: number; point: LightPoint }[];
}

export type EditResult =
  | { ok: true; points: LightPoint[]; undo: UndoRecord; changed: number; notFound: string[] }
  | { ok: false; reason: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written yyyy-mm-dd (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** French message for invalid works, or null. */
export function worksProblem(works: WorksInput): string | null {
  if (!isTechnology(works.technologyAfter)) return 'Technologie après travaux inconnue.';
  if (!Number.isFinite(works.powerAfterW) || works.powerAfterW < 0)
    return 'La puissance après travaux doit être un nombre de watts positif (0 pour un point déposé).';
  if (works.powerAfterW > 5000) return 'La puissance après travaux dépasse 5 000 W : vérifiez la saisie.';
  if (
    works.colourTemperatureK !== undefined &&
    (!Number.isFinite(works.colourTemperatureK) ||
      works.colourTemperatureK < 1000 ||
      works.colourTemperatureK > 10000)
  )
    return 'La température de couleur doit être comprise entre 1 000 et 10 000 K.';
  return works.regime ? regimeProblem(works.regime) : null;
}

function editProblem(edit: LightEdit): string | null {
  if (edit.kind === 'reset') return null;
  if (edit.kind === 'renovate' && !edit.date) return 'Indiquez la date des travaux.';
  if (edit.date !== undefined && !isIsoDate(edit.date))
    return `Date invalide : « ${edit.date} » (format attendu AAAA-MM-JJ).`;
  return edit.works ? worksProblem(edit.works) : null;
}

function applyOne(point: LightPoint, edit: LightEdit): LightPoint {
  // Drop the fields the new status makes meaningless, keep the inventory data (arrêté 2018 fields, address…).
  const { renovation: _r, scheduledDate: _s, ...base } = point;
  if (edit.kind === 'reset') return { ...base, status: 'toRenovate' };
  const renovation = edit.works
    ? {
        technologyAfter: edit.works.technologyAfter,
        powerAfterW: edit.works.powerAfterW,
        regime: edit.works.regime ?? NO_DIMMING,
        ...(edit.works.colourTemperatureK !== undefined
          ? { colourTemperatureK: edit.works.colourTemperatureK }
          : {}),
      }
    : undefined;
  if (edit.kind === 'schedule')
    return {
      ...base,
      status: 'scheduled',
      ...(edit.date ? { scheduledDate: edit.date } : {}),
      ...(renovation ? { renovation } : {}),
    };
  return { ...base, status: 'renovated', renovation: { ...renovation!, date: edit.date } };
}

function label(edit: LightEdit, changed: number): string {
  const what = changed > 1 ? `${changed} points marqués` : `${changed} point marqué`;
  if (edit.kind === 'reset') return `${what} « ${STATUS_LABELS.toRenovate} »`;
  const status = STATUS_LABELS[edit.kind === 'schedule' ? 'scheduled' : 'renovated'];
  return `${what} « ${status} »${edit.date ? ` (${frDate(edit.date)})` : ''}`;
}

/**
 * Applies one edit to the points whose id is in `ids`. Pure: returns a new array (untouched points are
 * shared) and the record needed to undo it. Invalid input → `{ ok: false, reason }` in French, nothing changed.
 */
export function applyEdit(points: readonly LightPoint[], ids: Iterable<string>, edit: LightEdit): EditResult {
  const problem = editProblem(edit);
  if (problem) return { ok: false, reason: problem };
  const wanted = new Set(ids);
  const next = points.slice();
  const previous: UndoRecord['previous'] = [];
  const seen = new Set<string>();
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (!wanted.has(p.id)) continue;
    seen.add(p.id);
    next[i] = applyOne(p, edit);
    previous.push({ index: i, point: p });
  }
  const notFound = [...wanted].filter((id) => !seen.has(id));
  return {
    ok: true,
    points: next,
    undo: { label: label(edit, previous.length), previous },
    changed: previous.length,
    notFound,
  };
}

/**
 * Restores the points an edit replaced. Positions are tried first (the common case: nothing else happened),
 * then ids, so an undo stays right even if points were added or removed meanwhile.
 */
export function undoEdit(points: readonly LightPoint[], record: UndoRecord): LightPoint[] {
  const next = points.slice();
  let byId: Map<string, number> | undefined;
  for (const { index, point } of record.previous) {
    if (next[index]?.id === point.id) {
      next[index] = point;
      continue;
    }
    byId ??= new Map(next.map((p, i) => [p.id, i]));
    const at = byId.get(point.id);
    if (at !== undefined) next[at] = point;
  }
  return next;
}

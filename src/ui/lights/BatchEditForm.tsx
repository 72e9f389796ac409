import { type FormEvent, useMemo, useState } from 'react';
import {
  assessRenovation,
  type FactorClass,
  NO_DIMMING,
  TECHNOLOGIES,
  TECHNOLOGY_LABELS,
  type Technology,
} from '../../domain/lights/index.ts';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { type Draft, editOf, pastPlannedDate, type RegimeKind, today } from './editDraft.ts';

const REGIMES: { kind: RegimeKind; label: string }[] = [
  { kind: 'none', label: 'Allumé toute la nuit' },
  { kind: 'dimming', label: 'Abaissement de puissance' },
  { kind: 'nightSwitchOff', label: 'Extinction en milieu de nuit' },
  { kind: 'dimmingAndSwitchOff', label: 'Abaissement et extinction' },
];

const PREVIEW: { cls: FactorClass; label: string }[] = [
  { cls: 'factor4', label: 'facteur 4' },
  { cls: 'factor2', label: 'facteur 2' },
  { cls: 'belowTarget', label: 'sous l’objectif' },
  { cls: 'decommissioned', label: 'déposés' },
  { cls: 'notClassifiable', label: 'non classables' },
];

export function BatchEditForm({ selectedIndices }: { selectedIndices: Uint32Array }) {
  const points = useAppStore((s) => s.lightPoints);
  const settings = useAppStore((s) => s.lightingSettings);
  const applyEdit = useAppStore((s) => s.applyLightsEdit);
  const [d, setD] = useState<Draft>({
    action: 'renovate',
    date: today(),
    technology: 'led',
    power: '',
    regime: 'none',
    dimHours: '6',
    reductionPct: '50',
    offHours: '5',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  /** A past planned date waiting for the user's confirmation. */
  const [confirmPast, setConfirmPast] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => {
    setD({ ...d, ...patch });
    setMessage(null);
    setConfirmPast(null);
  };
  const edit = editOf(d);
  const works = edit.kind === 'reset' ? undefined : edit.works;
  const worksKey = JSON.stringify(works ?? null);

  // What the selection would become: the factor class depends on each point's power before works.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `works` is rebuilt each render; its JSON is the key.
  const preview = useMemo(() => {
    if (!works || !Number.isFinite(works.powerAfterW)) return null;
    const counts = new Map<FactorClass, number>();
    for (const i of selectedIndices) {
      const p = points[i]!;
      const renovation = { ...works, regime: works.regime ?? NO_DIMMING };
      const cls = assessRenovation({ ...p, renovation }, settings).factorClass ?? 'notClassifiable';
      counts.set(cls, (counts.get(cls) ?? 0) + 1);
    }
    return counts;
  }, [worksKey, selectedIndices, points, settings]);

  const apply = () => {
    setConfirmPast(null);
    const outcome = applyEdit(edit);
    if (!outcome.ok) setMessage({ ok: false, text: outcome.reason });
    else {
      const last = useAppStore.getState().lightsUndo.at(-1);
      setMessage({
        ok: true,
        text: `${last?.label ?? `${outcome.changed} ${agree(outcome.changed, 'point modifié', 'points modifiés')}`}.`,
      });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const past = pastPlannedDate(edit, today());
    if (past && confirmPast !== past) {
      setConfirmPast(past);
      return;
    }
    apply();
  };

  const n = selectedIndices.length;
  return (
    <form className="lights-form" onSubmit={submit} aria-label="Modifier la sélection">
      <fieldset>
        <legend>Marquer la sélection comme</legend>
        {(
          [
            ['renovate', 'rénové'],
            ['schedule', 'programmé'],
            ['reset', 'à rénover (corriger une erreur)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="lights-check">
            <input
              type="radio"
              name="lights-action"
              checked={d.action === value}
              onChange={() => set({ action: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {d.action !== 'reset' ? (
        <>
          <label>
            {d.action === 'renovate' ? 'Date des travaux' : 'Date prévue'}
            <input type="date" value={d.date} onChange={(e) => set({ date: e.target.value })} />
          </label>
          <label>
            Technologie après travaux
            <select value={d.technology} onChange={(e) => set({ technology: e.target.value as Technology })}>
              {TECHNOLOGIES.map((t) => (
                <option key={t} value={t}>
                  {TECHNOLOGY_LABELS[t]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Puissance après travaux (W){d.action === 'schedule' ? ' — facultatif' : ''}
            <input
              type="text"
              inputMode="numeric"
              value={d.power}
              placeholder="ex. 30 (0 = point déposé)"
              onChange={(e) => set({ power: e.target.value })}
            />
          </label>
          <label>
            Régime de fonctionnement
            <select value={d.regime} onChange={(e) => set({ regime: e.target.value as RegimeKind })}>
              {REGIMES.map((r) => (
                <option key={r.kind} value={r.kind}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          {d.regime === 'dimming' || d.regime === 'dimmingAndSwitchOff' ? (
            <div className="lights-range">
              <label>
                Abaissement (h/nuit)
                <input
                  type="text"
                  inputMode="decimal"
                  value={d.dimHours}
                  onChange={(e) => set({ dimHours: e.target.value })}
                />
              </label>
              <label>
                Réduction (%)
                <input
                  type="text"
                  inputMode="decimal"
                  value={d.reductionPct}
                  onChange={(e) => set({ reductionPct: e.target.value })}
                />
              </label>
            </div>
          ) : null}
          {d.regime === 'nightSwitchOff' || d.regime === 'dimmingAndSwitchOff' ? (
            <label>
              Extinction (h/nuit)
              <input
                type="text"
                inputMode="decimal"
                value={d.offHours}
                onChange={(e) => set({ offHours: e.target.value })}
              />
            </label>
          ) : null}
        </>
      ) : null}
      {preview && n > 0 ? (
        <p className="lights-preview" data-testid="edit-preview">
          Classe obtenue :{' '}
          {PREVIEW.filter((c) => preview.get(c.cls))
            .map((c) => `${formatInt(preview.get(c.cls)!)} ${c.label}`)
            .join(' · ')}
        </p>
      ) : null}
      {confirmPast ? (
        <div role="alert" className="lights-problems" data-testid="past-date-confirm">
          <p>
            La date prévue, le {confirmPast.split('-').reverse().join('/')}, est déjà passée. Programmer quand
            même ?
          </p>
          <div className="lights-actions">
            <button type="button" onClick={apply}>
              Confirmer la date passée
            </button>
            <button type="button" onClick={() => setConfirmPast(null)}>
              Corriger la date
            </button>
          </div>
        </div>
      ) : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'lights-ok' : 'lights-problems'}>
          {message.text}
        </p>
      ) : null}
      <button type="submit" disabled={n === 0}>
        Appliquer à {formatInt(n)} point{n > 1 ? 's' : ''}
      </button>
    </form>
  );
}

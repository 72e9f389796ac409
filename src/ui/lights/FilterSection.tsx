import { type RefObject, useMemo, useState } from 'react';
import {
  type LightStatus,
  STATUS_LABELS,
  STATUSES,
  TECHNOLOGIES,
  TECHNOLOGY_LABELS,
  type Technology,
} from '../../domain/lights/index.ts';
import type { LightsFilterChoice } from '../../state/lightsSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { parseFrNumber } from './editDraft.ts';
import { markFilterChange } from './filterTiming.ts';
import { frameChoice } from './frame.ts';

const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

function PowerInput({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number | null;
  onCommit: (value: number | null) => void;
}) {
  const [text, setText] = useState(value === null ? '' : String(value));
  const parsed = parseFrNumber(text);
  const invalid = text.trim() !== '' && (!Number.isFinite(parsed) || parsed < 0);
  return (
    <label>
      {label}
      <input
        type="text"
        inputMode="numeric"
        value={text}
        aria-invalid={invalid}
        placeholder="—"
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const n = parseFrNumber(next);
          if (next.trim() === '') onCommit(null);
          else if (Number.isFinite(n) && n >= 0) onCommit(n);
        }}
      />
    </label>
  );
}

export function FilterSection({
  countRef,
  count,
}: {
  countRef: RefObject<HTMLElement | null>;
  count: number;
}) {
  const filter = useAppStore((s) => s.lightsFilter);
  const setFilter = useAppStore((s) => s.setLightsFilter);
  const reset = useAppStore((s) => s.resetLightsFilter);
  const territory = useAppStore((s) => s.territory);
  const [resetKey, setResetKey] = useState(0);
  const communes = useMemo(
    () =>
      (territory?.communes.features.map((f) => f.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'fr'),
      ),
    [territory],
  );
  const change = (patch: Partial<LightsFilterChoice>) => {
    markFilterChange();
    setFilter(patch);
  };

  return (
    <section className="panel" aria-labelledby="lights-filter-title">
      <h3 id="lights-filter-title">Trouver les points</h3>
      <div className="lights-form" key={resetKey}>
        <label>
          Commune
          <select
            value={filter.communes[0] ?? ''}
            onChange={(e) => {
              const insee = e.target.value;
              change({ communes: insee ? [insee] : [] });
              if (insee && territory) frameChoice(territory.communes, { insee });
            }}
          >
            <option value="">Toutes les communes</option>
            {communes.map((c) => (
              <option key={c.insee} value={c.insee}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Intercommunalité
          <select
            value={filter.epci[0] ?? ''}
            onChange={(e) => {
              const siren = e.target.value;
              change({ epci: siren ? [siren] : [] });
              if (siren && territory) frameChoice(territory.communes, { siren });
            }}
          >
            <option value="">Toutes les intercommunalités</option>
            {territory?.meta.epci.map((e) => (
              <option key={e.siren} value={e.siren}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Statut</legend>
          {STATUSES.map((s: LightStatus) => (
            <label key={s} className="lights-check">
              <input
                type="checkbox"
                checked={filter.statuses.includes(s)}
                onChange={(e) => change({ statuses: toggle(filter.statuses, s, e.target.checked) })}
              />
              {STATUS_LABELS[s]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Technologie en place</legend>
          {TECHNOLOGIES.map((t: Technology) => (
            <label key={t} className="lights-check">
              <input
                type="checkbox"
                checked={filter.technologies.includes(t)}
                onChange={(e) => change({ technologies: toggle(filter.technologies, t, e.target.checked) })}
              />
              {TECHNOLOGY_LABELS[t]}
            </label>
          ))}
        </fieldset>
        <fieldset className="lights-range">
          <legend>Puissance en place (W)</legend>
          <PowerInput label="de" value={filter.powerMinW} onCommit={(v) => change({ powerMinW: v })} />
          <PowerInput label="à" value={filter.powerMaxW} onCommit={(v) => change({ powerMaxW: v })} />
        </fieldset>
      </div>
      <p className="lights-count" aria-live="polite">
        <strong ref={countRef} data-testid="filter-count" data-count={count}>
          {formatInt(count)} point{count > 1 ? 's' : ''} correspond{count > 1 ? 'ent' : ''}
        </strong>
        <button
          type="button"
          className="link"
          onClick={() => {
            markFilterChange();
            reset();
            setResetKey(resetKey + 1);
          }}
        >
          Effacer les filtres
        </button>
      </p>
      <p className="muted lights-small">Aucune case cochée : tous les statuts ou toutes les technologies.</p>
    </section>
  );
}

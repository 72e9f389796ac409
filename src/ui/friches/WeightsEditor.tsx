import { describeRule } from '../../domain/friches/exclusions.ts';
import {
  CONTEXT_ROLE_LABELS,
  DEFAULT_PROFILE_LABEL,
  isPresetId,
  PRESETS,
  type PresetId,
} from '../../domain/friches/index.ts';
import { frichesProfile, presetWeights, WEIGHT_MAX } from '../../state/frichesSlice.ts';
import { useAppStore } from '../../state/store.ts';
import { formatWeight } from './format.ts';
import type { FrichesView } from './useFrichesAnalysis.ts';

const DEFAULT_VALUE = 'equilibre';

function sameWeights(a: ReturnType<typeof presetWeights>, b: ReturnType<typeof presetWeights>): boolean {
  const keys = new Set([...Object.keys(a.weights), ...Object.keys(b.weights)]);
  for (const k of keys) if ((a.weights[k] ?? 0) !== (b.weights[k] ?? 0)) return false;
  return [...a.inverted].sort().join() === [...b.inverted].sort().join();
}

/** Preset for the reconversion aim and one slider per criterion: every move re-ranks at once (no geometry). */
export function WeightsEditor({ view }: { view: FrichesView }) {
  const weights = useAppStore((s) => s.frichesWeights);
  const applyPreset = useAppStore((s) => s.applyFrichesPreset);
  const setWeight = useAppStore((s) => s.setFrichesWeight);
  const setInverted = useAppStore((s) => s.setFrichesInverted);
  const setExclusion = useAppStore((s) => s.setFrichesExclusion);
  const edited = !sameWeights(weights, presetWeights(weights.preset));
  const description = weights.preset
    ? PRESETS[weights.preset].description
    : 'Chaque critère garde son poids par défaut ; aucun critère n’est lu à l’envers.';
  const inverted = new Set(weights.inverted);
  const renaturation = frichesProfile(weights).values === 'renaturation';

  return (
    <div className="friches-weights" data-testid="friches-weights">
      <label htmlFor="friches-preset">
        <strong>Vocation de la reconversion</strong>
      </label>
      <select
        id="friches-preset"
        value={weights.preset ?? DEFAULT_VALUE}
        onChange={(e) => applyPreset(isPresetId(e.target.value) ? (e.target.value as PresetId) : null)}
      >
        <option value={DEFAULT_VALUE}>{DEFAULT_PROFILE_LABEL}</option>
        {Object.values(PRESETS).map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <p className="muted small">{description}</p>
      {edited ? (
        <p className="friches-edited" role="status">
          Pondérations modifiées à la main.{' '}
          <button type="button" className="link" onClick={() => applyPreset(weights.preset)}>
            Revenir aux pondérations du profil
          </button>
        </p>
      ) : null}
      <p className="hint" data-testid="friches-weight-meaning">
        Chaque critère est noté de 0 (son niveau le moins favorable) à 1 (le plus favorable) : un poids dit
        combien compte le passage de l’un à l’autre, un critère de poids 2 pesant deux fois plus qu’un critère
        de poids 1 (de 0, ignoré, à {WEIGHT_MAX}).
      </p>
      <p className="muted small">
        Un critère non renseigné compte pour la médiane du territoire ; le classement se met à jour
        immédiatement.
        {renaturation ? ' La renaturation a ses propres barèmes (détail sous chaque critère).' : ''}
      </p>
      {weights.exclusions.length > 0 ? (
        <fieldset className="friches-exclusions" data-testid="friches-exclusions">
          <legend>Conditions éliminatoires (site écarté, quel que soit son score)</legend>
          {weights.exclusions.map((rule) => {
            const info = view.matrix.criteria.find((c) => c.id === rule.criterion);
            return (
              <div key={rule.id} className="small">
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={rule.enabled}
                    onChange={(e) => setExclusion(rule.id, { enabled: e.target.checked })}
                  />{' '}
                  {describeRule(rule, info?.label ?? rule.criterion)}
                </label>
                {rule.kind === 'above' ? (
                  <label className="inline">
                    {' '}
                    seuil (%){' '}
                    <input
                      type="number"
                      min={0}
                      max={100}
                      step={5}
                      value={Math.round(rule.threshold * 100)}
                      onChange={(e) => setExclusion(rule.id, { threshold: Number(e.target.value) / 100 })}
                    />
                  </label>
                ) : null}
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <ul className="weight-list">
        {view.matrix.criteria.map((c, j) => {
          const value = weights.weights[c.id] ?? 0;
          const missing = view.matrix.missingLayers[j]!;
          const sliderId = `friches-weight-${c.id}`;
          return (
            <li key={c.id} data-criterion={c.id}>
              <div className="weight-head">
                <label htmlFor={sliderId} title={c.description}>
                  {c.label}
                  {c.unit ? <span className="muted"> ({c.unit})</span> : null}
                </label>
                <output htmlFor={sliderId}>{formatWeight(value)}</output>
              </div>
              <input
                id={sliderId}
                type="range"
                min={0}
                max={WEIGHT_MAX}
                step={0.5}
                value={value}
                aria-describedby={`${sliderId}-desc`}
                onChange={(e) => setWeight(c.id, Number(e.target.value))}
              />
              <details className="weight-desc">
                <summary>Définition et seuils</summary>
                <p id={`${sliderId}-desc`}>
                  {c.description}
                  {renaturation && c.renaturationDescription ? ` ${c.renaturationDescription}` : ''}
                </p>
              </details>
              <label className="inline small">
                <input
                  type="checkbox"
                  checked={inverted.has(c.id)}
                  onChange={(e) => setInverted(c.id, e.target.checked)}
                />{' '}
                Lire à l’envers (favoriser les valeurs défavorables à la construction)
              </label>
              {missing.length > 0 ? (
                <p className="warning small">
                  Non renseigné : couche « {missing.map((r) => CONTEXT_ROLE_LABELS[r]).join(', ')} » non
                  chargée (onglet Données).
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

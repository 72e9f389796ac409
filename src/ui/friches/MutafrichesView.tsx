import { useMemo, useState } from 'react';
import {
  compareWithMutafriches,
  MUTAFRICHES_SOURCE,
  MUTAFRICHES_USE_LABELS,
  type MutafrichesUse,
  mutafrichesUseFor,
} from '../../domain/friches/mutafriches.ts';
import { useAppStore } from '../../state/store.ts';
import { formatScore } from './format.ts';
import type { FrichesView } from './useFrichesAnalysis.ts';

const decimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const correlation = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const USES = Object.keys(MUTAFRICHES_USE_LABELS) as MutafrichesUse[];

/** Plain-French reading of a rank correlation (thresholds are the usual rule of thumb). */
function describeCorrelation(rho: number): string {
  const a = Math.abs(rho);
  const strength = a >= 0.7 ? 'fort' : a >= 0.4 ? 'modéré' : 'faible';
  if (a < 0.2) return 'les deux classements sont sans lien';
  return rho > 0 ? `accord ${strength} entre les deux classements` : `désaccord ${strength} : ordres opposés`;
}

/**
 * ADEME's Mutafriches index beside our ranking, for the use matching the current preset (changeable): the
 * planner sees at a glance where both methods agree (same third of the list) and where they part.
 */
export function MutafrichesView({ view }: { view: FrichesView }) {
  const preset = useAppStore((s) => s.frichesWeights.preset);
  const select = useAppStore((s) => s.selectFriche);
  const [chosen, setChosen] = useState<MutafrichesUse | null>(null);
  const use = chosen ?? mutafrichesUseFor(preset);
  const comparison = useMemo(
    () => compareWithMutafriches(view.matrix, view.ranking, use),
    [view.matrix, view.ranking, use],
  );
  const rows = view.rows.filter((r) => r.rank !== null);
  return (
    <div className="friches-mutafriches" data-testid="friches-mutafriches">
      <p className="muted small">
        Indice de mutabilité publié par l’ADEME (Mutafriches) : pour chaque critère connu, un impact (très
        positif +2, positif +1, neutre +0,5, négatif −1, très négatif −2) multiplié par le poids ADEME du
        critère ; indice = avantages ÷ (avantages + contraintes). Calculé ici sur les 11 critères de
        Mutafriches que l’inventaire renseigne (sur 28) ; fiabilité sur 10 comme dans Mutafriches. Source :{' '}
        {MUTAFRICHES_SOURCE}.
      </p>
      <label className="inline">
        Usage comparé{' '}
        <select
          value={use}
          data-testid="friches-mutafriches-use"
          onChange={(e) => setChosen(e.target.value as MutafrichesUse)}
        >
          {USES.map((u) => (
            <option key={u} value={u}>
              {MUTAFRICHES_USE_LABELS[u]}
            </option>
          ))}
        </select>
      </label>
      <p data-testid="friches-mutafriches-summary">
        {comparison.spearman === null
          ? 'Trop peu de sites classés pour comparer les deux classements.'
          : `Corrélation de rang (Spearman) : ${correlation.format(comparison.spearman)} — ${describeCorrelation(comparison.spearman)}.`}{' '}
        {rows.length > 0
          ? `${comparison.topOverlap} des ${Math.min(comparison.top, rows.length)} premiers de notre classement sont aussi dans les ${comparison.top} premiers selon Mutafriches.`
          : ''}
      </p>
      <table className="friches-table">
        <caption className="sr-only">Notre classement et l’indice Mutafriches, site par site</caption>
        <thead>
          <tr>
            <th scope="col">Rang</th>
            <th scope="col">Site</th>
            <th scope="col" title="Notre score pondéré, de 0 à 1">
              Score
            </th>
            <th scope="col" title="Indice de mutabilité Mutafriches, de 0 à 100 %">
              Mutafriches
            </th>
            <th scope="col" title="Rang selon l’indice Mutafriches (ex æquo : même rang)">
              Rang ADEME
            </th>
            <th scope="col" title="Fiabilité Mutafriches : poids des critères connus ÷ 30 × 10">
              Fiab. /10
            </th>
            <th scope="col" title="Accord : même tiers de la liste dans les deux classements">
              Accord
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const i = row.index;
            const agreement = comparison.agreement[i];
            return (
              <tr key={row.site.id} data-site-id={row.site.id} onClick={() => select(row.site.id)}>
                <td className="num">{row.rank}</td>
                <td className="site-name">{row.site.name}</td>
                <td className="num">{formatScore(row.score)}</td>
                <td className="num">{decimal.format(comparison.index[i]!)} %</td>
                <td className="num">{comparison.rank[i]}</td>
                <td className="num">{decimal.format(comparison.reliability[i]!)}</td>
                <td className={agreement === 'écart' ? 'low' : ''}>{agreement}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

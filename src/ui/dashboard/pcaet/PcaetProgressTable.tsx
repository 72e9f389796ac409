import { formatFrenchDate } from '../../../domain/advice/dates.ts';
import { formatNumber, formatPercent } from '../../../domain/choropleth/format.ts';
import { type PlaceProgress, shownUnit, yearsShown } from '../../../domain/pcaet/progress.ts';
import type { PcaetIndicator } from '../../../domain/pcaet/types.ts';

const decimals = (v: number) => (Number.isInteger(v) ? 0 : Math.abs(v) < 10 ? 2 : 1);
const figure = (v: number, unit: string) => `${formatNumber(v, decimals(v))} ${unit}`;
const year = (iso: string) => iso.slice(0, 4);

/**
 * « Chemin parcouru »: per place, the baseline, the latest measured value (its year), the target (the
 * place's own or the territory's) and the share of the way travelled — the figures of `pcaetProgress`, the
 * same as the map, the exports and `atlas pcaet --json`.
 */
export function PcaetProgressTable({
  indicator,
  progress,
  asOf,
}: {
  indicator: PcaetIndicator;
  progress: readonly PlaceProgress[];
  asOf: string;
}) {
  const unit = shownUnit(indicator);
  const rows = progress.filter((p) => p.latest || p.target);
  return (
    <div className="pcaet-progress" data-testid="pcaet-progress">
      <p className="small" data-testid="pcaet-year-shown">
        Année affichée : {yearsShown(progress)} (dernière valeur mesurée au {formatFrenchDate(asOf)}
        {indicator.normalisation === 'inhabitant' ? ', par habitant, population légale INSEE' : ''}) ·
        référence : {indicator.baselineYear ?? 'première valeur mesurée'}
      </p>
      {rows.length === 0 ? (
        <p className="muted small">Aucune valeur mesurée ni objectif pour l’instant.</p>
      ) : (
        <table className="dashboard-table">
          <caption className="visually-hidden">Chemin parcouru vers l’objectif</caption>
          <thead>
            <tr>
              <th scope="col">Lieu</th>
              <th scope="col">Référence</th>
              <th scope="col">Dernière valeur</th>
              <th scope="col">Objectif</th>
              <th scope="col">Chemin parcouru</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.place ?? 'territory'} data-testid="pcaet-progress-row" data-place={p.place ?? ''}>
                <th scope="row">{p.name}</th>
                <td className="num">
                  {p.baseline ? `${figure(p.baseline.value, unit)} (${year(p.baseline.date)})` : '—'}
                </td>
                <td className="num">
                  {p.latest ? `${figure(p.latest.value, unit)} (${year(p.latest.date)})` : '—'}
                </td>
                <td className="num">
                  {p.target
                    ? `${figure(p.target.value, unit)} en ${year(p.target.date)}${p.target.origin === 'territory' ? ' (territoire)' : ''}`
                    : 'sans objectif propre'}
                </td>
                <td className="num" data-testid="pcaet-share">
                  {p.shareTravelled === null ? '—' : formatPercent(p.shareTravelled)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

import { formatFrenchDate } from '../../domain/advice/dates.ts';
import { formatNumber, formatPercent } from '../../domain/choropleth/format.ts';
import {
  type ContractDashboard,
  PROGRESS_STATUS_LABELS,
  type TargetProgress,
} from '../../domain/indicators/trajectory.ts';
import type { Dataset } from '../../domain/indicators/types.ts';
import { periodLabel } from '../../domain/period.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import type { DatasetStatus } from './data.ts';

const DATASET_OF: Record<TargetProgress['id'], Dataset> = {
  advice: 'advice',
  lights: 'lights',
  brownfields: 'brownfields',
};

export function NotLoaded({ label }: { label: string }) {
  return (
    <p className="not-loaded" data-testid="not-loaded">
      Données non chargées ({label}) : aucun chiffre n’est affiché plutôt qu’un zéro trompeur.
    </p>
  );
}

function signed(n: number): string {
  const rounded = Math.round(n);
  return rounded > 0 ? `+${formatNumber(rounded)}` : formatNumber(rounded);
}

/** One contract target: bar (value / target), tick at the value expected today on the linear trajectory. */
function TargetBar({ target, elapsed }: { target: TargetProgress; elapsed: number }) {
  const expectedShare = target.target > 0 ? Math.min(1, target.expected / target.target) : 0;
  return (
    <div className="target">
      <div className="target-figures">
        <strong data-testid={`target-achieved-${target.id}`}>{formatNumber(target.achieved)}</strong> /{' '}
        {formatNumber(target.target)} {target.unit}
        <span className={`status status-${target.status}`}>{PROGRESS_STATUS_LABELS[target.status]}</span>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={target.target}
        aria-valuenow={Math.min(target.achieved, target.target)}
        aria-valuetext={`${formatNumber(target.achieved)} sur ${formatNumber(target.target)} ${target.unit} (${formatPercent(target.share)})`}
        aria-label={target.label}
      >
        <span className="bar-fill" style={{ width: `${target.share * 100}%` }} />
        <span
          className="bar-expected"
          style={{ left: `${expectedShare * 100}%` }}
          title="Attendu à cette date sur la trajectoire linéaire"
        />
      </div>
      <p className="target-detail">
        {formatPercent(target.share)} de l’objectif · attendu à ce jour :{' '}
        {formatNumber(Math.round(target.expected))} ({formatPercent(elapsed)} du contrat écoulé) · écart :{' '}
        {signed(target.gap)}
      </p>
    </div>
  );
}

export function TargetsSection({
  dashboard,
  status,
}: {
  dashboard: ContractDashboard;
  status: Record<Dataset, DatasetStatus>;
}) {
  return (
    <section aria-labelledby="targets-title" className="dashboard-section">
      <h3 id="targets-title">Objectifs du contrat</h3>
      <p className="muted small">
        Contrat du {formatFrenchDate(dashboard.period.start)} au {formatFrenchDate(dashboard.period.end)} ·
        données au {formatFrenchDate(dashboard.asOf)}. Chiffres{' '}
        <strong data-testid="targets-period">{periodLabel(dashboard.scope)}</strong>
        {dashboard.scope === 'all'
          ? ' : travaux et conseils antérieurs au contrat compris, la comparaison à la trajectoire n’est qu’indicative'
          : ''}
        . Le repère vertical marque la valeur attendue à cette date sur la trajectoire linéaire.
      </p>
      {dashboard.targets.map((t) => {
        const s = status[DATASET_OF[t.id]];
        return (
          <article key={t.id} className="target-card" data-testid={`target-${t.id}`}>
            <header>
              <h4>{t.label}</h4>
              {s.loaded ? <SourceBadge source={s.source} /> : null}
            </header>
            {s.loaded ? <TargetBar target={t} elapsed={dashboard.elapsed} /> : <NotLoaded label={s.label} />}
            {t.id === 'advice' && s.loaded ? (
              <p className="target-detail">
                Passage à l’acte :{' '}
                {dashboard.conversion.rate === null
                  ? 'aucun conseil arrivé à maturité'
                  : `${formatPercent(dashboard.conversion.rate)} (${formatNumber(dashboard.conversion.numerator)} / ${formatNumber(dashboard.conversion.denominator)} conseils mûrs${dashboard.conversion.smallSample ? ', effectif trop faible' : ''})`}{' '}
                — objectif {formatPercent(dashboard.conversion.target)} ·{' '}
                <span data-testid="conversion-scope">{dashboard.conversion.scopeNote}</span>
              </p>
            ) : null}
            {t.id === 'lights' && s.loaded ? (
              <p className="target-detail">
                Facteur 4 : {formatNumber(dashboard.lightsDetail.factor4)} /{' '}
                {formatNumber(dashboard.lightsDetail.factor4Target)} · facteur 2 :{' '}
                {formatNumber(dashboard.lightsDetail.factor2)} /{' '}
                {formatNumber(dashboard.lightsDetail.factor2Target)}
              </p>
            ) : null}
            {t.id === 'brownfields' && s.loaded && dashboard.brownfieldsAlerts.length > 0 ? (
              <ul className="warnings small" data-testid="brownfields-alerts">
                {dashboard.brownfieldsAlerts.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            ) : null}
            {t.id === 'brownfields' && s.loaded && dashboard.brownfieldsProposed > 0 ? (
              <p className="target-detail">
                Aucune friche retenue : {formatNumber(dashboard.brownfieldsProposed)} proposées
                automatiquement (meilleurs scores), non comptées tant qu’elles ne sont pas validées.
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

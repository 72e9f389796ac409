import { memo } from 'react';
import type { Gauge, GroupCounts } from '../../domain/lights/index.ts';
import { periodDescription, periodLabel } from '../../domain/period.ts';
import { agree } from '../../lib/plural.ts';
import { lightsShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { formatDecimal, formatInt } from '../format.ts';
import { SourceBadge } from '../SourceBadge.tsx';
import { useLightsProgress } from './derived.ts';

function GaugeBar({ label, gauge, testId }: { label: string; gauge: Gauge; testId: string }) {
  const percent = Math.round(gauge.share * 1000) / 10;
  return (
    <div className="lights-gauge">
      <div className="lights-gauge__label">
        <span>{label}</span>
        <strong data-testid={testId} data-value={gauge.counted}>
          {formatInt(gauge.counted)} / {formatInt(gauge.target)}
        </strong>
      </div>
      <div
        className="lights-gauge__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={gauge.target}
        aria-valuenow={gauge.counted}
        aria-valuetext={`${formatInt(gauge.counted)} sur ${formatInt(gauge.target)} (${formatDecimal(percent)} %)`}
      >
        <span style={{ width: `${Math.min(100, percent)}%` }} />
      </div>
    </div>
  );
}

/** Counts of one commune or EPCI, shown when the filter narrows to it. */
export function GroupSummary({ name, counts }: { name: string; counts: GroupCounts | undefined }) {
  const c = counts;
  return (
    <div className="lights-group" data-testid="group-summary">
      <strong>{name}</strong>
      {c ? (
        <dl className="facts">
          <dt>Points lumineux</dt>
          <dd data-testid="group-points">{formatInt(c.points)}</dd>
          <dt>À rénover</dt>
          <dd data-testid="group-to-renovate">{formatInt(c.toRenovate)}</dd>
          <dt>Programmés</dt>
          <dd>{formatInt(c.scheduled)}</dd>
          <dt>Rénovés</dt>
          <dd data-testid="group-renovated">{formatInt(c.renovated)}</dd>
          <dt>dont facteur 4 ({periodLabel('all')})</dt>
          <dd data-testid="group-factor4">{formatInt(c.factor4)}</dd>
          <dt>dont facteur 2 ({periodLabel('all')})</dt>
          <dd data-testid="group-factor2">{formatInt(c.factor2)}</dd>
        </dl>
      ) : (
        <p className="muted">Aucun point lumineux.</p>
      )}
    </div>
  );
}

/** Memoised: the panel re-renders on every filter change, this section depends on none of it. */
export const ProgressSection = memo(function ProgressSection() {
  const progress = useLightsProgress();
  const source = useAppStore(lightsShownSource);
  if (!progress) return null;
  const c = progress.contract;
  return (
    <section className="panel" aria-labelledby="lights-progress-title">
      <h3 id="lights-progress-title">
        Objectifs du contrat <SourceBadge source={source} />
      </h3>
      <p className="muted lights-small" data-testid="gauges-period">
        Points comptés : travaux datés {periodDescription('contract', c.period)}. Les points au facteur 4
        au-delà de {formatInt(c.gauges.factor4.target)} comptent aussi pour le facteur 2.
      </p>
      {c.targetsMet ? (
        <p className="lights-met" role="status" data-testid="targets-met">
          Objectifs atteints
        </p>
      ) : null}
      <GaugeBar label="Facteur 4" gauge={c.gauges.factor4} testId="gauge-factor4" />
      <GaugeBar label="Facteur 2" gauge={c.gauges.factor2} testId="gauge-factor2" />
      <GaugeBar label="Total rénové (facteur 4 ou 2)" gauge={c.gauges.total} testId="gauge-total" />
      {c.factor4BeyondTarget > 0 ? (
        <p className="lights-small" data-testid="factor4-surplus">
          {formatInt(c.factor4BeyondTarget)}{' '}
          {agree(
            c.factor4BeyondTarget,
            'point au facteur 4 au-delà de l’objectif compte',
            'points au facteur 4 au-delà de l’objectif comptent',
          )}{' '}
          pour le facteur 2.
        </p>
      ) : null}
      {progress.outsideTerritory > 0 ? (
        <p className="lights-small" data-testid="outside-territory">
          {formatInt(progress.outsideTerritory)}{' '}
          {agree(
            progress.outsideTerritory,
            'point hors du territoire : conservé et dessiné en gris, compté',
            'points hors du territoire : conservés et dessinés en gris, comptés',
          )}{' '}
          dans aucun objectif.
        </p>
      ) : null}
      <p className="lights-savings" data-testid="savings">
        Économies des rénovations du contrat : <strong>{formatInt(c.kwhSavedPerYear)} kWh/an</strong> ·{' '}
        <strong>{formatInt(c.eurSavedPerYear)} €/an</strong> ·{' '}
        <strong>{formatDecimal(c.tCo2SavedPerYear)} tCO₂e/an</strong>
      </p>
      {c.outsidePeriod + c.undated + c.belowTarget > 0 ? (
        <p className="muted lights-small">
          Non comptés : {formatInt(c.belowTarget)} {agree(c.belowTarget, 'rénové', 'rénovés')} sous
          l’objectif, {formatInt(c.outsidePeriod)} {agree(c.outsidePeriod, 'rénové', 'rénovés')} hors de la
          période du contrat, {formatInt(c.undated)} sans date de travaux. Toutes rénovations confondues (
          {periodLabel('all')}) : {formatInt(progress.savings.kwhPerYear)} kWh/an économisés.
        </p>
      ) : null}
    </section>
  );
});

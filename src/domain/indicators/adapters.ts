/**
 * Builds the indicator inputs from each module's records through that module's own functions, so a
 * figure on the dashboard is the figure the module's own screen shows.
 */
import { communeIndicators, deliverySummary } from '../advice/indicators.ts';
import type { AdviceSession } from '../advice/types.ts';
import type { CriteriaMatrix } from '../friches/matrix.ts';
import type { Ranking } from '../friches/scoring.ts';
import { defaultShortlist, type Pin, reviewShortlist } from '../friches/shortlist.ts';
import type { Stability } from '../friches/stability.ts';
import type { Brownfield } from '../friches/types.ts';
import { assessRenovation, type LightingSettings } from '../lights/energy.ts';
import { computeProgress } from '../lights/progress.ts';
import type { LightPoint } from '../lights/types.ts';
import {
  DEFAULT_PERIOD_SCOPE,
  filterPeriod,
  inPeriod,
  isInContractPeriod,
  type PeriodScope,
} from '../period.ts';
import type { ContractConfig } from '../territory/types.ts';
import type {
  AdviceInput,
  BrownfieldsInput,
  CommuneAdviceSummary,
  CommuneLightsSummary,
  CommuneRef,
  LightsInput,
} from './types.ts';

/**
 * Lighting: counts from `computeProgress` (lights/progress.ts) over the territory's points. The inventory
 * (`points`) is undated; renovations are counted in the period scope (domain/period.ts), for the communes
 * and the headline alike, so the headline is the sum of its breakdown.
 */
export function lightsInput(
  points: readonly LightPoint[],
  settings: LightingSettings,
  contract: ContractConfig,
  communes: readonly CommuneRef[],
  scope: PeriodScope = DEFAULT_PERIOD_SCOPE,
): LightsInput {
  const epciOf = new Map(communes.map((c) => [c.insee, c.epciSiren]));
  // Points outside the territory are kept and flagged by the lighting module, never counted here.
  const territory = points.filter((p) => epciOf.has(p.insee));
  const progress = computeProgress(territory, settings, contract, { epciOf });
  const scoped =
    scope === 'all'
      ? progress
      : computeProgress(
          territory.filter((p) => p.status !== 'renovated' || inPeriod(p.renovation?.date, scope, contract)),
          settings,
          contract,
          { epciOf },
        );
  // Dates of the counted renovations, for the monthly curve (same rule as the gauges: F4/F2 in the period).
  const contractDates: string[] = [];
  for (const p of territory) {
    if (p.status !== 'renovated' || !isInContractPeriod(p.renovation?.date, contract)) continue;
    const cls = assessRenovation(p, settings).factorClass;
    if (cls === 'factor4' || cls === 'factor2') contractDates.push(p.renovation!.date!);
  }
  const byCommune = new Map<string, CommuneLightsSummary>();
  for (const c of communes) {
    const g = progress.byCommune[c.insee];
    const s = scoped.byCommune[c.insee];
    byCommune.set(c.insee, {
      points: g?.points ?? 0,
      renovated: s?.renovated ?? 0,
      factor4: s?.factor4 ?? 0,
      factor2: s?.factor2 ?? 0,
      kwhSavedPerYear: s?.kwhSavedPerYear ?? 0,
      contractCounted: (g?.contractFactor4 ?? 0) + (g?.contractFactor2 ?? 0),
      currentKwhPerYear: g?.currentKwhPerYear ?? 0,
    });
  }
  return {
    byCommune,
    contract: {
      factor4: progress.contract.factor4,
      factor2: progress.contract.factor2,
      countedTotal: progress.contract.gauges.total.counted,
    },
    headline: {
      renovated: scoped.totals.renovated,
      factor4: scoped.totals.factor4,
      factor2: scoped.totals.factor2,
      kwhSavedPerYear: scoped.totals.kwhSavedPerYear,
    },
    contractDates,
  };
}

/**
 * Advice: per-commune figures from `communeIndicators`, delivery and conversion from `deliverySummary`,
 * both under the same period rule and the same conversion fallback (advice/scope.ts).
 */
export function adviceInput(
  sessions: readonly AdviceSession[],
  contract: ContractConfig,
  communes: readonly CommuneRef[],
  asOf: string,
  scope: PeriodScope = DEFAULT_PERIOD_SCOPE,
): AdviceInput {
  const territory = new Set(communes.map((c) => c.insee));
  const own = sessions.filter((s) => territory.has(s.insee));
  const rows = communeIndicators(own, communes, { asOf, period: { contract, scope } });
  const summary = deliverySummary(own, contract, { asOf, scope });
  const inContract = filterPeriod(own, (s) => s.date, 'contract', contract, asOf);
  const contractSessions = new Map<string, number>();
  for (const s of inContract) contractSessions.set(s.insee, (contractSessions.get(s.insee) ?? 0) + 1);
  const byCommune = new Map<string, CommuneAdviceSummary>(
    rows.map((r) => [
      r.insee,
      {
        sessions: r.sessions,
        mature: r.mature,
        withWorks: r.withWorks,
        smallSample: r.smallSample,
        contractSessions: contractSessions.get(r.insee) ?? 0,
      },
    ]),
  );
  const { conversion } = summary;
  return {
    byCommune,
    delivered: summary.delivered,
    contractDelivered: inContract.length,
    conversion: {
      numerator: conversion.numerator,
      denominator: conversion.denominator,
      rate: conversion.rate,
      smallSample: conversion.smallSample,
    },
    conversionScope: summary.pools.conversionScope,
    conversionFallback: summary.pools.conversionFallback,
    contractDates: inContract.map((s) => s.date),
  };
}

/**
 * Brownfields: scores from the friches ranking; `shortlisted` only for sites the planner pinned. With no
 * pin, the automatic proposal (best scores) is reported as `proposed` but never counted as progress.
 */
export function brownfieldsInput(
  sites: readonly Brownfield[],
  matrix: CriteriaMatrix | null,
  ranking: Ranking | null,
  pins: readonly Pin[] = [],
  stability: Stability | null = null,
): BrownfieldsInput {
  const indexOf = new Map(matrix?.siteIds.map((id, i) => [id, i]) ?? []);
  const pinned = new Set(pins.map((p) => p.siteId));
  const names = new Map(sites.map((s) => [s.id, s.name]));
  // The friches review's own warnings for retained sites that rest on little data or are unstable.
  const alerts =
    matrix && ranking && pins.length > 0
      ? reviewShortlist(pins, matrix, ranking, stability, names).entries.flatMap((e) =>
          e.warnings.filter(
            (w) => (e.unreliable && w.includes('fiabilité')) || (e.unstable && w.includes('instable')),
          ),
        )
      : [];
  return {
    sites: sites.map((site) => {
      const i = indexOf.get(site.id);
      const score = i === undefined || !ranking ? null : ranking.score[i]!;
      const excluded = i !== undefined && matrix?.eligible[i] === 0;
      return {
        id: site.id,
        name: site.name,
        insee: site.territoryInsee,
        score: score === null || Number.isNaN(score) || excluded ? null : score,
        // A site outside the territory cannot count towards the territory's target, even if pinned.
        shortlisted: pinned.has(site.id) && site.territoryInsee !== null,
      };
    }),
    proposed: pins.length === 0 && matrix && ranking ? defaultShortlist(matrix, ranking).length : 0,
    alerts,
  };
}

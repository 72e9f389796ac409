import { toCsv } from '../../io/csv/write.ts';
import {
  assessCompliance,
  type ComplianceSettings,
  CRITERION_LABELS,
  type Criterion,
  isRemoved,
  summarizeCompliance,
  VERDICT_STYLE,
} from './compliance.ts';
import { type LightsContext, pointCommuneLabel } from './context.ts';
import type { LightPoint } from './types.ts';

const CRITERIA: Criterion[] = ['colourTemperature', 'ulr', 'switchOff'];

/**
 * One row per point (the filtered ones the user exports): verdict and the reason of each criterion, so the
 * file can go to the contractor planning the works. Removed points and points outside the territory are
 * listed as « non jugé » rather than dropped.
 */
export function complianceCsv(
  points: readonly LightPoint[],
  settings: ComplianceSettings,
  context: Pick<LightsContext, 'communeName'>,
): string {
  const header = [
    'identifiant',
    'commune',
    'code_insee',
    'adresse',
    'conformite',
    ...CRITERIA.map((c) => CRITERION_LABELS[c].toLowerCase()),
  ];
  const rows = points.map((p) => {
    const head = [p.id, pointCommuneLabel(p, context.communeName), p.insee, p.address ?? null];
    if (p.outsideTerritory) return [...head, 'non jugé (hors du territoire)', null, null, null];
    if (isRemoved(p)) return [...head, 'non jugé (point déposé)', null, null, null];
    const r = assessCompliance(p, settings);
    return [
      ...head,
      VERDICT_STYLE[r.verdict].label,
      ...CRITERIA.map((c) => {
        const found = r.criteria.find((x) => x.criterion === c);
        return found ? found.reason : null;
      }),
    ];
  });
  return toCsv(header, rows, { decimalComma: true });
}

/** Counts per commune then per EPCI, one row each (« toutes dates »: the inventory as it stands). */
export function complianceCountsCsv(
  points: readonly LightPoint[],
  settings: ComplianceSettings,
  context: LightsContext,
): string {
  const s = summarizeCompliance(points, settings, context);
  const header = ['niveau', 'code', 'nom', 'non_conformes', 'inconnus', 'conformes', 'deposes'];
  const rows = [
    ...Object.keys(s.byCommune)
      .sort()
      .map((insee) => {
        const c = s.byCommune[insee]!;
        return [
          'commune',
          insee,
          context.communeName.get(insee) ?? insee,
          c.nonCompliant,
          c.unknown,
          c.compliant,
          c.removed,
        ];
      }),
    ...Object.keys(s.byEpci)
      .sort()
      .map((siren) => {
        const c = s.byEpci[siren]!;
        return [
          'epci',
          siren,
          context.epciName.get(siren) ?? siren,
          c.nonCompliant,
          c.unknown,
          c.compliant,
          c.removed,
        ];
      }),
    [
      'territoire',
      '',
      'Territoire',
      s.totals.nonCompliant,
      s.totals.unknown,
      s.totals.compliant,
      s.totals.removed,
    ],
  ];
  return toCsv(header, rows, { decimalComma: true });
}

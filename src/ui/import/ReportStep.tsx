import { useMemo } from 'react';
import { plural } from '../../domain/choropleth/format.ts';
import type { ImportResult, RowError } from '../../io/types.ts';
import { agree } from '../../lib/plural.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { formatDecimal, formatInt } from '../format.ts';
import type { ModuleOutcome } from './outcome.ts';
import { RowTable } from './RowTable.tsx';
import { importReportCsv, rowIdLookup } from './reportCsv.ts';

/** Accepted rows outside the territory that the module keeps (flagged, never dropped). */
function outsideRows(result: ImportResult, rejected: ReadonlySet<number>): RowError[] {
  const { features } = result;
  const rows: RowError[] = [];
  if (result.outsideTerritory === 0) return rows;
  for (let i = 0; i < features.count; i++) {
    const row = features.row[i]!;
    if (features.insee[i] === null && !rejected.has(row))
      rows.push({ row, reason: 'en dehors des communes du territoire (conservée)' });
  }
  return rows;
}

/** The French validation report: what will be kept, what is rejected and why, before anything is replaced. */
export function ReportStep({
  fileName,
  result,
  outcome,
  durationMs,
  engineMs,
}: {
  fileName: string;
  result: ImportResult;
  outcome: ModuleOutcome<unknown>;
  durationMs: number;
  engineMs: number;
}) {
  const rejected = useMemo(() => outcome.errors.filter((e) => e.row > 0), [outcome]);
  const outside = useMemo(
    () => (outcome.outsideTerritory > 0 ? outsideRows(result, new Set(rejected.map((e) => e.row))) : []),
    [result, outcome, rejected],
  );
  const idOf = useMemo(() => (result.mapping.id ? rowIdLookup(result) : undefined), [result]);
  const engineRejected = result.ok ? result.errors.filter((e) => e.row > 0).length : 0;
  const moduleRejected = Math.max(0, rejected.length - engineRejected);
  const warnings = [...new Set([...result.warnings, ...outcome.warnings])];
  const [one, many] = outcome.unit ?? ['ligne acceptée', 'lignes acceptées'];
  const unaccounted = outcome.fatal ? 0 : result.rows - outcome.accepted - rejected.length;

  const download = () =>
    downloadBlob(
      new Blob([importReportCsv(result, outcome)], { type: 'text/csv;charset=utf-8' }),
      safeFileName(`rapport-import-${fileName.replace(/\.[^.]+$/, '')}`, 'csv'),
    );

  return (
    <div className="import-step" data-testid="import-report">
      {outcome.fatal ? (
        <p role="alert" className="import-error" data-testid="import-fatal">
          {fileName} : {outcome.fatal} Les données actuelles sont conservées.
        </p>
      ) : null}
      <ul className="import-counts" aria-label="Bilan de l’import">
        <li>
          <strong>{plural(result.rows, 'ligne lue', 'lignes lues')}</strong>
        </li>
        <li className="import-counts__ok" data-testid="import-accepted" data-count={outcome.accepted}>
          {plural(outcome.accepted, one, many)}
        </li>
        <li className="import-counts__ko" data-testid="import-rejected" data-count={rejected.length}>
          {plural(rejected.length, 'ligne rejetée', 'lignes rejetées')}
          {moduleRejected > 0
            ? ` (${formatInt(engineRejected)} à la lecture du fichier, ${formatInt(moduleRejected)} par les règles du module)`
            : ''}
        </li>
        <li data-testid="import-outside" data-count={outcome.outsideTerritory}>
          {outcome.outsideTerritory > 0
            ? `${plural(outcome.outsideTerritory, 'ligne hors du territoire', 'lignes hors du territoire')}, ${outcome.outsideTerritory > 1 ? 'conservées et signalées' : 'conservée et signalée'}`
            : result.outsideTerritory > 0
              ? `${plural(result.outsideTerritory, 'ligne hors du territoire', 'lignes hors du territoire')}, ${result.outsideTerritory > 1 ? 'rejetées' : 'rejetée'} par le module`
              : 'aucune ligne hors du territoire'}
        </li>
      </ul>
      {unaccounted !== 0 ? (
        <p role="alert" className="import-error">
          Attention : {plural(Math.abs(unaccounted), 'ligne', 'lignes')}{' '}
          {agree(Math.abs(unaccounted), 'ni acceptée ni rejetée', 'ni acceptées ni rejetées')} par le module.
          Signalez-le : aucune ligne ne doit être perdue.
        </p>
      ) : null}
      {(outcome.alerts ?? []).map((a) => (
        <p key={a} role="alert" className="import-warning" data-testid="import-alert">
          {a}
        </p>
      ))}
      {warnings.length > 0 ? (
        <ul className="import-warnings" data-testid="import-warnings" aria-label="Avertissements">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      <RowTable caption="Lignes rejetées" rows={rejected} testId="import-rejected-rows" idOf={idOf} />
      <RowTable
        caption="Lignes conservées avec des valeurs ignorées"
        rows={outcome.flagged ?? []}
        testId="import-flagged-rows"
        reasonHeader="Remarque"
        idOf={idOf}
      />
      <RowTable caption="Lignes hors du territoire" rows={outside} testId="import-outside-rows" idOf={idOf} />
      <p className="import-report__tools">
        <button type="button" className="import-link" onClick={download}>
          Télécharger le rapport (CSV)
        </button>
        <span
          className="import-muted import-small"
          data-testid="import-duration"
          data-ms={Math.round(durationMs)}
          data-engine-ms={Math.round(engineMs)}
        >
          Traitement en {formatDecimal(durationMs / 1000)} s.
        </span>
      </p>
      {outcome.info && !outcome.fatal ? <p className="import-info">{outcome.info}</p> : null}
      {outcome.notice && !outcome.fatal ? <p className="import-info">{outcome.notice}</p> : null}
      {!outcome.fatal && outcome.accepted === 0 ? (
        <p role="alert" className="import-error">
          Aucune ligne exploitable : les données actuelles sont conservées.
        </p>
      ) : null}
    </div>
  );
}

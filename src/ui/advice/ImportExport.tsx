import { useState } from 'react';
import { ADVICE_CSV_HEADER, adviceCsvRows } from '../../domain/advice/csv.ts';
import { localToday } from '../../domain/advice/dates.ts';
import type { AdviceMappingResult } from '../../domain/advice/mapping.ts';
import { toCsv } from '../../io/csv/write.ts';
import { adviceShownSource } from '../../state/sourceState.ts';
import { useAppStore } from '../../state/store.ts';
import { ADVICE_TARGET } from '../data/importTargets.ts';
import { ImportButton } from '../import/ImportButton.tsx';
import { useImportOffered } from '../import/TeamImportStep.tsx';
import type { ImportedInfo } from '../import/useImportFlow.ts';
import { useTerritoryRefs } from './derived.ts';
import { adviceImportOutcome } from './importAdvice.ts';
import { countOf } from './plural.ts';

const SHOWN_ERRORS = 10;

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function ImportReport({ fileName, report }: { fileName: string; report: AdviceMappingResult }) {
  const rejected = report.errors.length;
  // The mapping's own RGPD message (columns dropped, or kept on request) is shown apart, as an alert.
  const privacy =
    report.personalColumns.length > 0 ? report.warnings.find((w) => w.includes('RGPD')) : undefined;
  const other = report.warnings.filter((w) => w !== privacy);
  return (
    <div className="import-report" data-testid="advice-import-report">
      <p>
        <strong>{fileName}</strong> : {countOf(report.rows, 'ligne lue', 'lignes lues')},{' '}
        {countOf(report.sessions.length, 'conseil retenu', 'conseils retenus')},{' '}
        {countOf(rejected, 'ligne rejetée', 'lignes rejetées')}.
        {report.sessions.length === 0 ? ' Les données actuelles sont conservées.' : ''}
      </p>
      {privacy ? (
        <p className="warning" role="alert" data-testid="advice-rgpd-warning">
          {privacy}
        </p>
      ) : null}
      {other.length > 0 ? (
        <ul className="warnings">
          {other.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {rejected > 0 ? (
        <>
          <p className="report-heading">Lignes rejetées (numéros de ligne du fichier, en-tête = ligne 1) :</p>
          <ul className="rejected">
            {report.errors.slice(0, SHOWN_ERRORS).map((e) => (
              <li key={`${e.row}-${e.reason}`}>
                Ligne {e.row} : {e.reason}
              </li>
            ))}
          </ul>
          {rejected > SHOWN_ERRORS ? <p>… et {countOf(rejected - SHOWN_ERRORS, 'autre')}.</p> : null}
          <button
            type="button"
            className="link"
            onClick={() =>
              download(
                toCsv(
                  ['ligne', 'raison'],
                  report.errors.map((e) => [e.row, e.reason]),
                ),
                `rejets-${fileName.replace(/\.[^.]+$/, '')}.csv`,
              )
            }
          >
            Télécharger la liste complète des lignes rejetées (CSV)
          </button>
        </>
      ) : null}
    </div>
  );
}

/** « Importer un fichier de conseils… », « Exporter (CSV) » and, on sample data, starting from scratch. */
export function ImportExport() {
  const sessions = useAppStore((s) => s.adviceSessions);
  // Sample alone: with sessions typed on top, the header badge offers « Retirer les données d’exemple ».
  const source = useAppStore(adviceShownSource);
  const dropSample = useAppStore((s) => s.dropAdviceSample);
  const refs = useTerritoryRefs();
  const [result, setResult] = useState<{ fileName: string; report: AdviceMappingResult } | null>(null);
  const [keepPersonal, setKeepPersonal] = useState(false);
  // Shared advice in team mode: a role that may not write sessions is not offered the import.
  const offered = useImportOffered('advice');

  // The dialog applied the chosen import mode (ADVICE_TARGET: sessions typed in the app are never erased).
  const onImported = (report: AdviceMappingResult, { fileName }: ImportedInfo) => {
    setResult({ fileName, report });
  };

  const exportCsv = () => {
    const rows = adviceCsvRows(sessions, (insee) => refs?.nameOf.get(insee));
    download(toCsv(ADVICE_CSV_HEADER, rows), `conseils-energie-${localToday()}.csv`);
  };

  return (
    <div className="advice-io">
      <div className="toolbar">
        {offered ? (
          <ImportButton<AdviceMappingResult>
            label="Importer un fichier de conseils…"
            inputTestId="advice-file-input"
            kind="advice"
            title="Importer un fichier de conseils"
            description="Export d’un logiciel de conseiller ou tableur : une ligne par conseil (date, commune ou code INSEE, canal, statut d’occupation, type de logement, thématiques…)."
            prepare={(r) => adviceImportOutcome(r, { rejectFuture: true, keepPersonalColumns: keepPersonal })}
            onImported={onImported}
            target={ADVICE_TARGET}
            options={
              <label className="inline">
                <input
                  type="checkbox"
                  checked={keepPersonal}
                  onChange={(e) => setKeepPersonal(e.target.checked)}
                />{' '}
                Conserver les données personnelles (déconseillé, RGPD)
              </label>
            }
          />
        ) : null}
        <button type="button" onClick={exportCsv} disabled={sessions.length === 0}>
          Exporter (CSV)
        </button>
        {source?.kind === 'sample' ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              if (window.confirm('Effacer les données d’exemple ? Les conseils saisis ici sont conservés.'))
                dropSample();
            }}
          >
            Vider les données d’exemple
          </button>
        ) : null}
      </div>
      {result ? <ImportReport fileName={result.fileName} report={result.report} /> : null}
    </div>
  );
}

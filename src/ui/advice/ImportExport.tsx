import { type ChangeEvent, useRef, useState } from 'react';
import { ADVICE_CSV_HEADER, adviceCsvRows } from '../../domain/advice/csv.ts';
import { localToday } from '../../domain/advice/dates.ts';
import type { AdviceMappingResult } from '../../domain/advice/mapping.ts';
import { toCsv } from '../../io/csv/write.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { useTerritoryRefs } from './derived.ts';
import { importAdviceFile } from './importAdvice.ts';
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
  const source = useAppStore((s) => s.adviceSource);
  const replace = useAppStore((s) => s.replaceAdviceSessions);
  const refs = useTerritoryRefs();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [result, setResult] = useState<{ fileName: string; report: AdviceMappingResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [keepPersonal, setKeepPersonal] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(null);
    setResult(null);
    setBusy(`Lecture de ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const report = await importAdviceFile(
        bytes,
        file.name,
        { rejectFuture: true, keepPersonalColumns: keepPersonal },
        {
          onProgress: (rows) => setBusy(`Lecture de ${file.name} : ${formatInt(rows)} ligne(s)…`),
        },
      );
      setResult({ fileName: file.name, report });
      if (report.sessions.length === 0) return;
      const current = useAppStore.getState();
      // Sessions typed in the app (no source row) are real work even on top of the sample.
      const keepsWork =
        current.adviceSessions.some((s) => s.sourceRow === undefined) ||
        (current.adviceSource?.kind !== 'sample' && current.adviceSessions.length > 0);
      if (
        keepsWork &&
        !window.confirm(
          `Remplacer les ${current.adviceSessions.length} conseils actuels par les ${report.sessions.length} du fichier ? Pensez à exporter les données actuelles avant.`,
        )
      )
        return;
      replace(report.sessions, { kind: 'import', fileName: file.name, importedAt: new Date().toISOString() });
    } catch (err) {
      setError(`Import impossible : ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const exportCsv = () => {
    const rows = adviceCsvRows(sessions, (insee) => refs?.nameOf.get(insee));
    download(toCsv(ADVICE_CSV_HEADER, rows), `conseils-energie-${localToday()}.csv`);
  };

  return (
    <div className="advice-io">
      <div className="toolbar">
        <button type="button" onClick={() => input.current?.click()} disabled={busy !== null}>
          Importer un fichier de conseils…
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv"
          className="sr-only"
          tabIndex={-1}
          aria-label="Fichier de conseils à importer"
          data-testid="advice-file-input"
          onChange={onFile}
        />
        <button type="button" onClick={exportCsv} disabled={sessions.length === 0}>
          Exporter (CSV)
        </button>
        {source?.kind === 'sample' ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              if (window.confirm('Effacer les données d’exemple ? Les conseils saisis ici sont conservés.'))
                replace(
                  sessions.filter((s) => s.sourceRow === undefined),
                  { kind: 'manual', updatedAt: new Date().toISOString() },
                );
            }}
          >
            Vider les données d’exemple
          </button>
        ) : null}
      </div>
      <label className="inline">
        <input type="checkbox" checked={keepPersonal} onChange={(e) => setKeepPersonal(e.target.checked)} />{' '}
        Conserver les données personnelles (déconseillé, RGPD)
      </label>
      <p role="status" className="muted">
        {busy}
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {result ? <ImportReport fileName={result.fileName} report={result.report} /> : null}
    </div>
  );
}

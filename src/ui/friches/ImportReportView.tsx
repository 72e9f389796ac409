import type { FrichesImportReport } from '../../domain/friches/index.ts';
import { toCsv } from '../../io/csv/write.ts';
import { agree } from '../../lib/plural.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { formatInt } from '../format.ts';

const SHOWN = 8;

/** The validation report of an inventory: valid, invalid (with reasons) and flagged rows (values set aside). */
export function ImportReportView({
  fileName,
  report,
  fatal,
  applied,
}: {
  fileName: string;
  report: FrichesImportReport;
  fatal: string | null;
  applied: boolean;
}) {
  const download = () => {
    const rows = [
      ...report.rejected.map((e) => [e.row, 'rejetée', e.reason]),
      ...report.flagged.flatMap((f) => f.issues.map((issue) => [f.row, `conservée (${f.siteId})`, issue])),
    ];
    const csv = toCsv(['ligne', 'décision', 'raison'], rows);
    downloadBlob(
      new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      safeFileName(`rapport-${fileName}`, 'csv'),
    );
  };
  return (
    <div className="import-report" data-testid="friches-import-report">
      {fatal ? (
        <p role="alert" className="error">
          {fileName} : {fatal}
        </p>
      ) : (
        <p>
          <strong>{fileName}</strong> : {formatInt(report.sites)} {agree(report.sites, 'ligne', 'lignes')} de
          site,{' '}
          <span data-testid="friches-report-valid">
            {formatInt(report.valid)} {agree(report.valid, 'valide', 'valides')}
          </span>
          ,{' '}
          <span data-testid="friches-report-invalid">
            {formatInt(report.invalid)} {agree(report.invalid, 'rejetée', 'rejetées')}
          </span>
          , {formatInt(report.flagged.length)} {agree(report.flagged.length, 'conservée', 'conservées')} avec
          des valeurs ignorées
          {report.outsideTerritory > 0 ? `, ${formatInt(report.outsideTerritory)} hors du territoire` : ''}.
          {applied ? ' Inventaire remplacé.' : ' Les données actuelles sont conservées.'}
        </p>
      )}
      {report.warnings.length > 0 ? (
        <ul className="warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {report.rejected.length > 0 ? (
        <>
          <strong>Lignes rejetées</strong>
          <ul className="rejected">
            {report.rejected.slice(0, SHOWN).map((e) => (
              <li key={`${e.row}-${e.reason}`}>
                Ligne {e.row} : {e.reason}
              </li>
            ))}
          </ul>
          {report.rejected.length > SHOWN ? (
            <p>
              … et {formatInt(report.rejected.length - SHOWN)}{' '}
              {agree(report.rejected.length - SHOWN, 'autre', 'autres')}.
            </p>
          ) : null}
        </>
      ) : null}
      {report.flagged.length > 0 ? (
        <>
          <strong>Sites conservés, valeurs ignorées</strong>
          <ul className="flagged">
            {report.flagged.slice(0, SHOWN).map((f) => (
              <li key={f.row}>
                Ligne {f.row} ({f.siteId}) : {f.issues.join(' ; ')}
              </li>
            ))}
          </ul>
          {report.flagged.length > SHOWN ? (
            <p>
              … et {formatInt(report.flagged.length - SHOWN)}{' '}
              {agree(report.flagged.length - SHOWN, 'autre', 'autres')}.
            </p>
          ) : null}
        </>
      ) : null}
      {report.rejected.length + report.flagged.length > 0 ? (
        <button type="button" className="link" onClick={download}>
          Télécharger le rapport complet (CSV)
        </button>
      ) : null}
    </div>
  );
}

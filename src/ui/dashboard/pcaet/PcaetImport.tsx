import { type ChangeEvent, useId, useState } from 'react';
import { formatNumber, plural } from '../../../domain/choropleth/format.ts';
import { mergeValues, type PcaetImportResult, readPcaetCsv } from '../../../domain/pcaet/import.ts';
import type { PcaetPlaces } from '../../../domain/pcaet/validate.ts';
import { checkFileSize } from '../../../io/fileSize.ts';
import { useAppStore } from '../../../state/store.ts';

const SHOWN_ERRORS = 12;

interface Report {
  fileName: string;
  result: PcaetImportResult;
  replaced: number;
}

/** CSV of dated values (columns indicateur; date/année; valeur; code_insee/epci; type) for existing indicators. */
export function PcaetImport({ places }: { places: PcaetPlaces }) {
  const id = useId();
  const indicators = useAppStore((s) => s.pcaetIndicators);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Size checked before any read: a 2 GB file is refused without loading it.
    const tooBig = checkFileSize(file.size);
    if (tooBig) {
      setError(`${file.name} : ${tooBig}`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await readPcaetCsv(bytes, indicators, places);
      const state = useAppStore.getState();
      const merged = mergeValues(state.pcaetValues, result.values);
      state.setPcaetValues(merged.values);
      setReport({ fileName: file.name, result, replaced: merged.replaced });
    } catch (err) {
      // A library's English message tells the user nothing: the file is named instead.
      console.error(err);
      setError(`Import impossible : ${file.name} n’a pas pu être lu comme un tableau CSV d’indicateurs.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pcaet-import" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>Importer des valeurs (CSV)</h4>
      <p className="muted small">
        Colonnes attendues : <code>indicateur</code> (identifiant ou nom), <code>date</code> ou{' '}
        <code>année</code>, <code>valeur</code>, <code>code_insee</code> ou <code>epci</code> selon le niveau,{' '}
        <code>type</code> (valeur, objectif, estimation). Séparateur « ; » ou « , », virgule décimale
        acceptée.
      </p>
      <label className="file-button">
        {busy ? 'Lecture…' : 'Importer un fichier…'}
        <input
          type="file"
          accept=".csv,.txt,text/csv"
          onChange={onFile}
          disabled={busy || indicators.length === 0}
        />
      </label>
      {indicators.length === 0 ? <p className="muted small">Créez d’abord un indicateur.</p> : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      {report ? (
        <div className="import-report" aria-live="polite" data-testid="pcaet-import-report">
          <p>
            <strong>{report.fileName}</strong> :{' '}
            {plural(report.result.values.length, 'valeur importée', 'valeurs importées')}
            {report.replaced > 0
              ? ` dont ${formatNumber(report.replaced)} en remplacement d’une valeur existante`
              : ''}
            , {plural(report.result.errors.length, 'ligne rejetée', 'lignes rejetées')} sur{' '}
            {formatNumber(report.result.rows)}.
          </p>
          {report.result.warnings.map((w) => (
            <p key={w} className="muted small">
              {w}
            </p>
          ))}
          {report.result.errors.length > 0 ? (
            <ul className="small">
              {report.result.errors.slice(0, SHOWN_ERRORS).map((e) => (
                <li key={`${e.row}-${e.reason}`}>
                  Ligne {e.row} : {e.reason}
                </li>
              ))}
              {report.result.errors.length > SHOWN_ERRORS ? (
                <li>… et {plural(report.result.errors.length - SHOWN_ERRORS, 'autre')}.</li>
              ) : null}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

import { type ChangeEvent, useId, useMemo, useState } from 'react';
import { formatNumber, plural } from '../../../domain/choropleth/format.ts';
import type { ImportMode } from '../../../domain/importModes.ts';
import { type PcaetImportResult, readPcaetCsv } from '../../../domain/pcaet/import.ts';
import type { PcaetPlaces } from '../../../domain/pcaet/validate.ts';
import { checkFileSize } from '../../../io/fileSize.ts';
import { useAppStore } from '../../../state/store.ts';
import { applyImportPlan, modesFor, PCAET_TARGET, planFor } from '../../data/importTargets.ts';
import { ModeStep } from '../../import/ModeStep.tsx';
import { UndoImport } from '../../import/UndoImport.tsx';

const SHOWN_ERRORS = 12;

interface Report {
  fileName: string;
  result: PcaetImportResult;
  /** Set once validated: the plan's counts as applied. */
  applied: { mode: ImportMode; added: number; updated: number; removed: number } | null;
}

/**
 * « Remplacer » / « Ajouter » / « Mettre à jour par identifiant » (a value's identifier is its slot:
 * indicator, place, date, type) previewed before « Valider l’import », as for the other modules.
 */
function PcaetPreview({
  report,
  onDone,
}: {
  report: Report;
  onDone: (applied: NonNullable<Report['applied']>) => void;
}) {
  const value = useMemo(() => ({ values: report.result.values }), [report.result.values]);
  const modes = modesFor(PCAET_TARGET, value);
  const [mode, setMode] = useState<ImportMode>(modes[0]!);
  const current = useAppStore((s) => s.pcaetValues);
  const bases = useAppStore((s) => s.importBases.pcaet);
  // Recomputed when the values or the base change under the open preview: validation applies what is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: current and bases are read through planFor
  const plan = useMemo(() => planFor(PCAET_TARGET, value, mode), [value, mode, current, bases]);
  return (
    <div data-testid="pcaet-import-preview">
      <ModeStep
        modes={modes}
        mode={mode}
        onMode={setMode}
        plan={plan}
        unit={PCAET_TARGET.unit}
        noIds={false}
        feminine
      />
      <button
        type="button"
        onClick={() => {
          applyImportPlan(PCAET_TARGET, plan, report.fileName);
          onDone({ mode, added: plan.added, updated: plan.updated, removed: plan.removed });
        }}
      >
        Valider l’import
      </button>
    </div>
  );
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
      setReport({ fileName: file.name, result, applied: null });
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
      <UndoImport target={PCAET_TARGET} />
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
            {report.applied
              ? plural(report.applied.added + report.applied.updated, 'valeur importée', 'valeurs importées')
              : plural(report.result.values.length, 'valeur lue', 'valeurs lues')}
            {report.applied && report.applied.mode !== 'replace' && report.applied.updated > 0
              ? ` dont ${formatNumber(report.applied.updated)} en remplacement d’une valeur existante`
              : ''}
            , {plural(report.result.errors.length, 'ligne rejetée', 'lignes rejetées')} sur{' '}
            {formatNumber(report.result.rows)}.
          </p>
          {report.applied ? null : (
            <PcaetPreview
              report={report}
              onDone={(applied) => setReport((r) => (r ? { ...r, applied } : r))}
            />
          )}
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

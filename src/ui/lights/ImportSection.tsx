import { memo, useRef, useState } from 'react';
import type { CrsCode } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { importLightsFile, type LightsFileImport } from './loadLights.ts';

const SHOWN_ERRORS = 10;

const CRS_CHOICES: { value: 'auto' | CrsCode; label: string }[] = [
  { value: 'auto', label: 'Détection automatique' },
  { value: 'EPSG:2154', label: 'Lambert-93 (EPSG:2154)' },
  { value: 'EPSG:3950', label: 'Lambert CC50 (EPSG:3950)' },
  { value: 'EPSG:4326', label: 'WGS84 longitude/latitude (EPSG:4326)' },
];

function Report({ fileName, result }: { fileName: string; result: LightsFileImport }) {
  const rejected = result.errors.length;
  return (
    <div className="lights-report" data-testid="lights-import-report" role="status">
      <p>
        <strong>{fileName}</strong> : {formatInt(result.rows)} ligne(s) lue(s),{' '}
        {formatInt(result.points.length)} point(s) retenu(s), {formatInt(rejected)} ligne(s) rejetée(s)
        {result.outsideTerritory > 0 ? ` dont ${formatInt(result.outsideTerritory)} hors du territoire` : ''}.
      </p>
      {result.ok && result.points.length > 0 ? (
        <p>L’inventaire remplace les données précédentes.</p>
      ) : (
        <p className="lights-problems">Aucun point retenu : les données précédentes sont conservées.</p>
      )}
      {rejected > 0 ? (
        <ul className="lights-problems">
          {result.errors.slice(0, SHOWN_ERRORS).map((e) => (
            <li key={`${e.row}-${e.reason}`}>
              {e.row > 0 ? `Ligne ${e.row} : ` : ''}
              {e.reason}
            </li>
          ))}
          {rejected > SHOWN_ERRORS ? <li>… et {formatInt(rejected - SHOWN_ERRORS)} autre(s).</li> : null}
        </ul>
      ) : null}
      {result.warnings.length > 0 ? (
        <ul className="muted lights-small">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** « Importer un inventaire… »: minimal dialog until the shared import dialog exists. */
/** Memoised: the panel re-renders on every filter change, this section depends on none of it. */
export const ImportSection = memo(function ImportSection() {
  const replace = useAppStore((s) => s.replaceLights);
  const [crs, setCrs] = useState<'auto' | CrsCode>('auto');
  const [busy, setBusy] = useState<string | null>(null);
  const [report, setReport] = useState<{ fileName: string; result: LightsFileImport } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (file: File) => {
    setFailure(null);
    setReport(null);
    setBusy(`Lecture de ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const result = await importLightsFile(bytes, file.name, crs, {
        onProgress: (read) => setBusy(`Lecture de ${file.name} : ${formatInt(read)} lignes…`),
      });
      if (result.ok && result.points.length > 0)
        replace(result.points, { kind: 'import', fileName: file.name, importedAt: new Date().toISOString() });
      setReport({ fileName: file.name, result });
    } catch (e) {
      setFailure(`Import impossible : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <section className="panel" aria-labelledby="lights-import-title">
      <h3 id="lights-import-title">Inventaire</h3>
      <p className="muted lights-small">
        CSV (séparateur « ; » ou « , », UTF-8 ou Windows-1252), GeoJSON ou shapefile zippé. Une ligne par
        point lumineux : identifiant, coordonnées ou commune, technologie, puissance, statut…
      </p>
      <div className="lights-form">
        <label>
          Système de coordonnées
          <select value={crs} onChange={(e) => setCrs(e.target.value as 'auto' | CrsCode)}>
            {CRS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="lights-file">
          Importer un inventaire…
          <input
            ref={input}
            type="file"
            accept=".csv,.txt,.geojson,.json,.zip"
            disabled={busy !== null}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void onFile(file);
            }}
          />
        </label>
      </div>
      {busy ? <p aria-live="polite">{busy}</p> : null}
      {failure ? (
        <p role="alert" className="lights-problems">
          {failure}
        </p>
      ) : null}
      {report ? <Report fileName={report.fileName} result={report.result} /> : null}
    </section>
  );
});

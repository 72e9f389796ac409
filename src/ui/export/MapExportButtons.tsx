import { useState } from 'react';
import { composeMapPng, type LegendSpec } from '../../map/export/composeMapPng.ts';
import { type Paper, printMap } from '../../map/export/print.tsx';
import { useMapInstance } from '../../map/mapInstance.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import './mapExport.css';

export interface MapExportButtonsProps {
  title: string;
  subtitle?: string;
  legend: LegendSpec | null;
  sources: string;
  /** Date of the data (ISO is shown as dd/mm/yyyy). */
  date: string;
  /** sampleWarning() of the data the map shows (sample, or sample with the user's records). */
  badge?: string;
  /** File name without extension (default: the title); a date and .png are appended. */
  fileName?: string;
  width?: number;
  height?: number;
  paper?: Paper;
}

/**
 * « Exporter la carte (PNG) » and « Imprimer / PDF » for any module: the current map with the given
 * title, legend, sources and date. Drop it in a module's MapOverlay or panel.
 */
export function MapExportButtons(props: MapExportButtonsProps) {
  const map = useMapInstance();
  const [busy, setBusy] = useState<'png' | 'print' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { fileName, paper, width, height, ...sheet } = props;

  const run = async (kind: 'png' | 'print') => {
    if (!map || busy) return;
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'png') {
        const blob = await composeMapPng({ map, ...sheet, width, height });
        downloadBlob(blob, safeFileName(fileName ?? props.title, 'png'));
      } else {
        await printMap({ map, ...sheet, paper });
      }
    } catch (e) {
      setError(`Export impossible : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="map-export">
      <button type="button" disabled={!map || busy !== null} onClick={() => run('png')}>
        {busy === 'png' ? 'Export en cours…' : 'Exporter la carte (PNG)'}
      </button>
      <button type="button" disabled={!map || busy !== null} onClick={() => run('print')}>
        {busy === 'print' ? 'Préparation…' : `Imprimer / PDF (${paper ?? 'A4'})`}
      </button>
      {error ? (
        <p role="alert" className="map-export-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

import type { Map as MapLibreMap } from 'maplibre-gl';
import { useState } from 'react';
import { composeMapPng } from '../../map/export/composeMapPng.ts';
import { type Paper, printMap } from '../../map/export/print.tsx';
import { useMapInstance } from '../../map/mapInstance.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import type { SheetContent } from './exportSheet.ts';

/** PNG width of the exported sheet; the height follows the A-series ratio (√2). */
export const PNG_SIZE = { width: 2000, height: 1414 } as const;

type Bounds = [number, number, number, number];

/**
 * The sheet draws its legend over the bottom-left corner of the map. When the whole territory is in
 * view (the usual overview), it is re-framed for the capture only, leaving that corner free, then the
 * user's view is put back; a user zoomed on a detail gets exactly that detail.
 */
async function framedForSheet<T>(map: MapLibreMap, bounds: Bounds, run: () => Promise<T>): Promise<T> {
  const view = map.getBounds();
  if (!view.contains([bounds[0], bounds[1]]) || !view.contains([bounds[2], bounds[3]])) return run();
  const camera = {
    center: map.getCenter(),
    zoom: map.getZoom(),
    bearing: map.getBearing(),
    pitch: map.getPitch(),
  };
  const { clientWidth: w, clientHeight: h } = map.getContainer();
  map.fitBounds(bounds, {
    padding: { left: w * 0.44, right: w * 0.04, top: h * 0.05, bottom: h * 0.05 },
    bearing: camera.bearing,
    duration: 0,
  });
  try {
    return await run();
  } finally {
    map.jumpTo(camera);
  }
}

/** « Exporter la carte (PNG) », « Imprimer / PDF » A4 and A3 landscape, for the map on screen. */
export function DashboardExport({
  sheet,
  fileName,
  bounds,
}: {
  sheet: SheetContent;
  fileName: string;
  bounds: Bounds;
}) {
  const map = useMapInstance();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'png' | Paper) => {
    if (!map || busy) return;
    setBusy(kind);
    setError(null);
    try {
      if (kind === 'png') {
        const blob = await framedForSheet(map, bounds, () => composeMapPng({ map, ...sheet, ...PNG_SIZE }));
        downloadBlob(blob, safeFileName(fileName, 'png'));
      } else {
        await framedForSheet(map, bounds, () => printMap({ map, ...sheet, paper: kind }));
      }
    } catch (e) {
      setError(`Export impossible : ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="dashboard-export" data-testid="dashboard-export">
      <button type="button" disabled={!map || busy !== null} onClick={() => run('png')}>
        {busy === 'png' ? 'Export en cours…' : 'Exporter la carte (PNG)'}
      </button>
      <button type="button" disabled={!map || busy !== null} onClick={() => run('A4')}>
        {busy === 'A4' ? 'Préparation…' : 'Imprimer / PDF (A4 paysage)'}
      </button>
      <button type="button" disabled={!map || busy !== null} onClick={() => run('A3')}>
        {busy === 'A3' ? 'Préparation…' : 'Imprimer / PDF (A3 paysage)'}
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

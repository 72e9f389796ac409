import { LIGHT_DBF_NAMES, lightsToGeoJson, workOrderCsv } from '../../domain/lights/index.ts';
import { useAppStore } from '../../state/store.ts';
import { gpkgButtonAction } from '../data/exportGpkg.ts';
import { shapefileButtonAction } from '../data/exportShapefile.ts';
import { downloadBlob, safeFileName } from '../download.ts';
import { formatInt } from '../format.ts';
import { useTeamReadOnly } from '../team/permissions.ts';
import { BatchEditForm } from './BatchEditForm.tsx';
import { useLightsContext, useSelectedIndices } from './derived.ts';

function UndoButton() {
  const last = useAppStore((s) => s.lightsUndo.at(-1));
  const undo = useAppStore((s) => s.undoLightsEdit);
  return (
    <div className="lights-undo">
      <button type="button" disabled={!last} onClick={undo}>
        Annuler la dernière modification
      </button>
      {last ? <span className="muted lights-small">Dernière modification : {last.label}.</span> : null}
    </div>
  );
}

function Exports({ selectedIndices }: { selectedIndices: Uint32Array }) {
  const context = useLightsContext();
  const settings = useAppStore((s) => s.lightingSettings);
  const selectedPoints = () => {
    const points = useAppStore.getState().lightPoints;
    return Array.from(selectedIndices, (i) => points[i]!);
  };
  const disabled = selectedIndices.length === 0;
  return (
    <div className="lights-actions">
      <button
        type="button"
        disabled={disabled}
        onClick={() =>
          downloadBlob(
            new Blob([workOrderCsv(selectedPoints(), context, settings)], { type: 'text/csv;charset=utf-8' }),
            safeFileName('bon-de-travaux-eclairage', 'csv'),
          )
        }
      >
        Bon de travaux (CSV)
      </button>
      <button
        type="button"
        disabled={disabled}
        onClick={() =>
          downloadBlob(
            new Blob([JSON.stringify(lightsToGeoJson(selectedPoints(), context, settings))], {
              type: 'application/geo+json',
            }),
            safeFileName('selection-eclairage', 'geojson'),
          )
        }
      >
        Sélection (GeoJSON)
      </button>
      <button
        type="button"
        disabled={disabled}
        data-testid="lights-work-order-gpkg"
        onClick={gpkgButtonAction('bon-de-travaux-eclairage', () => [
          {
            name: 'bon_de_travaux',
            collection: lightsToGeoJson(selectedPoints(), context, settings),
            srsId: 2154,
            description: 'Bon de travaux — Atlas COTRI',
          },
        ])}
      >
        Bon de travaux (GeoPackage)
      </button>
      <button
        type="button"
        disabled={disabled}
        data-testid="lights-work-order-shp"
        onClick={shapefileButtonAction('bon-de-travaux-eclairage', () => [
          {
            name: 'bon_de_travaux',
            collection: lightsToGeoJson(selectedPoints(), context, settings),
            srsId: 2154,
            shortNames: LIGHT_DBF_NAMES,
          },
        ])}
      >
        Bon de travaux (Shapefile)
      </button>
    </div>
  );
}

export function SelectionSection({ filtered }: { filtered: Uint32Array }) {
  const points = useAppStore((s) => s.lightPoints);
  const setSelection = useAppStore((s) => s.setLightsSelection);
  const selectedIndices = useSelectedIndices();
  const n = selectedIndices.length;
  const readOnly = useTeamReadOnly('lights');
  return (
    <section className="panel" aria-labelledby="lights-selection-title">
      <h3 id="lights-selection-title">Sélection et travaux</h3>
      <p>
        <strong data-testid="selection-count" data-count={n}>
          {n === 0
            ? 'Aucun point sélectionné'
            : `${formatInt(n)} point${n > 1 ? 's' : ''} sélectionné${n > 1 ? 's' : ''}`}
        </strong>
      </p>
      <p className="muted lights-small">
        Tracez un rectangle ou un polygone avec les outils en haut à gauche de la carte : les points filtrés
        situés dans la zone sont sélectionnés.
      </p>
      <div className="lights-actions">
        <button
          type="button"
          disabled={filtered.length === 0}
          onClick={() => setSelection(Array.from(filtered, (i) => points[i]!.id))}
        >
          Sélectionner les points filtrés ({formatInt(filtered.length)})
        </button>
        <button type="button" disabled={n === 0} onClick={() => setSelection([])}>
          Vider la sélection
        </button>
      </div>
      {readOnly ? (
        <p className="muted" data-testid="lights-read-only">
          {readOnly}
        </p>
      ) : (
        <>
          <BatchEditForm selectedIndices={selectedIndices} />
          <UndoButton />
        </>
      )}
      <h4>Exporter la sélection</h4>
      <Exports selectedIndices={selectedIndices} />
    </section>
  );
}

import { memo, useState } from 'react';
import type { ImportPlan } from '../../domain/importModes.ts';
import { lightsToGeoJson } from '../../domain/lights/index.ts';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';
import { gpkgButtonAction } from '../data/exportGpkg.ts';
import { LIGHTS_TARGET } from '../data/importTargets.ts';
import { formatInt } from '../format.ts';
import { ImportButton } from '../import/ImportButton.tsx';
import { useImportOffered } from '../import/TeamImportStep.tsx';
import type { ImportedInfo } from '../import/useImportFlow.ts';
import { useLightsContext } from './derived.ts';
import { LIGHTS_MAPPING, type LightsFileImport, lightsImporter } from './loadLights.ts';

const SHOWN_ERRORS = 10;

function Report({
  fileName,
  result,
  plan,
}: {
  fileName: string;
  result: LightsFileImport;
  plan: ImportPlan<unknown> | undefined;
}) {
  const rejected = result.errors.length;
  return (
    <div className="lights-report" data-testid="lights-import-report" role="status">
      <p>
        <strong>{fileName}</strong> : {formatInt(result.rows)}{' '}
        {agree(result.rows, 'ligne lue', 'lignes lues')}, {formatInt(result.points.length)}{' '}
        {agree(result.points.length, 'point retenu', 'points retenus')}
        {result.outsideTerritory > 0
          ? ` dont ${formatInt(result.outsideTerritory)} hors du territoire (conservés, signalés, non comptés)`
          : ''}
        , {formatInt(rejected)} {agree(rejected, 'ligne rejetée', 'lignes rejetées')}.
      </p>
      {result.ok && result.points.length > 0 ? (
        <p>
          {plan
            ? `${formatInt(plan.added)} ${agree(plan.added, 'ajouté', 'ajoutés')}, ${formatInt(plan.updated)} mis à jour, ${formatInt(plan.unchanged)} ${agree(plan.unchanged, 'inchangé', 'inchangés')}, ${formatInt(plan.conflicting)} ${agree(plan.conflicting, 'conflit', 'conflits')}${plan.removed > 0 ? `, ${formatInt(plan.removed)} ${agree(plan.removed, 'supprimé', 'supprimés')}` : ''}.`
            : 'L’inventaire remplace les données précédentes.'}
        </p>
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
          {rejected > SHOWN_ERRORS ? (
            <li>
              … et {formatInt(rejected - SHOWN_ERRORS)} {agree(rejected - SHOWN_ERRORS, 'autre', 'autres')}.
            </li>
          ) : null}
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

/** The whole inventory as a GeoPackage layer in Lambert-93 (same properties as the GeoJSON exports). */
function InventoryGpkg() {
  const context = useLightsContext();
  const count = useAppStore((s) => s.lightPoints.length);
  return (
    <button
      type="button"
      disabled={count === 0}
      data-testid="lights-inventory-gpkg"
      onClick={gpkgButtonAction('inventaire-eclairage', () => {
        const { lightPoints, lightingSettings } = useAppStore.getState();
        return [
          {
            name: 'points_lumineux',
            collection: lightsToGeoJson(lightPoints, context, lightingSettings),
            srsId: 2154,
            description: 'Inventaire de l’éclairage public — Atlas COTRI',
          },
        ];
      })}
    >
      Inventaire (GeoPackage)
    </button>
  );
}

/** « Importer un inventaire… » opens the shared import dialog; the last validated import is summarised here. */
/** Memoised: the panel re-renders on every filter change, this section depends on none of it. */
export const ImportSection = memo(function ImportSection() {
  const [report, setReport] = useState<{
    fileName: string;
    result: LightsFileImport;
    plan: ImportPlan<unknown> | undefined;
  } | null>(null);
  // A role that may not write lights is not offered the import (the server refuses it anyway).
  const offered = useImportOffered('lights');

  // The dialog applied the chosen import mode (LIGHTS_TARGET); this only keeps its summary.
  const onImported = (result: LightsFileImport, { fileName, plan }: ImportedInfo) => {
    setReport({ fileName, result, plan });
  };

  return (
    <section className="panel" aria-labelledby="lights-import-title">
      <h3 id="lights-import-title">Inventaire</h3>
      <p className="muted lights-small">
        CSV (séparateur « ; » ou « , », UTF-8 ou Windows-1252), GeoJSON ou shapefile zippé. Une ligne par
        point lumineux : identifiant, coordonnées ou commune, technologie, puissance, statut…
      </p>
      <div className="lights-form">
        {offered ? (
          <ImportButton<LightsFileImport>
            label="Importer un inventaire…"
            kind="lights"
            title="Importer un inventaire d’éclairage public"
            description="Une ligne par point lumineux : identifiant, coordonnées (ou code INSEE), technologie, puissance en watts, statut…"
            importer={lightsImporter}
            moduleMapping={LIGHTS_MAPPING}
            onImported={onImported}
            target={LIGHTS_TARGET}
          />
        ) : null}
        <InventoryGpkg />
      </div>
      {report ? <Report {...report} /> : null}
    </section>
  );
});

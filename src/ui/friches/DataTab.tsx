import { useEffect, useId, useState } from 'react';
import {
  CONTEXT_ROLE_LABELS,
  type ContextLayerResult,
  type FrichesImportReport,
  IMPORTABLE_ROLES,
  type ImportableRole,
} from '../../domain/friches/index.ts';
import { agree } from '../../lib/plural.ts';
import { useAppStore } from '../../state/store.ts';
import { contextTarget } from '../data/contextImportTarget.ts';
import { gpkgButtonAction } from '../data/exportGpkg.ts';
import { contextGpkgLayers } from '../data/exportLayers.ts';
import { FRICHES_TARGET } from '../data/importTargets.ts';
import { formatInt } from '../format.ts';
import { ImportButton } from '../import/ImportButton.tsx';
import type { ImportedInfo } from '../import/useImportFlow.ts';
import { useTeamReadOnly } from '../team/permissions.ts';
import { exportRanking, exportSites } from './exportFriches.ts';
import { ImportReportView } from './ImportReportView.tsx';
import {
  contextImportOutcome,
  type InventoryImport as InventoryFile,
  inventoryImportOutcome,
} from './loadFriches.ts';
import { NewSite } from './NewSite.tsx';
import type { FrichesView } from './useFrichesAnalysis.ts';

function InventoryImport() {
  const source = useAppStore((s) => s.frichesSource);
  const team = useAppStore((s) => s.teamMode === 'team');
  const [dropped, setDropped] = useState(false);
  const [result, setResult] = useState<{
    fileName: string;
    report: FrichesImportReport;
    fatal: string | null;
    applied: boolean;
  } | null>(null);

  // The dialog applies the import (FRICHES_TARGET) before calling onImported, and real sites take the
  // fictional sample layers away with them: watch that transition in the store rather than reading the
  // context afterwards (by then the sample layers are already gone).
  useEffect(
    () =>
      useAppStore.subscribe((next, prev) => {
        const hadSample = (c: typeof next.frichesContext) =>
          Object.values(c).some((layer) => layer?.source.kind === 'sample');
        if (hadSample(prev.frichesContext) && !hadSample(next.frichesContext)) {
          setDropped(next.frichesSource?.kind !== 'sample');
        } else if (!hadSample(prev.frichesContext) && hadSample(next.frichesContext)) {
          setDropped(false); // the sample is back (« Revenir aux données d'exemple »)
        }
      }),
    [],
  );

  // Validating in the import dialog is the user's confirmation (its report says what is replaced).
  const onImported = (imported: InventoryFile, { fileName }: { fileName: string }) => {
    setResult({ fileName, report: imported.report, fatal: imported.fatal, applied: true });
  };

  return (
    <section aria-labelledby="friches-import-title">
      <h3 id="friches-import-title">Inventaire des sites</h3>
      <p className="muted small">
        Standard CNIG « Friches » (CSV séparé par des virgules), export Cartofriches (« ; », dates JJ/MM/AAAA)
        ou GeoJSON. Chaque ligne rejetée est expliquée.
      </p>
      <div className="toolbar">
        <ImportButton<InventoryFile>
          label="Importer un inventaire…"
          inputTestId="friches-file-input"
          kind="friches"
          title="Importer un inventaire de friches"
          description="Standard CNIG « Friches », export Cartofriches ou GeoJSON : une ligne par site."
          prepare={inventoryImportOutcome}
          onImported={onImported}
          target={FRICHES_TARGET}
        />
        {source?.kind === 'sample' ? (
          <span className="muted small">Remplace les données d’exemple.</span>
        ) : null}
      </div>
      {team ? (
        <p className="warning small" data-testid="friches-team-import-note">
          Mode équipe : un inventaire importé ici est envoyé au serveur et partagé avec l’équipe (dans votre
          périmètre), comme les sites dessinés et les fiches modifiées.
        </p>
      ) : null}
      {result ? <ImportReportView {...result} /> : null}
      {dropped ? (
        <p className="warning" role="status" data-testid="friches-samples-dropped">
          Les couches de contexte d’exemple (fictives) ont été retirées : vos sites ne sont pas évalués sur
          des données inventées. Importez vos propres couches ci-dessous ; d’ici là, les critères qui en
          dépendent sont « non renseignés ».
        </p>
      ) : null}
    </section>
  );
}

function ContextLayers() {
  const context = useAppStore((s) => s.frichesContext);
  const remove = useAppStore((s) => s.removeFrichesContextLayer);
  const [role, setRole] = useState<ImportableRole>('stations');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const dialogRoleId = useId();

  // The dialog has applied the chosen mode (contextTarget) before this: only the message is left to say.
  const onImported = (layer: ContextLayerResult, { plan }: ImportedInfo) => {
    if (!layer.ok) return;
    const added = plan?.added ?? layer.count;
    const total = useAppStore.getState().frichesContext[layer.role]?.count ?? added;
    setMessage({
      ok: true,
      text: [
        `${CONTEXT_ROLE_LABELS[layer.role]} : ${formatInt(added)} ${agree(added, 'élément chargé', 'éléments chargés')}` +
          (total !== added
            ? `, ${formatInt(total)} ${agree(total, 'élément', 'éléments')} dans la couche.`
            : '.'),
        ...layer.warnings,
      ].join(' '),
    });
  };

  const roleOptions = IMPORTABLE_ROLES.map((r) => (
    <option key={r} value={r}>
      {CONTEXT_ROLE_LABELS[r]}
    </option>
  ));

  return (
    <section aria-labelledby="friches-context-title">
      <h3 id="friches-context-title">Couches de contexte</h3>
      <ul className="context-list" data-testid="friches-context-list">
        <li>
          {CONTEXT_ROLE_LABELS.communes} — <span className="muted">intégrée (INSEE, IGN)</span>
        </li>
        {IMPORTABLE_ROLES.map((r) => {
          const entry = context[r];
          return (
            <li key={r}>
              {CONTEXT_ROLE_LABELS[r]} —{' '}
              {entry ? (
                <>
                  {entry.source.kind === 'sample' ? (
                    <span className="fictional-tag">exemple fictif</span>
                  ) : (
                    <span className="source-badge">Fichier : {entry.source.fileName}</span>
                  )}{' '}
                  <span className="muted">
                    {formatInt(entry.count)} {agree(entry.count, 'élément', 'éléments')}
                  </span>{' '}
                  <button type="button" className="link" onClick={() => remove(r)}>
                    Retirer
                  </button>
                </>
              ) : r === 'communeCentres' ? (
                <span className="muted">intégrée (un point par commune)</span>
              ) : (
                <span className="muted">non chargée : critères correspondants non renseignés</span>
              )}
            </li>
          );
        })}
      </ul>
      <div className="toolbar">
        <label htmlFor="friches-context-role">Rôle de la couche</label>
        <select
          id="friches-context-role"
          value={role}
          onChange={(e) => setRole(e.target.value as ImportableRole)}
        >
          {roleOptions}
        </select>
        <ImportButton<ContextLayerResult>
          label="Importer une couche de contexte…"
          inputTestId="friches-context-input"
          kind="context"
          title="Importer une couche de contexte"
          description="Points (gares, mairies…) ou zones (inondables, protégées…) : GeoJSON, shapefile zippé ou CSV avec coordonnées ou WKT."
          prepare={(result) => contextImportOutcome(result, role)}
          onImported={onImported}
          target={contextTarget(role)}
          options={
            <>
              <label htmlFor={dialogRoleId}>Rôle de la couche</label>
              <select
                id={dialogRoleId}
                value={role}
                onChange={(e) => setRole(e.target.value as ImportableRole)}
              >
                {roleOptions}
              </select>
            </>
          }
        />
        <button
          type="button"
          data-testid="friches-context-gpkg"
          disabled={contextGpkgLayers(context).length === 0}
          onClick={gpkgButtonAction('couches-contexte-friches', () => contextGpkgLayers(context))}
        >
          Couches de contexte (GeoPackage)
        </button>
      </div>
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'muted' : 'error'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

function InventoryExport({ view }: { view: FrichesView | null }) {
  const sites = useAppStore((s) => s.frichesSites);
  const pins = useAppStore((s) => s.frichesPins);
  const [warnings, setWarnings] = useState<string[]>([]);
  return (
    <section aria-labelledby="friches-export-title">
      <h3 id="friches-export-title">Export de l’inventaire</h3>
      <div className="toolbar">
        <button
          type="button"
          disabled={sites.length === 0}
          onClick={() => setWarnings(exportSites('csv', sites, view, pins, 'inventaire-friches-cnig'))}
        >
          Inventaire (CSV CNIG)
        </button>
        <button
          type="button"
          disabled={sites.length === 0}
          onClick={() => setWarnings(exportSites('geojson', sites, view, pins, 'inventaire-friches'))}
        >
          Inventaire (GeoJSON)
        </button>
        <button
          type="button"
          disabled={sites.length === 0}
          data-testid="friches-export-gpkg"
          onClick={() => setWarnings(exportSites('gpkg', sites, view, pins, 'inventaire-friches'))}
        >
          Inventaire (GeoPackage)
        </button>
        <button
          type="button"
          disabled={!view}
          data-testid="friches-export-ranking"
          title="Tous les sites : rang, score et son intervalle, fiabilité, sites écartés avec leur raison"
          onClick={() => view && exportRanking(view, pins, 'classement-friches')}
        >
          Classement et sites écartés (CSV)
        </button>
      </div>
      {warnings.length > 0 ? (
        <ul className="warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function DataTab({ view }: { view: FrichesView | null }) {
  // Team mode: roles that may not write friches see the team's sites without the drawing tool.
  const readOnly = useTeamReadOnly('friches');
  return (
    <div className="friches-data">
      {readOnly ? null : <InventoryImport />}
      <ContextLayers />
      {readOnly ? (
        <p className="muted" data-testid="friches-read-only">
          {readOnly}
        </p>
      ) : (
        <NewSite />
      )}
      <InventoryExport view={view} />
    </div>
  );
}

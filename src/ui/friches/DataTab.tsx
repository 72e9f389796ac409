import { type ChangeEvent, useRef, useState } from 'react';
import {
  CONTEXT_ROLE_LABELS,
  type FrichesImportReport,
  IMPORTABLE_ROLES,
  type ImportableRole,
} from '../../domain/friches/index.ts';
import { useAppStore } from '../../state/store.ts';
import { formatInt } from '../format.ts';
import { exportSites } from './exportFriches.ts';
import { ImportReportView } from './ImportReportView.tsx';
import { importContextLayer, importInventory } from './loadFriches.ts';
import { NewSite } from './NewSite.tsx';
import type { FrichesView } from './useFrichesAnalysis.ts';

const now = () => new Date().toISOString();

function InventoryImport() {
  const source = useAppStore((s) => s.frichesSource);
  const replace = useAppStore((s) => s.replaceFrichesSites);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dropped, setDropped] = useState(false);
  const [result, setResult] = useState<{
    fileName: string;
    report: FrichesImportReport;
    fatal: string | null;
    applied: boolean;
  } | null>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setResult(null);
    setError(null);
    setDropped(false);
    setBusy(`Lecture de ${file.name}…`);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const imported = await importInventory(bytes, file.name, {
        onProgress: (rows) => setBusy(`Lecture de ${file.name} : ${formatInt(rows)} ligne(s)…`),
      });
      let applied = false;
      if (imported.sites.length > 0) {
        const state = useAppStore.getState();
        const keepsWork = state.frichesSource?.kind !== 'sample' && state.frichesSites.length > 0;
        applied =
          !keepsWork ||
          window.confirm(
            `Remplacer les ${state.frichesSites.length} sites actuels par les ${imported.sites.length} du fichier ? Pensez à exporter l’inventaire actuel avant.`,
          );
        if (applied) {
          const fictional = Object.values(state.frichesContext).some((c) => c?.source.kind === 'sample');
          replace(imported.sites, { kind: 'import', fileName: file.name, importedAt: now() });
          setDropped(fictional);
        }
      }
      setResult({ fileName: file.name, report: imported.report, fatal: imported.fatal, applied });
    } catch (err) {
      setError(`Import impossible : ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section aria-labelledby="friches-import-title">
      <h3 id="friches-import-title">Inventaire des sites</h3>
      <p className="muted small">
        Standard CNIG « Friches » (CSV séparé par des virgules), export Cartofriches (« ; », dates JJ/MM/AAAA)
        ou GeoJSON. Chaque ligne rejetée est expliquée.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => input.current?.click()} disabled={busy !== null}>
          Importer un inventaire…
        </button>
        <input
          ref={input}
          type="file"
          accept=".csv,.txt,.geojson,.json,text/csv,application/geo+json"
          className="sr-only"
          tabIndex={-1}
          aria-label="Inventaire de friches à importer"
          data-testid="friches-file-input"
          onChange={onFile}
        />
        {source?.kind === 'sample' ? (
          <span className="muted small">Remplace les données d’exemple.</span>
        ) : null}
      </div>
      <p role="status" className="muted">
        {busy}
      </p>
      {error ? (
        <p role="alert" className="error">
          {error}
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
  const setLayer = useAppStore((s) => s.setFrichesContextLayer);
  const remove = useAppStore((s) => s.removeFrichesContextLayer);
  const [role, setRole] = useState<ImportableRole>('stations');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setMessage({ ok: true, text: `Lecture de ${file.name}…` });
    try {
      const layer = await importContextLayer(new Uint8Array(await file.arrayBuffer()), file.name, role);
      if (!layer.ok) {
        setMessage({ ok: false, text: layer.reason });
        return;
      }
      setLayer({
        role,
        layer: layer.layer,
        count: layer.count,
        source: { kind: 'import', fileName: file.name, importedAt: now() },
      });
      setMessage({
        ok: true,
        text: [
          `${CONTEXT_ROLE_LABELS[role]} : ${formatInt(layer.count)} élément(s) chargé(s).`,
          ...layer.warnings,
        ].join(' '),
      });
    } catch (err) {
      setMessage({
        ok: false,
        text: `Import impossible : ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

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
                  <span className="muted">{formatInt(entry.count)} élément(s)</span>{' '}
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
          {IMPORTABLE_ROLES.map((r) => (
            <option key={r} value={r}>
              {CONTEXT_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => input.current?.click()}>
          Importer une couche…
        </button>
        <input
          ref={input}
          type="file"
          accept=".geojson,.json,.csv,.txt,.zip,.shp"
          className="sr-only"
          tabIndex={-1}
          aria-label="Couche de contexte à importer"
          data-testid="friches-context-input"
          onChange={onFile}
        />
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
  return (
    <div className="friches-data">
      <InventoryImport />
      <ContextLayers />
      <NewSite />
      <InventoryExport view={view} />
    </div>
  );
}

import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ImportMode } from '../../domain/importModes.ts';
import { formatBytes, MAX_FILE_BYTES } from '../../io/fileSize.ts';
import { applyImportPlan, type ImportTarget, modesFor, planFor } from '../data/importTargets.ts';
import { FileChooser } from './FileChooser.tsx';
import { InspectionStep } from './InspectionStep.tsx';
import { mappingProblem } from './inspection.ts';
import { ModeStep } from './ModeStep.tsx';
import { ProgressStep } from './ProgressStep.tsx';
import { ReportStep } from './ReportStep.tsx';
import { TeamImportResult, useServerImportKind, useTeamImport } from './TeamImportStep.tsx';
import { type FlowOptions, useImportFlow } from './useImportFlow.ts';
import './importDialog.css';

export interface ImportDialogProps<T> extends FlowOptions<T> {
  title: string;
  /** A file already chosen with the module's own button: the dialog opens on its inspection. */
  file?: File | null;
  /** What the module expects in the file (shown while choosing). */
  description?: ReactNode;
  /** The module's own choices, shown with the column mapping (layer role, personal data…). */
  options?: ReactNode;
  /** The module's records: the report then offers the import modes with their preview (importTargets.ts). */
  target?: ImportTarget<T, unknown>;
}

interface Action {
  label: string;
  onClick: () => void;
  primary?: boolean;
  disabled?: boolean;
}

/**
 * The one import dialog of the app: file → inspection and column mapping → import with progress and
 * « Annuler » → French report → « Valider l’import ». The module's data changes only on validation.
 */
export function ImportDialog<T>(props: ImportDialogProps<T>) {
  const { title, file = null, description, options, onClose } = props;
  const flow = useImportFlow(props, file);
  const { state } = flow;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const { target } = props;
  const [chosenMode, setMode] = useState<ImportMode | null>(null);
  const report = state.step === 'report' && !state.outcome.fatal ? state.outcome : null;
  const modes = useMemo(() => (target && report ? modesFor(target, report.value) : null), [target, report]);
  const mode = modes ? (chosenMode && modes.includes(chosenMode) ? chosenMode : modes[0]!) : null;
  // Computed from the module's records as they are now: validation applies this very plan.
  const plan = useMemo(
    () => (target && report && mode ? planFor(target, report.value, mode) : null),
    [target, report, mode],
  );
  // Team mode: validating sends the file to the server instead of writing the browser's copy.
  const serverKind = useServerImportKind(target?.module);
  const teamImport = useTeamImport();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    return () => dialog?.close?.();
  }, []);

  // Each new step takes the focus, so keyboard and screen-reader users follow the flow (and a removed
  // button does not leave the focus nowhere).
  useEffect(() => {
    if (state.step !== 'choose') bodyRef.current?.focus();
  }, [state.step]);

  const fileName =
    state.step === 'choose' ? null : state.step === 'inspecting' ? state.fileName : state.draft.file.name;
  let body: ReactNode;
  let actions: Action[];
  switch (state.step) {
    case 'choose':
      body = (
        <div className="import-step">
          {description ? <div className="import-muted">{description}</div> : null}
          <p className="import-muted import-small">
            CSV (séparateur « ; », « , », tabulation ou « | » ; UTF-8 ou Windows-1252), GeoJSON ou shapefile
            zippé (.zip), {formatBytes(MAX_FILE_BYTES)} au plus. Coordonnées en WGS84, Lambert-93 ou CC50.
          </p>
          <FileChooser label="Fichier à importer" onFile={flow.chooseFile} visible />
          {state.message ? (
            <p role="alert" className="import-error" data-testid="import-refused">
              {state.message}
            </p>
          ) : null}
        </div>
      );
      actions = [{ label: 'Annuler', onClick: onClose }];
      break;
    case 'inspecting':
      body = (
        <p className="import-step" aria-live="polite">
          Analyse de {state.fileName} (encodage, séparateur, colonnes, coordonnées)…
        </p>
      );
      actions = [{ label: 'Annuler', onClick: onClose }];
      break;
    case 'confirm': {
      const { draft } = state;
      body = (
        <InspectionStep
          draft={draft}
          message={state.message}
          options={options}
          moduleMapping={props.moduleMapping}
          onChange={flow.updateDraft}
          onLayer={(layer) => void flow.chooseFile(draft.file, layer)}
        />
      );
      actions = [
        { label: 'Annuler', onClick: onClose },
        {
          label: 'Importer',
          primary: true,
          disabled: mappingProblem(draft.inspection, draft.mapping) !== null,
          onClick: () => void flow.startImport(draft),
        },
      ];
      break;
    }
    case 'importing':
      body = (
        <ProgressStep
          fileName={state.draft.file.name}
          done={state.done}
          total={state.total}
          phase={state.phase}
        />
      );
      actions = [{ label: 'Annuler', onClick: flow.cancel }];
      break;
    case 'report': {
      const { outcome } = state;
      const sent = teamImport.state;
      if (sent && serverKind) {
        const retry =
          sent.phase === 'done' && (sent.outcome.kind === 'offline' || sent.outcome.kind === 'expired');
        body = <TeamImportResult state={sent} />;
        actions =
          sent.phase === 'sending'
            ? []
            : [
                { label: 'Fermer', onClick: onClose, primary: !retry },
                ...(retry ? [{ label: 'Réessayer l’envoi', onClick: teamImport.reset, primary: true }] : []),
              ];
        break;
      }
      body = (
        <>
          <ReportStep
            fileName={state.draft.file.name}
            result={state.result}
            // With import modes, the preview says what validating does instead of the module's notice.
            outcome={plan ? { ...outcome, notice: undefined } : outcome}
            durationMs={state.durationMs}
            engineMs={state.engineMs}
          />
          {target && plan && modes && mode ? (
            <ModeStep
              modes={modes}
              mode={mode}
              onMode={setMode}
              plan={plan}
              unit={target.unit}
              keptLabel={target.keptLabel}
              noIds={!modes.includes('merge')}
              noIdsReason={target.noIdsReason}
              skippedReason={target.skippedReason}
            />
          ) : null}
          {serverKind ? (
            <p className="import-info" data-testid="team-import-note">
              Mode équipe : « Valider l’import » envoie le fichier au serveur, qui l’importe pour toute
              l’équipe (dans votre périmètre) et renvoie son propre bilan.
            </p>
          ) : null}
        </>
      );
      actions = [
        { label: 'Fermer sans importer', onClick: onClose },
        { label: 'Modifier la correspondance', onClick: flow.backToConfirm },
        {
          label: 'Valider l’import',
          primary: true,
          disabled: outcome.fatal !== null || outcome.accepted === 0,
          onClick: () =>
            serverKind && mode
              ? void teamImport.send(state.draft.file, { kind: serverKind, mode, crs: state.draft.crs })
              : flow.validate(
                  target && plan
                    ? (name) => {
                        applyImportPlan(target, plan, name);
                        return plan;
                      }
                    : undefined,
                ),
        },
      ];
      break;
    }
  }

  // In <body>, not inside the module's panel: the panel's button and table styles must not leak in.
  return createPortal(
    <dialog
      ref={ref}
      className="import-dialog"
      aria-labelledby={titleId}
      data-testid="import-dialog"
      onCancel={(e) => {
        // Escape: stops a running import (back to the mapping), otherwise closes without importing.
        e.preventDefault();
        if (state.step === 'importing') flow.cancel();
        else onClose();
      }}
      onClose={() => {
        // Closed by the browser itself (a repeated Escape is not cancellable): stop and forget everything.
        // A close queued by StrictMode's effect re-run arrives when the dialog is open again: ignored.
        if (ref.current?.open) return;
        flow.cancel();
        onClose();
      }}
    >
      <header className="import-dialog__header">
        <h2 id={titleId}>{title}</h2>
        {fileName ? <p className="import-dialog__file">{fileName}</p> : null}
      </header>
      <div className="import-dialog__body" ref={bodyRef} tabIndex={-1}>
        {body}
      </div>
      <footer className="import-dialog__actions">
        {state.step === 'confirm' || state.step === 'report' ? (
          <FileChooser label="Choisir un autre fichier…" onFile={(f) => void flow.chooseFile(f)} />
        ) : null}
        <span className="import-dialog__spacer" />
        {actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className={a.primary ? 'import-button import-button--primary' : 'import-button'}
            disabled={a.disabled}
            onClick={a.onClick}
          >
            {a.label}
          </button>
        ))}
      </footer>
    </dialog>,
    document.body,
  );
}

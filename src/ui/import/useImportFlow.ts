import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPlan } from '../../domain/importModes.ts';
import { checkFileSize } from '../../io/fileSize.ts';
import type { InspectResult } from '../../io/import/inspect.ts';
import type { ColumnMapping, ImportResult, LayerKind } from '../../io/types.ts';
import { useAppStore } from '../../state/store.ts';
import { isAbortError } from '../../workers/protocol.ts';
import { type RunImportOptions, runImport, runInspect } from '../data/importService.ts';
import type { CrsChoice } from './labels.ts';
import { checkModuleColumns, type ModuleColumns, type ModuleMappingSpec } from './moduleMapping.ts';
import { engineOutcome, type ModuleOutcome } from './outcome.ts';
import { loadRememberedMapping, rememberMapping } from './rememberedMapping.ts';

/** The file and the choices confirmed in the inspection step. */
export interface Draft {
  file: File;
  inspection: InspectResult;
  mapping: ColumnMapping;
  crs: CrsChoice;
  /** The mapping came from a previous import of a file with the same columns. */
  remembered: boolean;
  /** The module's own columns (when it declares them), as detected or remembered, then edited. */
  moduleColumns: ModuleColumns | null;
  /** GeoPackage layer inspected and to import (the user picks it when the file has several). */
  layer: string | null;
}

export type FlowState<T> =
  | { step: 'choose'; message: string | null }
  | { step: 'inspecting'; fileName: string }
  | { step: 'confirm'; draft: Draft; message: { text: string; alert: boolean } | null }
  | { step: 'importing'; draft: Draft; done: number; total: number; phase: 'engine' | 'module' }
  | {
      step: 'report';
      draft: Draft;
      result: ImportResult;
      outcome: ModuleOutcome<T>;
      /** From « Importer » to the report; `engineMs` up to the engine's result (file read, worker). */
      durationMs: number;
      engineMs: number;
    };

/** Both stages at once (engine + module mapping, e.g. in the import worker), with phased progress. */
export type ModuleImporter<T> = (
  bytes: Uint8Array,
  options: Omit<RunImportOptions, 'kind'>,
  moduleColumns: ModuleColumns | null,
  controls: {
    signal: AbortSignal;
    onProgress: (done: number, total: number, phase: 'engine' | 'module') => void;
  },
) => Promise<{ result: ImportResult; outcome: ModuleOutcome<T> }>;

/**
 * The progress bar's total while the engine reads: the inspection's exact row count when it has one. The
 * engine's own total is an estimate from the bytes read so far (it can overshoot: the bar then said « sur »
 * more rows than the file holds, seen once in the cancel browser test); it counts only without an inspection.
 */
function barTotal(estimate: number, done: number, inspected: number): number {
  return inspected > 0 ? Math.max(done, inspected) : Math.max(estimate, done);
}

export interface FlowOptions<T> {
  kind: LayerKind;
  /**
   * Replaces the engine run + `prepare` on the main thread: the module maps the rows off the main thread
   * (a million rows would freeze the page) and reports its own progress.
   */
  importer?: ModuleImporter<T>;
  /** The module's domain mapping; the engine's result is kept as is without it. */
  prepare?: (result: ImportResult, moduleColumns: ModuleColumns | null) => ModuleOutcome<T>;
  /** The module's own columns, shown and editable in the mapping step. */
  moduleMapping?: ModuleMappingSpec;
  onImported: (value: T, info: ImportedInfo) => void;
  onClose: () => void;
}

/** What a module learns on validation; `plan` when the dialog applied an import mode (ImportTarget). */
export interface ImportedInfo {
  fileName: string;
  result: ImportResult;
  plan?: ImportPlan<unknown>;
}

/** Lets the browser paint (the progress bar at 100 %) before a synchronous module mapping runs. */
const nextPaint = () =>
  new Promise<void>((resolve) => {
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(resolve, 0));
    else setTimeout(resolve, 0);
  });

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The import dialog's steps: choose → inspect → confirm the mapping → import (progress, cancel) → report →
 * validate. Nothing reaches the module before « Valider l’import »: cancelling or closing keeps its data.
 */
export function useImportFlow<T>(options: FlowOptions<T>, initialFile: File | null) {
  const [state, setState] = useState<FlowState<T>>({ step: 'choose', message: null });
  // Latest callbacks: the module's options (e.g. a role chosen in the dialog) may change while we await.
  const latest = useRef(options);
  latest.current = options;
  const running = useRef<AbortController | null>(null);

  /** One operation at a time: a new one (another file, an import) aborts the previous. */
  const begin = useCallback(() => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    return controller.signal;
  }, []);
  useEffect(() => () => running.current?.abort(), []);

  const chooseFile = useCallback(
    async (file: File, layer: string | null = null) => {
      const signal = begin();
      const refused = checkFileSize(file.size);
      if (refused) {
        setState({ step: 'choose', message: `${file.name} : ${refused}` });
        return;
      }
      setState({ step: 'inspecting', fileName: file.name });
      try {
        const { kind } = latest.current;
        const bytes = new Uint8Array(await file.arrayBuffer());
        const inspection = await runInspect(bytes, { fileName: file.name, kind, layer }, { signal });
        if (signal.aborted) return;
        if (!inspection.ok) {
          setState({
            step: 'choose',
            message: `${file.name} : ${inspection.reason ?? 'fichier illisible.'}`,
          });
          return;
        }
        const remembered = loadRememberedMapping(kind, inspection.shapeKey, inspection.fields);
        const spec = latest.current.moduleMapping;
        const moduleColumns = spec
          ? {
              ...spec.guess(inspection.fields),
              ...(checkModuleColumns(remembered?.moduleColumns, spec, inspection.fields) ?? {}),
            }
          : null;
        setState({
          step: 'confirm',
          draft: {
            file,
            inspection,
            mapping: remembered?.mapping ?? inspection.mapping,
            crs: remembered?.crs ?? 'auto',
            remembered: remembered !== null,
            moduleColumns,
            layer: inspection.layer,
          },
          message: null,
        });
      } catch (error) {
        if (signal.aborted) return;
        setState({ step: 'choose', message: `${file.name} : lecture impossible (${message(error)}).` });
      }
    },
    [begin],
  );

  const updateDraft = useCallback((change: Partial<Pick<Draft, 'mapping' | 'crs' | 'moduleColumns'>>) => {
    setState((s) => (s.step === 'confirm' ? { ...s, draft: { ...s.draft, ...change }, message: null } : s));
  }, []);

  const startImport = useCallback(
    async (draft: Draft) => {
      const signal = begin();
      const { kind } = latest.current;
      const { file, inspection } = draft;
      rememberMapping(kind, inspection.shapeKey, {
        mapping: draft.mapping,
        crs: draft.crs,
        ...(draft.moduleColumns ? { moduleColumns: draft.moduleColumns } : {}),
      });
      setState({ step: 'importing', draft, done: 0, total: inspection.rows, phase: 'engine' });
      const started = performance.now();
      try {
        const communes = useAppStore.getState().territory?.communes;
        if (!communes) throw new Error('le territoire n’est pas encore chargé');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const { importer } = latest.current;
        if (importer) {
          const options = { fileName: file.name, crs: draft.crs, mapping: draft.mapping, layer: draft.layer };
          let engineMs = 0;
          const { result, outcome } = await importer(bytes, options, draft.moduleColumns, {
            signal,
            onProgress: (done, total, phase) => {
              if (phase === 'module' && engineMs === 0) engineMs = performance.now() - started;
              setState((s) =>
                s.step === 'importing' && !signal.aborted
                  ? {
                      ...s,
                      done,
                      total: phase === 'engine' ? barTotal(total, done, inspection.rows) : total,
                      phase,
                    }
                  : s,
              );
            },
          });
          if (signal.aborted) return;
          const durationMs = performance.now() - started;
          setState({ step: 'report', draft, result, outcome, durationMs, engineMs: engineMs || durationMs });
          return;
        }
        const result = await runImport(
          bytes,
          communes,
          { kind, fileName: file.name, crs: draft.crs, mapping: draft.mapping, layer: draft.layer },
          {
            signal,
            onProgress: (done, total) =>
              setState((s) =>
                s.step === 'importing' && !signal.aborted
                  ? { ...s, done, total: barTotal(total, done, inspection.rows) }
                  : s,
              ),
          },
        );
        if (signal.aborted) return;
        const engineMs = performance.now() - started;
        setState((s) => (s.step === 'importing' ? { ...s, done: result.rows, phase: 'module' } : s));
        await nextPaint();
        if (signal.aborted) return;
        const { prepare } = latest.current;
        const outcome = prepare
          ? prepare(result, draft.moduleColumns)
          : (engineOutcome(result) as ModuleOutcome<T>);
        setState({
          step: 'report',
          draft,
          result,
          outcome,
          durationMs: performance.now() - started,
          engineMs,
        });
      } catch (error) {
        const cancelled = isAbortError(error) || signal.aborted;
        if (signal.aborted && running.current?.signal !== signal) return; // superseded or closed
        setState({
          step: 'confirm',
          draft,
          message: cancelled
            ? { text: 'Import annulé : les données actuelles sont conservées.', alert: false }
            : { text: `Import impossible : ${message(error)}`, alert: true },
        });
      }
    },
    [begin],
  );

  const cancel = useCallback(() => running.current?.abort(), []);

  const backToConfirm = useCallback(() => {
    setState((s) => (s.step === 'report' ? { step: 'confirm', draft: s.draft, message: null } : s));
  }, []);

  const current = useRef(state);
  current.current = state;
  /** `apply` (the import mode's plan, see ImportDialog) writes the records first, then the module learns it. */
  const validate = useCallback((apply?: (fileName: string) => ImportPlan<unknown>) => {
    const s = current.current;
    if (s.step !== 'report' || s.outcome.fatal || s.outcome.accepted === 0) return;
    const fileName = s.draft.file.name;
    const plan = apply?.(fileName);
    latest.current.onImported(s.outcome.value, { fileName, result: s.result, ...(plan ? { plan } : {}) });
    latest.current.onClose();
  }, []);

  // A file chosen from the module's own button starts the flow at once. Restartable: under StrictMode the
  // effect runs twice and the first inspection is aborted, then started again.
  useEffect(() => {
    if (!initialFile) return;
    void chooseFile(initialFile);
    return () => running.current?.abort();
  }, [initialFile, chooseFile]);

  return { state, chooseFile, updateDraft, startImport, cancel, backToConfirm, validate };
}

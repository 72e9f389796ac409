import type { ImportModule } from '../../state/importHistorySlice.ts';
import { useAppStore } from '../../state/store.ts';
import type { ImportTarget } from '../data/importTargets.ts';

/**
 * « Annuler le dernier import » beside a module's import button: puts back the records as they were before
 * the last validated import (kept for this session). Edits made since are lost, so the user is asked first.
 */
export function UndoImport({ target }: { target: ImportTarget<never, unknown> }) {
  const module: ImportModule = target.module;
  const undo = useAppStore((s) => s.importUndo[module]);
  if (!undo) return null;
  const onClick = () => {
    const state = useAppStore.getState();
    const editedSince = target.current(state) !== undo.after;
    const question = editedSince
      ? `Des modifications ont été faites depuis l’import de « ${undo.fileName} » : elles seront perdues. Revenir aux données d’avant cet import ?`
      : null;
    if (question && !window.confirm(question)) return;
    state.undoImport(module);
  };
  return (
    <button type="button" className="link" data-testid={`undo-import-${module}`} onClick={onClick}>
      Annuler le dernier import ({undo.fileName})
    </button>
  );
}

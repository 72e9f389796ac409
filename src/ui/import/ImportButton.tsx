import { useState } from 'react';
import { ErrorBoundary } from '../shell/ErrorBoundary.tsx';
import { FileChooser } from './FileChooser.tsx';
import { ImportDialog, type ImportDialogProps } from './ImportDialog.tsx';
import { UndoImport } from './UndoImport.tsx';

/**
 * What a module puts in its panel: a button opening the browser's file chooser, then the import dialog on
 * the chosen file. The module's data is only touched by `onImported`, after « Valider l’import ».
 */
export function ImportButton<T>({
  label,
  inputTestId,
  disabled,
  className,
  ...dialog
}: Omit<ImportDialogProps<T>, 'file' | 'onClose'> & {
  label: string;
  /** data-testid of the hidden file input. */
  inputTestId?: string;
  disabled?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState<{ file: File; key: number } | null>(null);
  return (
    <>
      <FileChooser
        label={label}
        testId={inputTestId}
        disabled={disabled || open !== null}
        className={className}
        onFile={(file) => setOpen({ file, key: Date.now() })}
      />
      {dialog.target ? <UndoImport target={dialog.target} /> : null}
      {open ? (
        <ErrorBoundary key={open.key} area="la fenêtre d’import" id="import-dialog">
          <ImportDialog<T> {...dialog} file={open.file} onClose={() => setOpen(null)} />
        </ErrorBoundary>
      ) : null}
    </>
  );
}

import { useId, useRef } from 'react';
import { ACCEPTED_FILES } from './labels.ts';

/**
 * A file input. `visible`: a labelled native input (the dialog's first step). Otherwise a real button that
 * opens the browser's file chooser (keyboard-friendly), with the input itself hidden but labelled the same.
 */
export function FileChooser({
  label,
  onFile,
  visible = false,
  testId,
  disabled = false,
  className = 'import-button',
}: {
  label: string;
  onFile: (file: File) => void;
  visible?: boolean;
  testId?: string;
  disabled?: boolean;
  className?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const onChange = (e: React.ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so that choosing the same file again (after a correction) is seen as a new choice.
    e.target.value = '';
    if (file) onFile(file);
  };
  if (visible) {
    return (
      <p className="import-file">
        <label htmlFor={id}>{label}</label>
        <input id={id} type="file" accept={ACCEPTED_FILES} data-testid={testId} onChange={onChange} />
      </p>
    );
  }
  return (
    <>
      <button type="button" className={className} disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_FILES}
        className="import-sr-only"
        tabIndex={-1}
        aria-label={label}
        data-testid={testId}
        disabled={disabled}
        onChange={onChange}
      />
    </>
  );
}

import { type ReactNode, useEffect, useId, useRef } from 'react';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Buttons, in reading order; the first one gets the focus (put « Annuler » first before a destructive action). */
  actions: {
    label: string;
    onClick: () => void;
    kind?: 'primary' | 'danger' | 'plain';
    disabled?: boolean;
  }[];
  /** Escape or the browser's dialog close. */
  onClose: () => void;
}

/** A modal <dialog>: focus trapped by the browser, Escape closes, title announced to screen readers. */
export function Dialog({ title, children, actions, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="project-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="project-dialog__body">{children}</div>
      <div className="project-dialog__actions">
        {actions.map((a) => (
          <button
            key={a.label}
            type="button"
            className={`project-button project-button--${a.kind ?? 'plain'}`}
            onClick={a.onClick}
            disabled={a.disabled}
          >
            {a.label}
          </button>
        ))}
      </div>
    </dialog>
  );
}

// A confirmation on the native <dialog>: showModal() makes the rest of the page inert, puts the dialog in the top
// layer and gives Escape (the `cancel` event). Tab past the last button would still leave the document (for the
// browser's own toolbar; in Electron there is none, so focus would be lost on <body>): it wraps around instead. Focus starts on Cancel — the safe choice — and goes
// back to the button that opened the dialog when it closes; if that button is gone (the target was removed), to the
// page heading, so keyboard users are never dropped at the top of the document.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from './Button';

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const onCancelRef = useRef(onCancel);
  useEffect(() => {
    onCancelRef.current = onCancel;
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    cancelRef.current?.focus();
    const onCancelEvent = (e: Event) => {
      e.preventDefault(); // the parent decides, by unmounting us
      onCancelRef.current();
    };
    dialog.addEventListener('cancel', onCancelEvent);
    return () => {
      dialog.removeEventListener('cancel', onCancelEvent);
      if (dialog.open) dialog.close();
      // After React has applied the change that closed us (the opener may be disabled or gone by then).
      requestAnimationFrame(() => {
        if (opener?.isConnected && !(opener as HTMLButtonElement).disabled) opener.focus();
        else document.querySelector<HTMLElement>('main h1')?.focus();
      });
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // A click on the backdrop lands on the <dialog> itself, outside its content box.
      onClick={(e) => e.target === e.currentTarget && onCancel()}
      onKeyDown={(e) => {
        if (e.key !== 'Tab') return;
        const items = [...e.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), [href], input, select, textarea')];
        const edge = e.shiftKey ? items[0] : items.at(-1);
        if (document.activeElement === edge) {
          e.preventDefault();
          (e.shiftKey ? items.at(-1) : items[0])?.focus();
        }
      }}
    >
      <div className="dialog-content">
        <h2 id={titleId}>{title}</h2>
        <div id={bodyId} className="dialog-body">
          {body}
        </div>
        <div className="dialog-actions">
          <Button ref={cancelRef} onClick={onCancel}>
            Cancel
          </Button>
          <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}

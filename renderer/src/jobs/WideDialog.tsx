// A large modal on the native <dialog> (YAML views): showModal() makes the page inert and gives Escape; focus goes
// to the dialog's first control and back to the opener when it closes, as components/ConfirmDialog does.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Button } from '../components/Button';

export function WideDialog({
  title,
  subtitle,
  actions,
  children,
  onClose,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    closeRef.current?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      requestAnimationFrame(() => {
        if (opener?.isConnected) opener.focus();
        else document.querySelector<HTMLElement>('main h1')?.focus();
      });
    };
  }, []);
  return (
    <dialog ref={ref} className="dialog dialog-wide" aria-labelledby={titleId} onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog-wide-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle && <div className="dialog-wide-subtitle">{subtitle}</div>}
        </div>
        <div className="page-actions">
          {actions}
          <Button ref={closeRef} onClick={onClose}>
            Close
          </Button>
        </div>
      </div>
      <div className="dialog-wide-body">{children}</div>
    </dialog>
  );
}

// Copies text with the async Clipboard API. When the platform refuses (no permission, not a secure context), it says
// so and selects the text it belongs to (`selectOnFailure`), so Ctrl+C still works; it never pretends it copied.
import { useEffect, useState, type RefObject } from 'react';
import { Button } from './Button';
import { useToast } from './Toasts';

export function CopyButton({
  text,
  label,
  selectOnFailure,
}: {
  text: string;
  /** What is copied, for screen readers: "the YAML" makes the button "Copy the YAML". */
  label: string;
  selectOnFailure?: RefObject<HTMLElement | null>;
}) {
  const toast = useToast();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
      const el = selectOnFailure?.current;
      if (el) window.getSelection()?.selectAllChildren(el);
      toast(
        el
          ? 'Could not copy: the clipboard was refused. The text is selected: press Ctrl+C (⌘C).'
          : 'Could not copy: the clipboard was refused.',
        'error',
      );
    }
  };
  return (
    <>
      <Button variant="ghost" onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Not copied' : 'Copy'}
        <span className="sr-only"> {label}</span>
      </Button>
      <span className="sr-only" aria-live="polite">
        {state === 'copied' ? `Copied ${label}` : ''}
      </span>
    </>
  );
}

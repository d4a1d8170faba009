// Field problems from the server, shown — and announced — once: a field's problem appears when the user leaves the
// field (or when the check of what they typed answers after that), or on submit; it then keeps its wording until
// the next blur or submit, so a screen reader is not read a new sentence per keystroke; a fixed field clears at
// once. Paths are the server's (spec.jobManager.memory); a blur on a group (spec.flinkConfiguration) reveals the
// problems under it. The same contract as components/useShownErrors, for answers that arrive late.
import { useCallback, useState } from 'react';

/** '' (a submit) covers every field. */
const covers = (prefix: string, path: string) => prefix === '' || path === prefix || path.startsWith(`${prefix}.`);

export interface RevealedErrors {
  /** The shown problem of exactly this path. */
  error: (path: string) => string | undefined;
  /** Every shown problem under this path (for a group of rows), by path. */
  under: (prefix: string) => [string, string][];
  reveal: (prefix: string) => void;
  revealAll: () => void;
  shown: Record<string, string>;
}

export function useRevealedErrors(fields: Record<string, string>): RevealedErrors {
  const [touched, setTouched] = useState<string[]>([]);
  const [shown, setShown] = useState<Record<string, string>>({});
  // State derived while rendering (React's pattern): problems that arrived for touched fields, and fixed ones gone.
  let next: Record<string, string> | undefined;
  for (const p of Object.keys(shown))
    if (fields[p] === undefined) {
      next ??= { ...shown };
      delete next[p];
    }
  for (const [p, m] of Object.entries(fields))
    if (shown[p] === undefined && touched.some((t) => covers(t, p))) {
      next ??= { ...shown };
      next[p] = m;
    }
  if (next) setShown(next);

  const reveal = useCallback(
    (prefix: string) => {
      setTouched((t) => (t.includes(prefix) ? t : [...t, prefix]));
      setShown((s) => {
        const out = { ...s };
        for (const [p, m] of Object.entries(fields)) if (covers(prefix, p)) out[p] = m;
        return out;
      });
    },
    [fields],
  );
  const revealAll = useCallback(() => {
    setTouched(['']);
    setShown({ ...fields });
  }, [fields]);
  const current = next ?? shown;
  return {
    shown: current,
    error: (path) => current[path],
    under: (prefix) => Object.entries(current).filter(([p]) => covers(prefix, p)),
    reveal,
    revealAll,
  };
}

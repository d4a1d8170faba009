// Field errors shown, and announced, once: a problem appears when the user leaves the field (blur) or tries to save
// (submit), not on every keystroke; fixing the value clears it at once (a removal is not announced). The message
// then stays as it was at that blur until the next blur or save, so a screen reader is not read a sentence per key.
import { useCallback, useState } from 'react';

type Errors<K extends string> = Partial<Record<K, string>>;

export function useShownErrors<K extends string>(
  live: Errors<K>,
): { errors: Errors<K>; reveal: (k: K) => void; revealAll: () => boolean; hide: () => void } {
  const [shown, setShown] = useState<Errors<K>>({});
  // Adjusting state while rendering (React's pattern for state derived from props): drop what is fixed.
  const fixed = (Object.keys(shown) as K[]).filter((k) => live[k] === undefined);
  if (fixed.length) {
    const next = { ...shown };
    for (const k of fixed) delete next[k];
    setShown(next);
  }
  const reveal = useCallback((k: K) => setShown((s) => (live[k] === undefined || s[k] === live[k] ? s : { ...s, [k]: live[k] })), [live]);
  /** Shows every current problem; true when there is none. */
  const revealAll = useCallback(() => {
    setShown((s) => ({ ...s, ...live }));
    return Object.keys(live).length === 0;
  }, [live]);
  const hide = useCallback(() => setShown({}), []);
  const errors: Errors<K> = {};
  for (const k of Object.keys(shown) as K[]) if (live[k] !== undefined) errors[k] = shown[k];
  return { errors, reveal, revealAll, hide };
}

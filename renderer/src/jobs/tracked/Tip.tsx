// One floating tooltip for the tracked list: drawn fixed over the page, so a virtualised, scrolling table never
// clips it. A trigger shows it on hover and on keyboard focus, and points at it with aria-describedby while it shows.
import { createContext, useCallback, useContext, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Shown {
  lines: string[];
  anchor: DOMRect;
  owner: string;
}
interface TipApi {
  id: string;
  shownFor: string | undefined;
  show: (s: Shown) => void;
  hide: (owner?: string) => void;
}

const Ctx = createContext<TipApi | undefined>(undefined);

export function TipLayer({ children }: { children: ReactNode }) {
  const id = useId();
  const [shown, setShown] = useState<Shown>();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number }>();
  const hide = useCallback((owner?: string) => setShown((s) => (owner === undefined || s?.owner === owner ? undefined : s)), []);
  useLayoutEffect(() => {
    if (!shown || !ref.current) return setPos(undefined);
    const tip = ref.current.getBoundingClientRect();
    const a = shown.anchor;
    const below = a.bottom + 6 + tip.height < window.innerHeight;
    setPos({
      top: below ? a.bottom + 6 : Math.max(4, a.top - 6 - tip.height),
      left: Math.max(4, Math.min(a.left, window.innerWidth - tip.width - 8)),
    });
  }, [shown]);
  // Any scroll moves the anchor away from a fixed tooltip: it goes.
  const open = shown !== undefined;
  useEffect(() => {
    if (!open) return;
    const off = () => hide();
    document.addEventListener('scroll', off, true);
    return () => document.removeEventListener('scroll', off, true);
  }, [open, hide]);
  const api: TipApi = { id, shownFor: shown?.owner, show: setShown, hide };
  return (
    <Ctx.Provider value={api}>
      {children}
      {shown && (
        <div
          ref={ref}
          id={id}
          role="tooltip"
          className="tracked-tip"
          style={pos ? { top: pos.top, left: pos.left } : { top: 0, left: 0, visibility: 'hidden' }}
        >
          {shown.lines.map((l, i) => (
            <div key={i} className={i === 0 ? 'tracked-tip-head' : l.startsWith('! ') ? 'tracked-tip-problem' : undefined}>
              {l}
            </div>
          ))}
        </div>
      )}
    </Ctx.Provider>
  );
}

/** Props for the element the tooltip explains. */
export function useTip(lines: () => string[]) {
  const api = useContext(Ctx);
  const owner = useId();
  if (!api) return {};
  const show = (e: { currentTarget: HTMLElement }) => api.show({ lines: lines(), anchor: e.currentTarget.getBoundingClientRect(), owner });
  const hide = () => api.hide(owner);
  return {
    onMouseEnter: show,
    onFocus: show,
    onMouseLeave: hide,
    onBlur: hide,
    onKeyDown: (e: { key: string }) => e.key === 'Escape' && hide(),
    'aria-describedby': api.shownFor === owner ? api.id : undefined,
  };
}

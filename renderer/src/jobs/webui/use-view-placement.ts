// The desktop app: reports the placeholder's place to main (webui.place) whenever it can have moved — resized
// (ResizeObserver), the page scrolled or the window resized, a dialog opened or closed, the tab hidden — at most once
// a frame and only when it changed; hidden when the component goes away.
import { useEffect, type RefObject } from 'react';
import { api } from '../../api/client';
import { placementOf, samePlacement, type Placement } from './placement';

export function useViewPlacement(id: string, ref: RefObject<HTMLElement | null>, active: boolean): void {
  useEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    let last: Placement | undefined;
    let frame = 0;
    const send = (p: Placement) => void api.invoke('webui.place', { id, bounds: p.bounds, visible: p.visible }).catch(() => undefined);
    const report = () => {
      frame = 0;
      const p = placementOf(el);
      if (samePlacement(last, p)) return;
      last = p;
      send(p);
    };
    const soon = () => {
      frame ||= requestAnimationFrame(report);
    };
    const resize = new ResizeObserver(soon);
    resize.observe(el);
    const dialogs = new MutationObserver(soon);
    dialogs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['open', 'role'] });
    addEventListener('resize', soon);
    document.addEventListener('scroll', soon, { capture: true, passive: true });
    document.addEventListener('visibilitychange', soon);
    report();
    return () => {
      if (frame) cancelAnimationFrame(frame);
      resize.disconnect();
      dialogs.disconnect();
      removeEventListener('resize', soon);
      document.removeEventListener('scroll', soon, { capture: true });
      document.removeEventListener('visibilitychange', soon);
      send({ bounds: last?.bounds ?? { x: 0, y: 0, width: 0, height: 0 }, visible: false });
    };
  }, [id, ref, active]);
}

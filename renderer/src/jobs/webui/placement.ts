// Where the desktop app's Flink Web UI view goes: the placeholder's rectangle as the page shows it, cut to what of
// the scrolling page is visible, or nothing while a dialog is open (the view lies above the page and would cover it).
import type { WebUiBounds } from '../../../../shared/contracts/webui';

export interface Placement {
  bounds: WebUiBounds;
  visible: boolean;
}

export function placementOf(el: HTMLElement): Placement {
  const r = el.getBoundingClientRect();
  const clip = el.closest('.main')?.getBoundingClientRect() ?? { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
  const left = Math.max(r.left, clip.left, 0);
  const top = Math.max(r.top, clip.top, 0);
  const right = Math.min(r.right, clip.right, innerWidth);
  const bottom = Math.min(r.bottom, clip.bottom, innerHeight);
  const covered = document.hidden || document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]') !== null;
  const bounds = { x: left, y: top, width: Math.max(0, right - left), height: Math.max(0, bottom - top) };
  return { bounds, visible: !covered && bounds.width > 0 && bounds.height > 0 };
}

export const samePlacement = (a: Placement | undefined, b: Placement) =>
  !!a &&
  a.visible === b.visible &&
  Math.round(a.bounds.x) === Math.round(b.bounds.x) &&
  Math.round(a.bounds.y) === Math.round(b.bounds.y) &&
  Math.round(a.bounds.width) === Math.round(b.bounds.width) &&
  Math.round(a.bounds.height) === Math.round(b.bounds.height);

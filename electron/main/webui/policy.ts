// The rules of an embedded Flink Web UI, as pure functions (unit-tested without Electron): where it may navigate
// (its cluster's local proxy origin only), what a window.open does (the proxy's own pages and https links go to the
// system browser, nothing else opens), the view's rectangle from the page's report, and its session partition.
import { createHash } from 'node:crypto';
import type { WebUiBounds } from '../../../shared/contracts/webui';
import { isSafeExternalUrl } from '../security';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The origin a UI is held to: its local proxy on loopback over plain HTTP (the access layer never gives another). */
export function proxyOriginOf(proxyUrl: string): string {
  const u = parse(proxyUrl);
  if (!u || u.protocol !== 'http:' || (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') || u.username || u.password)
    throw new Error(`not a local proxy address: ${proxyUrl}`);
  return u.origin;
}

/** A navigation of the UI (any frame, a redirect): only within its local proxy's origin, without credentials. */
export function isAllowedNavigation(url: string, proxyOrigin: string): boolean {
  const u = parse(url);
  return !!u && u.origin === proxyOrigin && !u.username && !u.password;
}

/**
 * A window the UI asks for (a link with target=_blank, window.open): its own pages (a log file, say) and https
 * links (Flink's documentation) open in the system browser; everything else (file:, javascript:, another local
 * port) is refused. The UI never gets a window of the app's.
 */
export function windowOpenAction(url: string, proxyOrigin: string): 'external' | 'deny' {
  return isAllowedNavigation(url, proxyOrigin) || isSafeExternalUrl(url) ? 'external' : 'deny';
}

/**
 * The view's rectangle in the window's content area (DIPs) from the page's report (CSS pixels of its viewport):
 * scaled by the page's zoom, rounded outward to whole pixels, cut to the content area. Undefined when nothing of
 * it would show (then the view is hidden rather than placed).
 */
export function viewBounds(reported: WebUiBounds, zoomFactor: number, content: { width: number; height: number }): Rect | undefined {
  const values = [reported.x, reported.y, reported.width, reported.height, zoomFactor, content.width, content.height];
  if (!values.every(Number.isFinite) || zoomFactor <= 0 || reported.width <= 0 || reported.height <= 0) return undefined;
  const left = Math.max(0, Math.floor(reported.x * zoomFactor));
  const top = Math.max(0, Math.floor(reported.y * zoomFactor));
  const right = Math.min(Math.floor(content.width), Math.ceil((reported.x + reported.width) * zoomFactor));
  const bottom = Math.min(Math.floor(content.height), Math.ceil((reported.y + reported.height) * zoomFactor));
  if (right <= left || bottom <= top) return undefined;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * An in-memory session of its own per cluster (no "persist:" prefix): nothing of one cluster's UI (storage, cache,
 * cookies) is seen by another's or by the app, and nothing is kept on disk after the app quits.
 */
export function partitionFor(id: string): string {
  return `flink-ui-${createHash('sha256').update(id).digest('hex').slice(0, 24)}`;
}

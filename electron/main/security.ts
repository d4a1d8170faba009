// The security baseline of DESIGN §7. Rules belong to the window they protect: the app window (its web contents
// and the default session it runs in) may navigate only to the app page, gets the renderer's CSP, and is granted one
// permission, clipboard writes for the Copy buttons. Other web contents (the embedded Flink Web UI, with its own
// partition and origin) bring their own rules; every web contents still gets the floor: no <webview>, and no new
// window unless its owner sets a handler.
import type { App, Session, Shell, WebContents } from 'electron';
import { RENDERER_CSP } from '../../shared/csp';
import type { SenderCheck } from './ipc';

/** The only permission the app page is ever granted: `navigator.clipboard.writeText` for the Copy buttons. */
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The app window's web contents: navigation and redirects only to the app page; https links to the browser. */
export function guardAppContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  isAppPage: SenderCheck,
  shell: Pick<Shell, 'openExternal'>,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/**
 * The app's session (the default one): the CSP on its responses, and every permission denied except clipboard
 * writes asked for by the app page itself.
 */
export function guardAppSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
  isAppPage: SenderCheck,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(APP_PERMISSIONS.has(permission) && isAppPage(details.requestingUrl || contents.getURL()));
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    return APP_PERMISSIONS.has(permission) && isAppPage(details.requestingUrl || contents?.getURL());
  });
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

/**
 * The floor for every web contents the app creates. Navigation is left to each window's own guard; a window that
 * should open links sets its own handler, which replaces this one.
 */
export function installContentsFloor(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

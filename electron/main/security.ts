// The security baseline of DESIGN §7, applied to every web contents the app ever creates: navigation and new
// windows only to the app's own page (https links go to the system browser), no <webview>, every permission
// request denied, and the renderer's CSP on every response.
import type { App, Session, Shell, WebContents } from 'electron';
import { RENDERER_CSP } from '../../shared/csp';
import type { SenderCheck } from './ipc';

export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password;
  } catch {
    return false;
  }
}

export function guardWebContents(contents: WebContents, isAppPage: SenderCheck, shell: Pick<Shell, 'openExternal'>): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function guardSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

export function installSecurityGuards(app: Pick<App, 'on'>, isAppPage: SenderCheck, shell: Pick<Shell, 'openExternal'>): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, isAppPage, shell));
}

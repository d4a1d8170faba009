// The guards of one embedded Flink Web UI, on its own web contents and its own session only (the app window's guards
// in security.ts stay as they are): every navigation and redirect held to its local proxy's origin, windows it asks
// for sent to the system browser by windowOpenAction or refused, every permission refused.
import type { Session, Shell, WebContents } from 'electron';
import { isAllowedNavigation, windowOpenAction } from './policy';

export function guardWebUiContents(
  contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  proxyOrigin: string,
  shell: Pick<Shell, 'openExternal'>,
): void {
  const hold = (event: { url: string; preventDefault(): void }) => {
    if (!isAllowedNavigation(event.url, proxyOrigin)) event.preventDefault();
  };
  // Any frame's navigation (the main frame's too), and server redirects.
  contents.on('will-frame-navigate', hold);
  contents.on('will-navigate', hold);
  contents.on('will-redirect', hold);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (windowOpenAction(url, proxyOrigin) === 'external') void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** The UI's own partition: nothing is granted (camera, notifications, clipboard reads, HID, serial, …). */
export function guardWebUiSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../../../shared/csp';
import { trustedSenderCheck } from '../../../electron/main/ipc';
import { guardAppContents, guardAppSession, installContentsFloor, isSafeExternalUrl } from '../../../electron/main/security';
import { mainWindowOptions } from '../../../electron/main/window';
import { WindowEventSink } from '../../../electron/main/event-sink';
import { IPC_EVENT } from '../../../electron/main/ipc-channels';

type Listener = (...args: unknown[]) => void;

/** Test double of a WebContents (named as one): records its listeners and window-open handler. */
function fakeWebContents(url = 'file:///app/out/renderer/index.html') {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    getURL: () => url,
    listens: (e: string) => listeners.has(e),
    on: (e: string, l: Listener) => listeners.set(e, l),
    setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    fire(e: string, url?: string) {
      const event = { preventDefault: vi.fn() };
      listeners.get(e)?.(event, url);
      return event.preventDefault;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

const isApp = trustedSenderCheck('file:///app/out/renderer/index.html');

describe('Electron security baseline', () => {
  it('creates the window sandboxed, isolated, without Node and with the preload only', () => {
    const o = mainWindowOptions('/app/out/preload/index.cjs');
    expect(o.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('keeps the app window on the app page: navigation and redirects elsewhere are blocked', () => {
    const wc = fakeWebContents();
    guardAppContents(wc as never, isApp, { openExternal: vi.fn() });
    expect(wc.fire('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(wc.fire('will-redirect', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(wc.fire('will-navigate', 'file:///app/out/renderer/index.html#/settings')).not.toHaveBeenCalled();
  });

  it('denies the app window new windows; https links go to the system browser, nothing else does', () => {
    const wc = fakeWebContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    guardAppContents(wc as never, isApp, shell);
    expect(wc.open('https://nightlies.apache.org/flink/')).toEqual({ action: 'deny' });
    expect(wc.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(wc.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://nightlies.apache.org/flink/');
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
  });

  it("gives every other web contents only the floor (no <webview>, no new window), not the app page's navigation rules", () => {
    let hook: Listener | undefined;
    installContentsFloor({ on: (e: string, l: Listener) => (e === 'web-contents-created' ? (hook = l) : undefined) } as never);
    // An embedded Flink Web UI: its own origin, its own rules to come.
    const flinkUi = fakeWebContents('http://127.0.0.1:38081/#/overview');
    hook!({}, flinkUi);
    expect(flinkUi.fire('will-attach-webview')).toHaveBeenCalled();
    expect(flinkUi.open('https://flink.apache.org/')).toEqual({ action: 'deny' });
    expect(flinkUi.listens('will-navigate')).toBe(false);
    expect(flinkUi.listens('will-redirect')).toBe(false);
  });

  it('denies every permission, except clipboard writes asked for by the app page; sets the CSP on responses', () => {
    type Request = (wc: unknown, p: string, cb: (ok: boolean) => void, d: { requestingUrl?: string }) => void;
    type Check = (wc: unknown, p: string, origin: string, d: { requestingUrl?: string }) => boolean;
    let request: Request | undefined;
    let check: Check | undefined;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    guardAppSession(
      {
        setPermissionRequestHandler: (h: Request) => (request = h),
        setPermissionCheckHandler: (h: Check) => (check = h),
        webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
      } as never,
      isApp,
    );
    const app = fakeWebContents();
    const asked = (wc: unknown, permission: string, requestingUrl?: string) => {
      const cb = vi.fn();
      request!(wc, permission, cb, requestingUrl ? { requestingUrl } : {});
      expect(cb).toHaveBeenCalledTimes(1);
      return cb.mock.calls[0]?.[0] as boolean;
    };
    expect(asked(app, 'clipboard-sanitized-write', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(asked(app, 'clipboard-sanitized-write')).toBe(true);
    expect(asked(app, 'clipboard-read', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(asked(app, 'media', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(asked(fakeWebContents('https://evil.example/'), 'clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(check!(app, 'clipboard-sanitized-write', 'file:///', { requestingUrl: 'file:///app/out/renderer/index.html' })).toBe(true);
    expect(check!(null, 'clipboard-sanitized-write', 'https://evil.example', { requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(check!(app, 'notifications', 'file:///', { requestingUrl: 'file:///app/out/renderer/index.html' })).toBe(false);
    expect(check!(null, 'clipboard-sanitized-write', 'file:///', {})).toBe(false);
    const out = vi.fn();
    headers!({ responseHeaders: { a: ['b'] } }, out);
    expect(out).toHaveBeenCalledWith({ responseHeaders: { a: ['b'], 'Content-Security-Policy': [RENDERER_CSP] } });
  });

  it('trusts only the app page as IPC sender (file build or dev origin)', () => {
    expect(isApp('file:///app/out/renderer/index.html')).toBe(true);
    expect(isApp('file:///app/other.html')).toBe(false);
    expect(isApp(undefined)).toBe(false);
    expect(isApp('not a url')).toBe(false);
    const dev = trustedSenderCheck('http://localhost:5173/');
    expect(dev('http://localhost:5173/#/jobs')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
  });

  it('queues events until the window is ready, then delivers them in order', () => {
    const sink = new WindowEventSink();
    sink.emit('settings.changed', { a: 1 } as never);
    sink.emit('settings.changed', { a: 2 } as never);
    const send = vi.fn();
    sink.ready({ send, isDestroyed: () => false });
    expect(send.mock.calls).toEqual([
      [IPC_EVENT, 'settings.changed', { a: 1 }],
      [IPC_EVENT, 'settings.changed', { a: 2 }],
    ]);
    sink.emit('settings.changed', { a: 3 } as never);
    expect(send).toHaveBeenCalledTimes(3);
  });
});

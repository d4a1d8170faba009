import { describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../../../shared/csp';
import { trustedSenderCheck } from '../../../electron/main/ipc';
import { guardSession, guardWebContents, installSecurityGuards, isSafeExternalUrl } from '../../../electron/main/security';
import { mainWindowOptions } from '../../../electron/main/window';
import { WindowEventSink } from '../../../electron/main/event-sink';
import { IPC_EVENT } from '../../../electron/main/ipc-channels';

type Listener = (...args: unknown[]) => void;

function fakeWebContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
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

  it('blocks navigation and redirects away from the app page, and every <webview>', () => {
    const wc = fakeWebContents();
    guardWebContents(wc as never, isApp, { openExternal: vi.fn() });
    expect(wc.fire('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
    expect(wc.fire('will-redirect', 'file:///etc/passwd')).toHaveBeenCalled();
    expect(wc.fire('will-navigate', 'file:///app/out/renderer/index.html#/settings')).not.toHaveBeenCalled();
    expect(wc.fire('will-attach-webview')).toHaveBeenCalled();
  });

  it('denies new windows; https links go to the system browser, nothing else does', () => {
    const wc = fakeWebContents();
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    guardWebContents(wc as never, isApp, shell);
    expect(wc.open('https://nightlies.apache.org/flink/')).toEqual({ action: 'deny' });
    expect(wc.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(wc.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://nightlies.apache.org/flink/');
    expect(isSafeExternalUrl('https://user:pw@example.com/')).toBe(false);
  });

  it('installs the guards on every web contents the app creates', () => {
    let hook: Listener | undefined;
    installSecurityGuards({ on: (e: string, l: Listener) => (e === 'web-contents-created' ? (hook = l) : undefined) } as never, isApp, {
      openExternal: vi.fn(),
    });
    const wc = fakeWebContents();
    hook!({}, wc);
    expect(wc.fire('will-navigate', 'https://evil.example/')).toHaveBeenCalled();
  });

  it('denies every permission and sets the CSP on responses', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let headers: ((d: { responseHeaders: Record<string, string[]> }, cb: (r: unknown) => void) => void) | undefined;
    guardSession({
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onHeadersReceived: (h: typeof headers) => (headers = h) },
    } as never);
    const cb = vi.fn();
    request!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(check!()).toBe(false);
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

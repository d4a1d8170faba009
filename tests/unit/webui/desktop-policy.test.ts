// The embedded Flink Web UI's rules in the desktop app (electron/main/webui/policy.ts, guards.ts, view-options.ts),
// without Electron: navigation held to the cluster's local proxy origin, windows, bounds, partitions, permissions.
import { describe, expect, it, vi } from 'vitest';
import { guardWebUiContents, guardWebUiSession } from '../../../electron/main/webui/guards';
import { isAllowedNavigation, partitionFor, proxyOriginOf, viewBounds, windowOpenAction } from '../../../electron/main/webui/policy';
import { webUiViewOptions } from '../../../electron/main/webui/view-options';

const proxy = 'http://127.0.0.1:38081';

describe('Web UI navigation policy', () => {
  it('is held to its local proxy origin: same origin any path, nothing else', () => {
    expect(isAllowedNavigation('http://127.0.0.1:38081/#/task-manager', proxy)).toBe(true);
    expect(isAllowedNavigation('http://127.0.0.1:38081/jobs/overview', proxy)).toBe(true);
    for (const url of [
      'http://127.0.0.1:38082/',
      'http://localhost:38081/',
      'https://127.0.0.1:38081/',
      'http://user:pw@127.0.0.1:38081/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'http://10.0.0.5:8081/',
      'not a url',
    ])
      expect(isAllowedNavigation(url, proxy), url).toBe(false);
  });

  it('windows: its own pages and https links go to the system browser, the rest nowhere', () => {
    expect(windowOpenAction('http://127.0.0.1:38081/taskmanagers/x/log', proxy)).toBe('external');
    expect(windowOpenAction('https://nightlies.apache.org/flink/', proxy)).toBe('external');
    expect(windowOpenAction('http://example.com/', proxy)).toBe('deny');
    expect(windowOpenAction('file:///etc/passwd', proxy)).toBe('deny');
    expect(windowOpenAction('http://127.0.0.1:9999/', proxy)).toBe('deny');
  });

  it('takes only a plain-HTTP loopback proxy address as the origin', () => {
    expect(proxyOriginOf('http://127.0.0.1:38081')).toBe(proxy);
    expect(() => proxyOriginOf('http://10.1.2.3:8081')).toThrow(/not a local proxy/);
    expect(() => proxyOriginOf('https://127.0.0.1:1/')).toThrow(/not a local proxy/);
  });

  it('the guards: navigations and redirects elsewhere prevented, window.open never opens an app window', () => {
    const listeners = new Map<string, (e: { url: string; preventDefault(): void }) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = {
      on: (e: string, l: (e: { url: string; preventDefault(): void }) => void) => void listeners.set(e, l),
      setWindowOpenHandler: (h: typeof openHandler) => void (openHandler = h),
    };
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    guardWebUiContents(contents as never, proxy, shell);
    const fire = (name: string, url: string) => {
      const e = { url, preventDefault: vi.fn() };
      listeners.get(name)!(e);
      return e.preventDefault.mock.calls.length > 0;
    };
    for (const name of ['will-frame-navigate', 'will-navigate', 'will-redirect']) {
      expect(fire(name, 'http://127.0.0.1:41000/?token=app'), name).toBe(true);
      expect(fire(name, `${proxy}/#/overview`), name).toBe(false);
    }
    expect(fire('will-attach-webview', 'about:blank')).toBe(true);
    expect(openHandler!({ url: 'https://flink.apache.org/' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://flink.apache.org/']]);
  });

  it('its own session grants nothing', () => {
    const s = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
    guardWebUiSession(s);
    const answer = vi.fn();
    for (const p of ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen'])
      (s.setPermissionRequestHandler.mock.calls[0]![0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void)({}, p, answer);
    expect(answer.mock.calls).toEqual(Array(5).fill([false]));
    expect((s.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    expect((s.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
  });

  it('the view: sandboxed, isolated, no Node, no preload, in a partition of its own per cluster, in memory', () => {
    const o = webUiViewOptions(partitionFor('kube:dev/flink/orders'));
    expect(o.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(o.webPreferences?.preload).toBeUndefined();
    expect(o.webPreferences?.partition).toMatch(/^flink-ui-[0-9a-f]{24}$/);
    expect(partitionFor('kube:dev/flink/orders')).toBe(partitionFor('kube:dev/flink/orders'));
    expect(partitionFor('kube:dev/flink/orders')).not.toBe(partitionFor('kube:dev/flink/payments'));
  });
});

describe('Web UI bounds', () => {
  const content = { width: 1280, height: 820 };
  it('from the page report: zoom applied, whole pixels outward, cut to the content area', () => {
    expect(viewBounds({ x: 240.4, y: 180.6, width: 800.2, height: 500 }, 1, content)).toEqual({ x: 240, y: 180, width: 801, height: 501 });
    expect(viewBounds({ x: 100, y: 100, width: 400, height: 300 }, 1.25, content)).toEqual({ x: 125, y: 125, width: 500, height: 375 });
    expect(viewBounds({ x: -50, y: 700, width: 2000, height: 500 }, 1, content)).toEqual({ x: 0, y: 700, width: 1280, height: 120 });
  });
  it('nothing to show: undefined (the view is hidden)', () => {
    expect(viewBounds({ x: 0, y: 900, width: 400, height: 300 }, 1, content)).toBeUndefined();
    expect(viewBounds({ x: 0, y: 0, width: 0, height: 300 }, 1, content)).toBeUndefined();
    expect(viewBounds({ x: Number.NaN, y: 0, width: 10, height: 10 }, 1, content)).toBeUndefined();
    expect(viewBounds({ x: 0, y: 0, width: 10, height: 10 }, 0, content)).toBeUndefined();
  });
});

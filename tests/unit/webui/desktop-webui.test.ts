// The desktop app's WebUiHost (electron/main/webui/desktop-webui.ts) over a TEST DOUBLE of Electron's
// WebContentsView and window (named as one: the Electron binary is not here): one view per cluster, in its partition,
// guarded, loaded from the local proxy, placed and hidden as the page reports, closed with the cluster.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { DesktopWebUi } from '../../../electron/main/webui/desktop-webui';
import { partitionFor } from '../../../electron/main/webui/policy';

class FakeContents extends EventEmitter {
  destroyed = false;
  loaded: string[] = [];
  openHandler: unknown;
  constructor(private readonly outcome: 'ok' | 'fail') {
    super();
  }
  setWindowOpenHandler(h: unknown) {
    this.openHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
  }
  loadURL(url: string) {
    this.loaded.push(url);
    queueMicrotask(() =>
      this.outcome === 'ok' ? this.emit('did-finish-load') : this.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true),
    );
    return Promise.resolve();
  }
}

function fakes(outcome: 'ok' | 'fail' = 'ok') {
  const views: FakeView[] = [];
  class FakeView {
    webContents = new FakeContents(outcome);
    bounds: unknown;
    visible = true;
    constructor(readonly options: { webPreferences?: { partition?: string } }) {
      views.push(this);
    }
    setBounds(b: unknown) {
      this.bounds = b;
    }
    setVisible(v: boolean) {
      this.visible = v;
    }
  }
  const children = new Set<unknown>();
  const window = {
    contentView: { addChildView: (v: unknown) => void children.add(v), removeChildView: (v: unknown) => void children.delete(v) },
    getContentSize: () => [1280, 820],
    isDestroyed: () => false,
    webContents: { getZoomFactor: () => 1 },
  };
  const sessions: string[] = [];
  const shell = { openExternal: vi.fn(() => Promise.resolve()) };
  const ui = new DesktopWebUi(
    {
      WebContentsView: FakeView as never,
      fromPartition: (p: string) => {
        sessions.push(p);
        return { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn(), setDevicePermissionHandler: vi.fn() };
      },
      shell,
    },
    () => window as never,
  );
  return { ui, views, children, sessions, shell };
}

const target = { id: 'kube:dev/flink/orders', title: 'Flink Web UI · orders', proxyUrl: 'http://127.0.0.1:38081' };

describe('DesktopWebUi', () => {
  it('opens one hidden view per cluster in its own partition, guarded, loaded from the local proxy; the page gets no URL', async () => {
    const f = fakes();
    expect(await f.ui.open(target)).toEqual({});
    expect(await f.ui.open(target)).toEqual({});
    expect(f.views).toHaveLength(1);
    const v = f.views[0]!;
    expect(v.options.webPreferences).toMatchObject({
      partition: partitionFor(target.id),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(f.sessions).toEqual([partitionFor(target.id)]);
    expect(v.webContents.loaded).toEqual(['http://127.0.0.1:38081']);
    expect(v.webContents.listenerCount('will-frame-navigate')).toBe(1);
    expect(v.webContents.openHandler).toBeTypeOf('function');
    expect(v.visible).toBe(false);
    expect(f.children.has(v)).toBe(true);
  });

  it('is placed where the page reports, hidden when the page says so or reloads', async () => {
    const f = fakes();
    await f.ui.open(target);
    const v = f.views[0]!;
    expect(f.ui.place(target.id, { x: 240, y: 200, width: 900, height: 560 }, true)).toBe(true);
    expect(v.bounds).toEqual({ x: 240, y: 200, width: 900, height: 560 });
    expect(v.visible).toBe(true);
    f.ui.place(target.id, { x: 240, y: 900, width: 900, height: 560 }, true);
    expect(v.visible).toBe(false);
    f.ui.place(target.id, { x: 240, y: 200, width: 900, height: 560 }, true);
    f.ui.hideAll();
    expect(v.visible).toBe(false);
    expect(f.ui.place('kube:dev/flink/other', { x: 0, y: 0, width: 1, height: 1 }, true)).toBe(false);
  });

  it('a failed first load says why and leaves nothing open, so Retry loads afresh', async () => {
    const f = fakes('fail');
    await expect(f.ui.open(target)).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringMatching(/ERR_CONNECTION_REFUSED/),
    });
    expect(f.children.size).toBe(0);
    expect(f.views[0]!.webContents.destroyed).toBe(true);
    await expect(f.ui.open(target)).rejects.toMatchObject({ code: 'unreachable' });
    expect(f.views).toHaveLength(2);
  });

  it('closes with the cluster; Open in browser opens the local proxy in the system browser', async () => {
    const f = fakes();
    await f.ui.open(target);
    expect(await f.ui.external(target)).toEqual({ opened: true });
    expect(f.shell.openExternal).toHaveBeenCalledWith('http://127.0.0.1:38081/');
    expect(await f.ui.close(target.id)).toBe(true);
    expect(f.views[0]!.webContents.destroyed).toBe(true);
    expect(f.children.size).toBe(0);
    expect(await f.ui.close(target.id)).toBe(false);
  });

  it('refuses anything but a loopback local proxy', async () => {
    const f = fakes();
    await expect(f.ui.open({ ...target, proxyUrl: 'http://10.0.0.5:8081' })).rejects.toThrow(/not a local proxy/);
    expect(f.views).toHaveLength(0);
  });
});

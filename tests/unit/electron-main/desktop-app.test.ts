// The desktop app's wiring: services opened through the one runtime with the window's event sink and the native
// file picker, started when ready, stopped before quitting; guards only on the app window and its session.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { runDesktopApp, type ElectronApi } from '../../../electron/main/desktop-app';
import { WindowEventSink } from '../../../electron/main/event-sink';
import type { NodeServicesOptions } from '../../../electron/services/node-runtime';
import type { Services } from '../../../electron/services/app';

const APP_URL = 'file:///app/out/renderer/index.html';

/** Test double of a WebContents (named as one). */
class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | undefined;
  constructor(private readonly url: string) {
    super();
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  getURL() {
    return this.url;
  }
  navigate(url: string): boolean {
    const event = { preventDefault: vi.fn() };
    this.emit('will-navigate', event, url);
    return event.preventDefault.mock.calls.length === 0;
  }
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Test double of the `electron` module's parts the app uses (named as one), and of the services. */
function fakes() {
  const app = Object.assign(new EventEmitter(), {
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: () => '9.9.9',
  });
  const windows: { options: unknown; webContents: FakeContents; loaded?: string }[] = [];
  class BrowserWindow extends EventEmitter {
    webContents: FakeContents;
    constructor(options: unknown) {
      super();
      this.webContents = new FakeContents(APP_URL);
      app.emit('web-contents-created', {}, this.webContents);
      windows.push({ options, webContents: this.webContents });
    }
    static getAllWindows = () => windows;
    loadURL(url: string) {
      windows.at(-1)!.loaded = url;
      return Promise.resolve();
    }
    isDestroyed = () => false;
    show() {}
  }
  const sessionHandlers: { request?: (...a: unknown[]) => void } = {};
  const electron = {
    app,
    BrowserWindow,
    dialog: {
      showOpenDialog: vi.fn(() => Promise.resolve({ canceled: false, filePaths: ['/home/u/.kube/dev.yaml'] })),
      showErrorBox: vi.fn(),
    },
    ipcMain: { handle: vi.fn(), on: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...a: unknown[]) => void) => (sessionHandlers.request = h),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onHeadersReceived: vi.fn() },
      },
    },
    shell: { openExternal: vi.fn() },
  };
  const stopped = deferred();
  const services = {
    dispatch: vi.fn(),
    start: vi.fn(() => Promise.resolve()),
    stop: vi.fn(() => stopped.promise),
  };
  const openServices = vi.fn((_o: NodeServicesOptions) => Promise.resolve(services as unknown as Services));
  return { app, electron: electron as unknown as ElectronApi, windows, services, openServices, stopped, sessionHandlers };
}

function quit(app: EventEmitter) {
  const event = { preventDefault: vi.fn() };
  app.emit('before-quit', event);
  return event.preventDefault;
}

describe('desktop app wiring', () => {
  it('opens the services once ready (Electron transport, window sink, file picker), then the window, then starts them', async () => {
    const f = fakes();
    await runDesktopApp(f.electron, { appUrl: APP_URL, preloadPath: '/app/out/preload/index.cjs', openServices: f.openServices });

    expect(f.openServices).toHaveBeenCalledTimes(1);
    const options = f.openServices.mock.calls[0]![0];
    expect(options).toMatchObject({ transport: 'electron', version: '9.9.9' });
    expect(options.events).toBeInstanceOf(WindowEventSink);
    expect(f.windows).toHaveLength(1);
    expect(f.windows[0]!.loaded).toBe(APP_URL);
    expect(f.services.start).toHaveBeenCalledTimes(1);
    expect(f.services.stop).not.toHaveBeenCalled();

    // The file picker is the native dialog, modal to the app window.
    await expect(options.filePicker!.openFile({ title: 'Add a kubeconfig file' })).resolves.toBe('/home/u/.kube/dev.yaml');
    expect(f.electron.dialog.showOpenDialog).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ title: 'Add a kubeconfig file' }),
    );
  });

  it('quitting waits for the services to stop, then exits; a second quit meanwhile does not stop twice', async () => {
    const f = fakes();
    await runDesktopApp(f.electron, { appUrl: APP_URL, preloadPath: '/p.cjs', openServices: f.openServices });

    expect(quit(f.app)).toHaveBeenCalled();
    expect(f.services.stop).toHaveBeenCalledTimes(1);
    // stop() has not settled: nothing can have exited yet.
    expect(f.app.exit).not.toHaveBeenCalled();
    expect(quit(f.app)).toHaveBeenCalled();
    expect(f.services.stop).toHaveBeenCalledTimes(1);

    const exited = new Promise<unknown>((resolve) => f.app.exit.mockImplementation(resolve));
    f.stopped.resolve();
    await expect(exited).resolves.toBe(0);
    expect(f.app.exit).toHaveBeenCalledTimes(1);
  });

  it("guards the app window with the app page's rules, and leaves other web contents to their own", async () => {
    const f = fakes();
    await runDesktopApp(f.electron, { appUrl: APP_URL, preloadPath: '/p.cjs', openServices: f.openServices });
    const appContents = f.windows[0]!.webContents;
    expect(appContents.navigate('https://evil.example/')).toBe(false);
    expect(appContents.navigate(`${APP_URL}#/registry`)).toBe(true);

    // A web contents created later (the embedded Flink Web UI): the floor only, no app-page navigation rule.
    const flinkUi = new FakeContents('http://127.0.0.1:38081/');
    f.app.emit('web-contents-created', {}, flinkUi);
    expect(flinkUi.navigate('http://127.0.0.1:38081/#/job/running')).toBe(true);
    expect(flinkUi.openHandler?.({ url: 'https://flink.apache.org/' })).toEqual({ action: 'deny' });
  });

  it('a failure to open the services is shown to the user, and the app exits without a window', async () => {
    const f = fakes();
    f.openServices.mockRejectedValueOnce(new Error('The data directory cannot be written'));
    await runDesktopApp(f.electron, { appUrl: APP_URL, preloadPath: '/p.cjs', openServices: f.openServices });
    expect(f.electron.dialog.showErrorBox).toHaveBeenCalledWith('Flink Desk cannot start', 'The data directory cannot be written');
    expect(f.app.exit).toHaveBeenCalledWith(1);
    expect(f.windows).toHaveLength(0);
  });
});

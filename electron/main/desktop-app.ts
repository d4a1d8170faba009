// The desktop app once it holds the single-instance lock: the security floor first, then, when Electron is ready,
// the app session's guards, the services (opened like the host's and the CLI's: same data directory, same secret
// backend), IPC, the window, and the services' background work; quitting stops them first. Beside the window: the
// embedded Flink Web UIs (webui/) and the OS notifications of tracked jobs (notifications/).
import type { App, BrowserWindow, BrowserWindowConstructorOptions, Dialog, IpcMain, Session, Shell } from 'electron';
import type { NodeServicesOptions } from '../services/node-runtime';
import type { Services } from '../services/app';
import { dialogFilePicker } from './adapters/dialog-file-picker';
import { WindowEventSink } from './event-sink';
import { bindIpc, trustedSenderCheck } from './ipc';
import { IPC_READY } from './ipc-channels';
import { guardAppContents, guardAppSession, installContentsFloor } from './security';
import { stopBeforeQuit } from './stop-before-quit';
import { mainWindowOptions } from './window';
import { DesktopWebUi, type WebUiElectron } from './webui/desktop-webui';
import { electronNotifier, type NotificationClass } from './notifications/electron-notifier';
import { startDesktopNotifications } from './notifications/desktop-notifications';

/** The parts of the `electron` module the app uses (the real module in index.ts; a named test double in tests). */
export interface ElectronApi {
  app: Pick<App, 'on' | 'whenReady' | 'quit' | 'exit' | 'getVersion'>;
  BrowserWindow: {
    new (options: BrowserWindowConstructorOptions): BrowserWindow;
    getAllWindows(): BrowserWindow[];
  };
  dialog: Pick<Dialog, 'showOpenDialog' | 'showErrorBox'>;
  ipcMain: Pick<IpcMain, 'handle' | 'on'>;
  session: {
    defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;
    /** The embedded Flink Web UIs' own partitions. */
    fromPartition?: WebUiElectron['fromPartition'];
  };
  shell: Pick<Shell, 'openExternal'>;
  /** The embedded Flink Web UIs; without it (a test double) webui.open says there is no view. */
  WebContentsView?: WebUiElectron['WebContentsView'];
  /** OS notifications of tracked jobs. */
  Notification?: NotificationClass;
}

export interface DesktopAppOptions {
  /** The app page: the built renderer's file URL, or the dev server's URL. */
  appUrl: string;
  preloadPath: string;
  openServices: (options: NodeServicesOptions) => Promise<Services>;
}

/** Resolves once the window is open and the services' background work has started. */
export async function runDesktopApp(electron: ElectronApi, options: DesktopAppOptions): Promise<void> {
  const { app, BrowserWindow, dialog, ipcMain, session, shell } = electron;
  const isAppPage = trustedSenderCheck(options.appUrl);
  const events = new WindowEventSink();
  let win: BrowserWindow | undefined;

  installContentsFloor(app);
  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  guardAppSession(session.defaultSession, isAppPage);
  const webUi =
    electron.WebContentsView && session.fromPartition
      ? new DesktopWebUi({ WebContentsView: electron.WebContentsView, fromPartition: session.fromPartition, shell }, () => win)
      : undefined;
  let services: Services;
  try {
    services = await options.openServices({
      transport: 'electron',
      events,
      version: app.getVersion(),
      filePicker: dialogFilePicker(dialog, () => win),
      ...(webUi ? { webUi } : {}),
    });
  } catch (e) {
    dialog.showErrorBox('Flink Desk cannot start', e instanceof Error ? e.message : String(e));
    app.exit(1);
    return;
  }
  stopBeforeQuit(app, () => services.stop());
  bindIpc(ipcMain, services.dispatch, isAppPage);
  ipcMain.on(IPC_READY, (e) => {
    if (isAppPage(e.senderFrame?.url)) events.ready(e.sender);
  });

  const createWindow = () => {
    const w = new BrowserWindow(mainWindowOptions(options.preloadPath));
    win = w;
    guardAppContents(w.webContents, isAppPage, shell);
    w.once('ready-to-show', () => w.show());
    w.webContents.on('did-start-loading', () => {
      events.detach();
      // The page is gone: its Web UIs are hidden until it places them again.
      webUi?.hideAll();
    });
    w.on('closed', () => void webUi?.closeAll());
    void w.loadURL(options.appUrl);
  };
  if (electron.Notification) {
    startDesktopNotifications({
      on: (event, listener) => services.on(event, listener),
      settings: services.settings,
      notifier: electronNotifier(electron.Notification),
      open: (target) => {
        if (!win || win.isDestroyed()) createWindow();
        else {
          if (win.isMinimized()) win.restore();
          win.show();
          win.focus();
        }
        events.emit('notifications.open', target);
      },
    });
  }
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  await services.start();
}

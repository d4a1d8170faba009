// Electron bootstrap: thin. Security guards first, then services with the Electron adapters, IPC, the window.
import { app, BrowserWindow, ipcMain, safeStorage, session, shell } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createServices } from '../services/app';
import { openConfStore, storeOptions } from '../services/store/conf-store';
import { safeStorageBox } from './adapters/safe-storage-box';
import { WindowEventSink } from './event-sink';
import { bindIpc, trustedSenderCheck } from './ipc';
import { IPC_READY } from './ipc-channels';
import { guardSession, installSecurityGuards } from './security';
import { mainWindowOptions } from './window';

const here = fileURLToPath(new URL('.', import.meta.url));
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appUrl = devUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;
const isAppPage = trustedSenderCheck(appUrl);

if (!app.requestSingleInstanceLock()) app.quit();
installSecurityGuards(app, isAppPage, shell);

let win: BrowserWindow | undefined;
const events = new WindowEventSink();

void app.whenReady().then(() => {
  guardSession(session.defaultSession);
  const dataDir = app.getPath('userData');
  const store = openConfStore((o) => new ElectronStore(o), storeOptions(dataDir));
  const services = createServices({
    store,
    secrets: safeStorageBox(safeStorage, process.platform),
    events,
    transport: 'electron',
    dataDir,
    version: app.getVersion(),
  });
  bindIpc(ipcMain, services.dispatch, isAppPage);
  ipcMain.on(IPC_READY, (e) => {
    if (isAppPage(e.senderFrame?.url)) events.ready(e.sender);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

function createWindow(): void {
  win = new BrowserWindow(mainWindowOptions(join(here, '../preload/index.cjs')));
  win.once('ready-to-show', () => win?.show());
  win.webContents.on('did-start-loading', () => events.detach());
  void win.loadURL(appUrl);
}

app.on('second-instance', () => {
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

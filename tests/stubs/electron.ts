// Test double of the `electron` module (named as one): the Electron binary cannot be fetched here, and requiring the
// real package from plain Node tries to download it. Its methods do nothing (whenReady never resolves, so nothing
// runs "after ready" unless a test says so); tests that need behaviour spy on them with vi.spyOn or replace them.
interface StubApp {
  isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(code?: number): void;
  on(event: string, listener: (...args: unknown[]) => void): StubApp;
  whenReady(): Promise<void>;
  getVersion(): string;
}
export const app: StubApp = {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  quit: () => {},
  exit: () => {},
  on: () => app,
  whenReady: () => new Promise<void>(() => {}),
  getVersion: () => '0.0.0-stub',
};
export const ipcMain = {};
export const BrowserWindow = class {};
export const session = {};
export const shell = {};
export const dialog = {};
export const safeStorage = {};
export const contextBridge = {};
export const ipcRenderer = {};
export const WebContentsView = class {};
export const Notification = class {
  static isSupported = () => false;
};
export default {
  app,
  ipcMain,
  BrowserWindow,
  session,
  shell,
  dialog,
  safeStorage,
  contextBridge,
  ipcRenderer,
  WebContentsView,
  Notification,
};

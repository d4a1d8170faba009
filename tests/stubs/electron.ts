// Test double of the `electron` module (named as one): the Electron binary cannot be fetched here, and requiring the
// real package from plain Node tries to download it. Tests that need behaviour replace these with vi.fn() spies.
export const app = {};
export const ipcMain = {};
export const BrowserWindow = class {};
export const session = {};
export const shell = {};
export const safeStorage = {};
export const contextBridge = {};
export const ipcRenderer = {};
export const WebContentsView = class {};
export default { app, ipcMain, BrowserWindow, session, shell, safeStorage, contextBridge, ipcRenderer, WebContentsView };

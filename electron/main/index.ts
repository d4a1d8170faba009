// Electron's entry. One Flink Desk at a time: a second launch only hands over to the first (which comes to the front
// on 'second-instance') and quits, touching nothing else: no data directory, no keychain, no window.
import { app, BrowserWindow, dialog, ipcMain, Notification, session, shell, WebContentsView } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createNodeServices } from '../services/node-runtime';
import { runDesktopApp } from './desktop-app';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  // Ctrl+C on `npm start` quits like the window's close: the services stop first.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  runDesktopApp(
    { app, BrowserWindow, dialog, ipcMain, session, shell, WebContentsView, Notification },
    {
      appUrl: devUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href,
      preloadPath: join(here, '../preload/index.cjs'),
      openServices: createNodeServices,
    },
  ).catch((e: unknown) => {
    dialog.showErrorBox('Flink Desk stopped', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}

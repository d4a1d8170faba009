// Quitting waits for the services to stop (operations aborted, watchers and loops disposed, stores flushed):
// Electron does not await 'before-quit' listeners, so the first quit is held back, stop() awaited, then app.exit().
import type { App } from 'electron';

/** A disposer that hangs must not keep the app from ever quitting. */
const STOP_LIMIT_MS = 10_000;

export function stopBeforeQuit(app: Pick<App, 'on' | 'exit'>, stop: () => Promise<void>, onError: (e: unknown) => void = () => {}): void {
  let stopping = false;
  app.on('before-quit', (event) => {
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        onError(new Error(`the services did not stop within ${STOP_LIMIT_MS / 1000} s`));
        resolve();
      }, STOP_LIMIT_MS);
    });
    void Promise.race([stop().catch(onError), limit]).finally(() => {
      clearTimeout(timer);
      app.exit(0);
    });
  });
}

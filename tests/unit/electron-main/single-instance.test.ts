// electron/main/index.ts, the real entry, over the electron stub (tests/stubs/electron.ts, a named test double).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../electron/services/node-runtime', () => ({ createNodeServices: vi.fn() }));

// After vi.resetModules() the entry gets a fresh stub: spy on that one, the module 'electron' resolves to.
const stub = () => import('../../stubs/electron');

describe('Electron entry: single instance', () => {
  let signalListeners: { SIGINT: number; SIGTERM: number };

  beforeEach(() => {
    vi.resetModules();
    signalListeners = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
  });
  afterEach(() => {
    vi.restoreAllMocks();
    // The first-instance case installs Ctrl+C handlers; leave the test process as it was.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(signal).slice(signalListeners[signal])) process.off(signal, l);
    }
  });

  it('a second instance quits and initialises nothing: no listeners, no ready wait, no services', async () => {
    const { app } = await stub();
    const lock = vi.spyOn(app, 'requestSingleInstanceLock').mockReturnValue(false);
    const quit = vi.spyOn(app, 'quit');
    const on = vi.spyOn(app, 'on');
    const whenReady = vi.spyOn(app, 'whenReady');
    const { createNodeServices } = await import('../../../electron/services/node-runtime');

    await import('../../../electron/main/index');

    expect(lock).toHaveBeenCalledTimes(1);
    expect(quit).toHaveBeenCalledTimes(1);
    expect(on).not.toHaveBeenCalled();
    expect(whenReady).not.toHaveBeenCalled();
    expect(createNodeServices).not.toHaveBeenCalled();
    expect(process.listenerCount('SIGINT')).toBe(signalListeners.SIGINT);
  });

  it('the first instance goes on: it waits for ready and does not quit', async () => {
    const { app } = await stub();
    vi.spyOn(app, 'requestSingleInstanceLock').mockReturnValue(true);
    const quit = vi.spyOn(app, 'quit');
    const whenReady = vi.spyOn(app, 'whenReady');

    await import('../../../electron/main/index');

    expect(whenReady).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
  });
});

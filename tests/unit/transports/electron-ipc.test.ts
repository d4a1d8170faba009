// The Electron binding, end to end without the binary: the real preload module over a stubbed `electron` whose
// ipcRenderer talks to the real main-side bindIpc and WindowEventSink.
import { describe, expect, it, vi } from 'vitest';
import { createClient, type Transport } from '../../../shared/client';
import { bindIpc, trustedSenderCheck } from '../../../electron/main/ipc';
import { WindowEventSink } from '../../../electron/main/event-sink';
import { IPC_EVENT, IPC_REQUEST } from '../../../electron/main/ipc-channels';
import { testServices } from '../../helpers/test-services';
import { contractSuite } from './contract-suite';

const APP_URL = 'file:///opt/flink-desk/out/renderer/index.html';

const harness = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  rendererListeners: new Set<(...args: unknown[]) => void>(),
  exposed: new Map<string, unknown>(),
  frameUrl: 'file:///opt/flink-desk/out/renderer/index.html',
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => harness.exposed.set(k, v) },
  ipcRenderer: {
    invoke: (channel: string, ...args: unknown[]) => harness.handlers.get(channel)!({ senderFrame: { url: harness.frameUrl } }, ...args),
    on: (_c: string, l: (...args: unknown[]) => void) => harness.rendererListeners.add(l),
    removeListener: (_c: string, l: (...args: unknown[]) => void) => harness.rendererListeners.delete(l),
    send: () => undefined,
  },
}));

async function connect() {
  harness.handlers.clear();
  harness.rendererListeners.clear();
  const sink = new WindowEventSink();
  const { dispatch } = testServices(sink, 'electron');
  bindIpc(
    { handle: (c: string, fn: (...args: unknown[]) => unknown) => harness.handlers.set(c, fn) } as never,
    dispatch,
    trustedSenderCheck(APP_URL),
  );
  sink.ready({
    isDestroyed: () => false,
    send: (channel: string, ...args: unknown[]) => channel === IPC_EVENT && harness.rendererListeners.forEach((l) => l({}, ...args)),
  });
  vi.resetModules();
  await import('../../../electron/preload/index');
  return harness.exposed.get('flinkDesk') as Transport;
}

describe('Electron IPC transport', () => {
  contractSuite(async () => ({ transport: 'electron', client: createClient(await connect()) }));

  it('exposes only request and subscribe, and only contract channels', async () => {
    const bridge = await connect();
    expect(Object.keys(bridge).sort()).toEqual(['request', 'subscribe']);
    expect(await bridge.request('shell.openExternal', 'x')).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(() => bridge.subscribe('anything', () => undefined)).toThrow(/Unknown event/);
  });

  it('refuses requests from a frame that is not the app page', async () => {
    await connect();
    harness.frameUrl = 'https://evil.example/';
    try {
      const r = await (harness.handlers.get(IPC_REQUEST)!(
        { senderFrame: { url: harness.frameUrl } },
        'settings.get',
        undefined,
      ) as Promise<unknown>);
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      harness.frameUrl = APP_URL;
    }
  });
});

// Runs sandboxed, fully bundled. Exposes exactly the contract's channels and events as `window.flinkDesk`, in the
// shape of the shared Transport; nothing of ipcRenderer itself leaks to the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isChannel, isEventName } from '../../shared/contract';
import type { Transport } from '../../shared/client';
import { IPC_EVENT, IPC_READY, IPC_REQUEST } from '../main/ipc-channels';

const bridge: Transport = {
  request(channel, input) {
    if (!isChannel(channel))
      return Promise.resolve({ ok: false, error: { code: 'invalid-input', message: `Unknown request '${String(channel)}'` } });
    return ipcRenderer.invoke(IPC_REQUEST, channel, input);
  },
  subscribe(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event '${String(event)}'`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT, handler);
  },
};

contextBridge.exposeInMainWorld('flinkDesk', bridge);
ipcRenderer.send(IPC_READY);

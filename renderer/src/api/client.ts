// Picks the transport once at start: Electron's preload bridge when present, else the serve host's WebSocket.
// Nothing else in the renderer knows which one it got.
import { createClient, type Client, type Transport } from '../../../shared/client';
import { createWebSocketTransport } from './ws-transport';

declare global {
  interface Window {
    flinkDesk?: Transport;
  }
}

type Subscribe<T extends unknown[]> = (cb: (...args: T) => void) => () => void;

function pickTransport(): { transport: Transport; onStatus?: Subscribe<[boolean]>; onReconnect?: Subscribe<[]> } {
  if (window.flinkDesk) return { transport: window.flinkDesk };
  const ws = createWebSocketTransport(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);
  return { transport: ws, onStatus: (cb) => ws.onStatus(cb), onReconnect: (cb) => ws.onReconnect(cb) };
}

const picked = pickTransport();
export const api: Client = createClient(picked.transport);
/** Electron's IPC never disconnects: always connected there. */
export const onConnectionStatus: Subscribe<[boolean]> = picked.onStatus ?? ((cb) => (cb(true), () => undefined));
/** After a lost connection comes back: re-read what a page shows, the events of the gap are gone. */
export const onReconnect: Subscribe<[]> = picked.onReconnect ?? (() => () => undefined);

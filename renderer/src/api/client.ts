// Picks the transport once at start: Electron's preload bridge when present, else the serve host's WebSocket.
// Nothing else in the renderer knows which one it got.
import { createClient, type Client, type Transport } from '../../../shared/client';
import { createWebSocketTransport } from './ws-transport';

declare global {
  interface Window {
    flinkDesk?: Transport;
  }
}

function pickTransport(): { transport: Transport; onStatus?: (cb: (connected: boolean) => void) => () => void } {
  if (window.flinkDesk) return { transport: window.flinkDesk };
  const ws = createWebSocketTransport(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);
  return { transport: ws, onStatus: (cb) => ws.onStatus(cb) };
}

const picked = pickTransport();
export const api: Client = createClient(picked.transport);
export const onConnectionStatus = picked.onStatus ?? ((cb: (connected: boolean) => void) => (cb(true), () => undefined));

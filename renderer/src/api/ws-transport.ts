// The browser transport (serve host): the contract over one WebSocket, reconnecting with backoff. The host trades
// the URL's token for a cookie, so the socket needs nothing from the page.
import type { Transport } from '../../../shared/client';
import type { Envelope } from '../../../shared/errors';

type Pending = { resolve: (e: Envelope<unknown>) => void };

export function createWebSocketTransport(url: string): Transport & { onStatus(cb: (connected: boolean) => void): () => void } {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retry = 0;
  let connected = false;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(connected: boolean) => void>();

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const cb of statusListeners) cb(value);
  };

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retry = 0;
      setConnected(true);
      for (const m of outbox.splice(0)) socket?.send(m);
    };
    socket.onmessage = (ev: MessageEvent<string>) => {
      const msg = JSON.parse(ev.data) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
      if (msg.id !== undefined && msg.envelope) {
        pending.get(msg.id)?.resolve(msg.envelope);
        pending.delete(msg.id);
      } else if (msg.event) for (const cb of listeners.get(msg.event) ?? []) cb(msg.payload);
    };
    socket.onclose = () => {
      setConnected(false);
      for (const p of pending.values()) {
        p.resolve({
          ok: false,
          error: {
            code: 'unreachable',
            message: 'Lost the connection to the Flink Desk host.',
            hint: 'Is "npm run serve" still running? The page reconnects by itself.',
          },
        });
      }
      pending.clear();
      setTimeout(connect, Math.min(10_000, 250 * 2 ** retry++));
    };
  };
  connect();

  return {
    request(channel, input) {
      const id = nextId++;
      const message = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        pending.set(id, { resolve });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else outbox.push(message);
      });
    },
    subscribe(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
    onStatus(cb) {
      statusListeners.add(cb);
      cb(connected);
      return () => statusListeners.delete(cb);
    },
  };
}

// The browser transport (serve host): the contract over one WebSocket, reconnecting with backoff. The host trades
// the URL's token for a cookie, so the socket needs nothing from the page.
//
// Every request gets exactly one answer, and a request that was answered is never sent afterwards: a click reported
// as "not sent" must not run later, when the host comes back (a grant or a save after the UI said it did not). A
// request made while there is no open socket waits for the connection attempt under way, or starts one at once; if
// that attempt fails, it is answered "unreachable" and dropped. A request already sent when the socket drops is
// answered too — it may or may not have run, and the message says so.
//
// Listeners live here, not on the socket, and the host pushes events to every socket it holds, so subscriptions
// carry over to the next socket by themselves. Events sent while the socket was down are lost: `onReconnect` tells
// the page to re-read what it shows (a running operation's snapshot, the settings).
import type { Transport } from '../../../shared/client';
import type { Envelope } from '../../../shared/errors';

/** The part of the WebSocket class this transport uses: the browser's, or `ws` in Node tests. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface WebSocketTransportOptions {
  /** Opens a socket; the browser's WebSocket by default. */
  open?: SocketFactory;
  /** How long to wait before reconnect attempt `n` (0-based). */
  retryDelayMs?: (attempt: number) => number;
}

export interface WebSocketTransport extends Transport {
  /** Called at once with the current state, then on every change. */
  onStatus(cb: (connected: boolean) => void): () => void;
  /** Called each time a socket opens after a lost connection (not on the first connect). */
  onReconnect(cb: () => void): () => void;
  /** Stops reconnecting and answers what is waiting; for tests and page teardown. */
  close(): void;
}

const OPEN = 1;

type Pending = { message: string; sent: boolean; resolve: (e: Envelope<unknown>) => void };

const notSent: Envelope<unknown> = {
  ok: false,
  error: {
    code: 'unreachable',
    message: 'Not sent: the Flink Desk host is unreachable.',
    hint: 'Is "npm run serve" still running? The page reconnects by itself; try again then.',
  },
};
const lostAnswer: Envelope<unknown> = {
  ok: false,
  error: {
    code: 'unreachable',
    message: 'Lost the connection to the Flink Desk host before it answered.',
    hint: 'The request may or may not have run: the page reconnects by itself; check the result there before trying again.',
  },
};

export function createWebSocketTransport(url: string, options: WebSocketTransportOptions = {}): WebSocketTransport {
  const open: SocketFactory = options.open ?? ((u) => new WebSocket(u) as unknown as SocketLike);
  const retryDelayMs = options.retryDelayMs ?? ((n) => Math.min(10_000, 250 * 2 ** n));
  let socket: SocketLike | undefined;
  let nextId = 1;
  let attempt = 0;
  let connected = false;
  let everConnected = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(connected: boolean) => void>();
  const reconnectListeners = new Set<() => void>();

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const cb of statusListeners) cb(value);
  };

  const answerAll = () => {
    for (const p of pending.values()) p.resolve(p.sent ? lostAnswer : notSent);
    pending.clear();
  };

  const connect = () => {
    timer = undefined;
    const s = open(url);
    socket = s;
    s.onopen = () => {
      attempt = 0;
      const again = everConnected;
      everConnected = true;
      // Map order is request order: what waited goes out first.
      for (const p of pending.values()) {
        if (p.sent) continue;
        p.sent = true;
        s.send(p.message);
      }
      setConnected(true);
      if (again) for (const cb of reconnectListeners) cb();
    };
    s.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as { id?: number; envelope?: Envelope<unknown>; event?: string; payload?: unknown };
      if (msg.id !== undefined && msg.envelope) {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg.envelope);
      } else if (msg.event) for (const cb of listeners.get(msg.event) ?? []) cb(msg.payload);
    };
    // A failed attempt fires error, then close: close does the work.
    s.onerror = () => undefined;
    s.onclose = () => {
      if (socket !== s) return;
      socket = undefined;
      setConnected(false);
      answerAll();
      if (!closed) timer = setTimeout(connect, retryDelayMs(attempt++));
    };
  };
  connect();

  return {
    request(channel, input) {
      const id = nextId++;
      const message = JSON.stringify({ id, channel, input });
      return new Promise((resolve) => {
        if (closed) return resolve(notSent);
        const sent = socket?.readyState === OPEN;
        pending.set(id, { message, sent, resolve });
        if (sent) socket!.send(message);
        else if (!socket) {
          // Between attempts: try now rather than keep the user waiting out the backoff.
          clearTimeout(timer);
          connect();
        }
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
    onReconnect(cb) {
      reconnectListeners.add(cb);
      return () => reconnectListeners.delete(cb);
    },
    close() {
      closed = true;
      clearTimeout(timer);
      const s = socket;
      socket = undefined;
      s?.close();
      setConnected(false);
      answerAll();
    },
  };
}

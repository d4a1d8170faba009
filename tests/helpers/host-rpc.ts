// A test's own client of a running serve host's /rpc, as the app page connects: the token URL traded for the app's
// cookie, then the WebSocket with the host's Origin. Requests through the shared typed client; events by name.
import WebSocket from 'ws';
import { createClient, type Client } from '../../shared/client';
import type { Envelope } from '../../shared/errors';
import type { ServeHost } from './serve-host';

export interface HostRpc {
  client: Client;
  /** The app's cookie (name=value), as the browser holds it. */
  cookie: string;
  close(): void;
}

export async function connectHost(host: Pick<ServeHost, 'url' | 'origin'>): Promise<HostRpc> {
  const first = await fetch(host.url, { redirect: 'manual' });
  const cookie = first.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`the host gave no cookie for its token URL (${first.status})`);
  const ws = new WebSocket(`${host.origin.replace('http', 'ws')}/rpc`, { headers: { origin: host.origin, cookie } });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 0;
  const client = createClient({
    request: (channel, input) =>
      new Promise<Envelope<unknown>>((resolve) => {
        const id = ++next;
        const on = (data: Buffer) => {
          const m = JSON.parse(data.toString('utf8')) as { id?: number; envelope?: Envelope<unknown> };
          if (m.id !== id || !m.envelope) return;
          ws.off('message', on);
          resolve(m.envelope);
        };
        ws.on('message', on);
        ws.send(JSON.stringify({ id, channel, input }));
      }),
    subscribe: (event, listener) => {
      const on = (data: Buffer) => {
        const m = JSON.parse(data.toString('utf8')) as { event?: string; payload?: unknown };
        if (m.event === event) listener(m.payload);
      };
      ws.on('message', on);
      return () => ws.off('message', on);
    },
  });
  return { client, cookie, close: () => ws.close() };
}

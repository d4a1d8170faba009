// The typed client every caller uses, over any transport that can send a request and deliver events. Written once:
// the renderer (Electron preload or WebSocket), the CLI and the tests all go through it.
import { AppError, type Envelope } from './errors';
import type { Channel, EventName, Events, InputOf, ResultOf } from './contract';

export interface Transport {
  request(channel: string, input: unknown): Promise<Envelope<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

export interface Client {
  invoke<C extends Channel>(
    channel: C,
    ...input: undefined extends InputOf<C> ? [input?: InputOf<C>] : [input: InputOf<C>]
  ): Promise<ResultOf<C>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export function createClient(transport: Transport): Client {
  return {
    async invoke(channel, ...rest) {
      const envelope = await transport.request(channel, rest[0]);
      if (!envelope.ok) throw new AppError(envelope.error);
      return envelope.result as never;
    },
    on(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}

// The WebSocket binding of the contract: `{id, channel, input}` in, `{id, envelope}` out, `{event, payload}` pushed.
import type { WebSocket } from 'ws';
import type { EventName, Events } from '../../shared/contract';
import type { Dispatch } from '../services/rpc/dispatcher';
import type { EventSink } from '../services/ports';

export interface RpcRequest {
  id: number | string;
  channel: string;
  input?: unknown;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;

export function bindSocket(socket: WebSocket, dispatch: Dispatch): void {
  socket.on('message', (data, isBinary) => {
    void (async () => {
      const raw = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      if (isBinary || raw.length > MAX_MESSAGE_BYTES) return socket.close(1009, 'message refused');
      let req: RpcRequest;
      try {
        req = JSON.parse(raw.toString('utf8')) as RpcRequest;
      } catch {
        return socket.close(1007, 'not JSON');
      }
      if (typeof req !== 'object' || req === null || (typeof req.id !== 'number' && typeof req.id !== 'string')) {
        return socket.close(1007, 'not a request');
      }
      const envelope = await dispatch(req.channel, req.input);
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ id: req.id, envelope }));
    })();
  });
}

/** Events go to every connected window. */
export class SocketBroadcaster implements EventSink {
  private readonly sockets = new Set<WebSocket>();

  add(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    const message = JSON.stringify({ event, payload });
    for (const s of this.sockets) if (s.readyState === s.OPEN) s.send(message);
  }
}

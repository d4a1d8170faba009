// Port-forward to a pod: a TCP listener on 127.0.0.1 whose every connection becomes one client-node PortForward
// WebSocket (…/pods/NAME/portforward), like `kubectl port-forward`. Each connection takes the current KubeConfig and
// fresh credentials, so a forward kept open for days survives token rotation. Closed with its client.
import type WebSocket from 'isomorphic-ws';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { AppError } from '../../../shared/errors';
import { clientNode } from './client-node';
import { mapKubeError } from './error-mapping';
import type { Closable, KubeClientCore } from './kube-connection';

export interface PortForwardOptions {
  /** The local port; 0 (default) picks a free one. */
  localPort?: number;
  /** A connection that could not be forwarded (mapped), or an error the pod's side reported. */
  onError?: (error: AppError) => void;
}

export interface PortForwarding extends Closable {
  readonly localPort: number;
  /** 127.0.0.1:PORT */
  readonly address: string;
}

export async function portForward(
  client: KubeClientCore,
  namespace: string,
  pod: string,
  remotePort: number,
  options: PortForwardOptions = {},
): Promise<PortForwarding> {
  const what = `forward port ${remotePort} of pod ${namespace}/${pod}`;
  const sockets = new Set<Socket>();
  const sockets2ws = new Map<Socket, WebSocket>();
  const report = (e: AppError) => {
    client.logger.warn('port-forward connection failed', { namespace, pod, port: remotePort, code: e.code });
    options.onError?.(e);
  };
  const forward = async (socket: Socket) => {
    // The node's side writes its failures (nothing listens on the port in the pod…) to the error channel.
    const errors = new Writable({
      write(chunk: Buffer, _enc, cb) {
        // The channel's first frame carries only the port number, which client-node strips: an empty chunk.
        const text = chunk.toString('utf8').trim();
        if (text) report(new AppError({ code: 'unreachable', message: `Cannot ${what}: ${text}` }));
        cb();
      },
    });
    try {
      await client.prepare();
      const pf = new (clientNode().PortForward)(await client.kubeConfig());
      const ws = (await pf.portForward(namespace, pod, [remotePort], socket, errors, socket)) as WebSocket;
      if (socket.destroyed) return void ws.close();
      sockets2ws.set(socket, ws);
      ws.on('close', () => socket.end());
      socket.on('close', () => {
        sockets2ws.delete(socket);
        ws.close();
      });
    } catch (e) {
      report(mapKubeError(e, client.where, what, client.timeoutMs));
      socket.destroy();
    }
  };
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void forward(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new AppError({
          code: e.code === 'EADDRINUSE' ? 'conflict' : 'internal',
          message: `Cannot listen on 127.0.0.1:${options.localPort ?? 0} for the port-forward (${e.code ?? e.message})`,
          hint: e.code === 'EADDRINUSE' ? 'Another program uses that port: choose another one, or 0 for any free port' : undefined,
        }),
      ),
    );
    server.listen(options.localPort ?? 0, '127.0.0.1', resolve);
  });
  const localPort = (server.address() as AddressInfo).port;
  let untrack = () => {};
  const handle: PortForwarding = {
    localPort,
    address: `127.0.0.1:${localPort}`,
    close: async () => {
      untrack();
      const closedServer = new Promise<void>((r) => server.close(() => r()));
      for (const ws of sockets2ws.values()) ws.close();
      for (const s of sockets) s.destroy();
      await closedServer;
    },
  };
  untrack = client.track(handle);
  return handle;
}

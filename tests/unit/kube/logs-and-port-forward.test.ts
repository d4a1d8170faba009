// Pod logs and port-forward against a real local HTTP and WebSocket server (a test double of the API server and its
// kubelet side): the bench's kwok pods write no logs and serve no ports, so the wire protocol is tested here.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppError } from '../../../shared/errors';
import { KubeClients, type KubeClient } from '../../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../../electron/services/ports';
import { ApiServerTestDouble, json, scratchDir, writeKubeconfig } from './api-server-test-double';

let api: ApiServerTestDouble;
let client: KubeClient;
const dir = scratchDir();
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });
const following: ServerResponse[] = [];

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
  client = await clients.for('test', { kubeconfig: writeKubeconfig(join(dir, 'logs.kubeconfig'), api.url, { token: 't' }) });
});
afterAll(async () => {
  await clients.close();
  await api.close();
});
beforeEach(() => {
  api.requests.length = 0;
  following.length = 0;
  api.handler = (req, res) => {
    if (req.path === '/api/v1/namespaces/ns/pods/missing/log')
      return json(res, 404, { kind: 'Status', code: 404, message: 'pods "missing" not found' });
    res.writeHead(200, { 'content-type': 'text/plain' });
    if (req.query.get('follow') === 'true') {
      res.write('line 1\n');
      following.push(res);
    } else res.end('line 1\nline 2\n');
  };
});

const collect = () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { out, text: () => text };
};

describe('pod logs', () => {
  it('asks for container, previous and tail, and returns the text', async () => {
    expect(await client.readPodLog('ns', 'jm', { container: 'flink-main-container', previous: true, tailLines: 100 })).toBe(
      'line 1\nline 2\n',
    );
    const req = api.requests[0]!;
    expect(req.path).toBe('/api/v1/namespaces/ns/pods/jm/log');
    expect(Object.fromEntries(req.query)).toEqual({ container: 'flink-main-container', previous: 'true', tailLines: '100' });
    expect(req.headers.authorization).toBe('Bearer t');
  });

  it('follows: lines arrive as they are written, and the end of the log ends it cleanly', async () => {
    const { out, text } = collect();
    const log = await client.podLog('ns', 'jm', out, { follow: true });
    await expect.poll(text).toBe('line 1\n');
    following[0]!.write('line 2\n');
    await expect.poll(text).toBe('line 1\nline 2\n');
    following[0]!.end();
    await expect(log.ended).resolves.toBeUndefined();
    expect(api.requests[0]?.query.get('follow')).toBe('true');
  });

  it('a follow that breaks off is reported as such, not as a clean end', async () => {
    const { out } = collect();
    const log = await client.podLog('ns', 'jm', out, { follow: true });
    await expect.poll(() => following.length).toBe(1);
    following[0]!.socket?.destroy();
    await expect(log.ended).resolves.toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('closed while trying to read the log'),
    });
  });

  it('refusals and transport failures are mapped (client-node’s Log would say "500")', async () => {
    await expect(client.readPodLog('ns', 'missing')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('pods "missing" not found'),
    });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const nowhere = await clients.for('test', {
      kubeconfig: writeKubeconfig(join(dir, 'nowhere.kubeconfig'), `http://127.0.0.1:${port}`, { token: 't' }),
    });
    await expect(nowhere.readPodLog('ns', 'jm')).rejects.toMatchObject({
      code: 'unreachable',
      message: expect.stringContaining('Connection refused'),
    });
  });
});

describe('port-forward', () => {
  const upgrades: { url: string; auth: string | undefined }[] = [];
  let pod: 'echo' | 'nothing-listens' | 'forbidden' = 'echo';
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (p) => (p.has('v4.channel.k8s.io') ? 'v4.channel.k8s.io' : false) });

  beforeAll(() => {
    api.upgrade = (req, socket: Socket, head) => {
      upgrades.push({ url: req.url ?? '', auth: req.headers.authorization });
      if (pod === 'forbidden') {
        socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
        // The port-forward protocol: each channel (0 data, 1 error) first carries the port, little-endian.
        const port = Buffer.alloc(2);
        port.writeUInt16LE(Number(new URL(req.url ?? '', api.url).searchParams.get('ports')));
        ws.send(Buffer.concat([Buffer.from([0]), port]));
        ws.send(Buffer.concat([Buffer.from([1]), port]));
        if (pod === 'nothing-listens')
          return ws.send(Buffer.concat([Buffer.from([1]), Buffer.from('connection refused on port 8081 (test double)')]));
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0) ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(data.subarray(1).toString('utf8').toUpperCase())]));
        });
      });
    };
  });
  afterAll(() => wss.close());

  const exchange = (localPort: number, send: string, expected: string) =>
    new Promise<string>((resolve, reject) => {
      const s = connect(localPort, '127.0.0.1');
      let got = '';
      s.on('data', (c: Buffer) => {
        got += c.toString('utf8');
        if (got === expected) {
          s.end();
          resolve(got);
        }
      });
      s.on('error', reject);
      s.write(send);
    });

  it('forwards a local port to the pod over the WebSocket protocol, with the credentials', async () => {
    pod = 'echo';
    const fwd = await client.portForward('ns', 'jm', 8081);
    expect(fwd.address).toBe(`127.0.0.1:${fwd.localPort}`);
    expect(await exchange(fwd.localPort, 'hello flink', 'HELLO FLINK')).toBe('HELLO FLINK');
    // Every connection is its own WebSocket.
    expect(await exchange(fwd.localPort, 'again', 'AGAIN')).toBe('AGAIN');
    expect(upgrades.slice(-2)).toEqual([
      { url: '/api/v1/namespaces/ns/pods/jm/portforward?ports=8081', auth: 'Bearer t' },
      { url: '/api/v1/namespaces/ns/pods/jm/portforward?ports=8081', auth: 'Bearer t' },
    ]);
    await fwd.close();
  });

  it("reports the pod side's error channel and a refused upgrade, mapped", async () => {
    const errors: AppError[] = [];
    pod = 'nothing-listens';
    const fwd = await client.portForward('ns', 'jm', 8081, { onError: (e) => errors.push(e) });
    connect(fwd.localPort, '127.0.0.1').on('error', () => undefined);
    await expect.poll(() => errors.map((e) => e.message)).toEqual([expect.stringContaining('connection refused on port 8081')]);
    pod = 'forbidden';
    connect(fwd.localPort, '127.0.0.1').on('error', () => undefined);
    await expect.poll(() => errors.map((e) => e.code)).toEqual(['unreachable', 'forbidden']);
    await fwd.close();
  });
});

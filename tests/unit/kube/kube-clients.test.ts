// KubeClients: one client per (kubeconfig files, context), the kubeconfig re-read at the first request after a
// change, and everything long-lived closed by services.stop() — through the real composition root.
import { connect } from 'node:net';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClients } from '../../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../../electron/services/ports';
import { testServices } from '../../helpers/test-services';
import { ApiServerTestDouble, json, scratchDir, writeKubeconfig } from './api-server-test-double';

let api: ApiServerTestDouble;
const dir = scratchDir();
const standalone = () => new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
  api.handler = (_req, res) => json(res, 200, {});
});
afterAll(() => api.close());

describe('KubeClients', () => {
  it('caches one client per (kubeconfig files, context)', async () => {
    const a = writeKubeconfig(join(dir, 'a.kubeconfig'), api.url, { token: 'a' }, 'one');
    const b = writeKubeconfig(join(dir, 'b.kubeconfig'), api.url, { token: 'b' }, 'two');
    const clients = new KubeClients({
      env: { KUBECONFIG: `${a}:${b}` },
      addedFiles: () => [],
      scheduler: systemScheduler,
      logger: silentLogger,
    });
    const one = await clients.for('one');
    expect(await clients.for('one')).toBe(one);
    const two = await clients.for('two');
    expect(two).not.toBe(one);
    // The same context from other files (the CLI's --kubeconfig) is another client.
    const flagged = await clients.for('one', { kubeconfig: a });
    expect(flagged).not.toBe(one);
    expect(await clients.for('one', { kubeconfig: a })).toBe(flagged);
    expect(clients.size).toBe(3);
    await clients.close();
  });

  it('an unknown context is a mapped error naming the contexts there are, and is not cached', async () => {
    const clients = standalone();
    const file = writeKubeconfig(join(dir, 'known.kubeconfig'), api.url, { token: 't' }, 'known');
    await expect(clients.for('nope', { kubeconfig: file })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining("No context named 'nope'"),
      hint: expect.stringContaining('known'),
    });
    expect(clients.size).toBe(0);
    await clients.close();
  });

  it('re-reads the kubeconfig when the file changes: the next request sends the new token to the new server', async () => {
    const other = await ApiServerTestDouble.start();
    other.handler = (_req, res) => json(res, 200, {});
    const clients = standalone();
    const file = writeKubeconfig(join(dir, 'rotating.kubeconfig'), api.url, { token: 'before' });
    const client = await clients.for('test', { kubeconfig: file });
    await client.request('GET', '/version');
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer before');
    writeKubeconfig(file, other.url, { token: 'after' });
    await client.request('GET', '/version');
    expect(other.tokens).toEqual(['Bearer after']);
    expect(client.where.server).toBe(other.url);
    await clients.close();
    await other.close();
  });

  it('services.stop() ends watches, log follows and port-forwards, and refuses new clients', async () => {
    const file = writeKubeconfig(join(dir, 'lifecycle.kubeconfig'), api.url, { token: 't' });
    const held: ServerResponse[] = [];
    const gone: string[] = [];
    api.handler = (req, res) => {
      // A watch and a log follow that stay open until the client goes.
      res.writeHead(200, { 'content-type': req.path.endsWith('/log') ? 'text/plain' : 'application/json' });
      res.write(req.path.endsWith('/log') ? 'first line\n' : '');
      res.on('close', () => gone.push(req.path));
      held.push(res);
    };
    const s = testServices(undefined, 'cli', { env: { KUBECONFIG: file, HOME: dir } });
    await s.start();
    const client = await s.context.kube.for('test');
    const watching = await client.watch('/api/v1/namespaces/ns/configmaps', () => undefined);
    const log = await client.podLog('ns', 'pod', new PassThrough(), { follow: true });
    const forward = await client.portForward('ns', 'pod', 8081);
    await expect.poll(() => held.length).toBe(2);

    await s.stop();
    await expect(watching.ended).resolves.toBeUndefined();
    await expect(log.ended).resolves.toBeUndefined();
    await expect.poll(() => gone.sort()).toEqual(['/api/v1/namespaces/ns/configmaps', '/api/v1/namespaces/ns/pods/pod/log']);
    const refused = await new Promise<string>((resolve) => {
      const socket = connect(forward.localPort, '127.0.0.1');
      socket.on('connect', () => resolve('connected'));
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    await expect(s.context.kube.for('test')).rejects.toMatchObject({ code: 'cancelled' });
  });
});

// Credentials are applied per request, so a client that lives for days sends a valid one: an exec plugin's credential
// is reused until its expirationTimestamp and the plugin runs again after it; a 401 makes the plugin run again and
// the request is retried once — only when that gave a different credential. The clock is Date, moved by the test.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { KubeClients } from '../../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../../electron/services/ports';
import { ApiServerTestDouble, countingCredentialPlugin, json, scratchDir, writeKubeconfig } from './api-server-test-double';

let api: ApiServerTestDouble;
const clients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });
const dir = scratchDir();
const runs = (countFile: string) => Number(readFileSync(countFile, 'utf8').trim());

beforeAll(async () => {
  api = await ApiServerTestDouble.start();
});
afterAll(async () => {
  await clients.close();
  await api.close();
});
afterEach(() => {
  vi.useRealTimers();
  api.requests.length = 0;
  api.handler = (_req, res) => json(res, 200, { gitVersion: 'v1.36.3' });
});

describe('exec credential plugin', () => {
  it('runs once per credential lifetime: a second request after expiry runs the plugin again', async () => {
    api.handler = (_req, res) => json(res, 200, { gitVersion: 'v1.36.3' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const count = join(dir, 'expiring.count');
    const file = writeKubeconfig(join(dir, 'expiring.kubeconfig'), api.url, countingCredentialPlugin(dir, count, '2030-01-01T01:00:00Z'));
    const client = await clients.for('test', { kubeconfig: file });

    await client.expect('GET', '/version', 'read the version');
    await client.expect('GET', '/version', 'read the version');
    expect(runs(count)).toBe(1);
    expect(api.tokens).toEqual(['Bearer token-1', 'Bearer token-1']);

    vi.setSystemTime(new Date('2030-01-01T02:00:00Z')); // past the credential's expirationTimestamp
    await client.expect('GET', '/version', 'read the version');
    expect(runs(count)).toBe(2);
    expect(api.tokens.at(-1)).toBe('Bearer token-2');
  });

  it('a 401 runs the plugin again and retries once with the new credential', async () => {
    api.handler = (req, res) =>
      req.headers.authorization === 'Bearer token-1'
        ? json(res, 401, { kind: 'Status', code: 401, message: 'Unauthorized' })
        : json(res, 200, { gitVersion: 'v1.36.3' });
    const count = join(dir, 'revoked.count');
    // No expirationTimestamp: client-node would keep token-1 forever; the server has revoked it.
    const file = writeKubeconfig(join(dir, 'revoked.kubeconfig'), api.url, countingCredentialPlugin(dir, count));
    const client = await clients.for('test', { kubeconfig: file });

    await expect(client.expect('GET', '/version', 'read the version')).resolves.toMatchObject({ gitVersion: 'v1.36.3' });
    expect(api.tokens).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(runs(count)).toBe(2);
    await client.expect('GET', '/version', 'read the version');
    expect(runs(count)).toBe(2);
  });

  it('a 401 with a static token is not retried (nothing new to send) and maps to unauthorized', async () => {
    api.handler = (_req, res) => json(res, 401, { kind: 'Status', code: 401, message: 'Unauthorized' });
    const file = writeKubeconfig(join(dir, 'static.kubeconfig'), api.url, { token: 'static-token' });
    const client = await clients.for('test', { kubeconfig: file });
    await expect(client.expect('GET', '/version', 'read the server version')).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringContaining('401'),
    });
    expect(api.tokens).toEqual(['Bearer static-token']);
  });

  it('a token file is read again after a 401 (a rotated service-account token)', async () => {
    const tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, 'old-token');
    api.handler = (req, res) =>
      req.headers.authorization === 'Bearer new-token' ? json(res, 200, {}) : json(res, 401, { kind: 'Status', code: 401 });
    const file = writeKubeconfig(join(dir, 'token-file.kubeconfig'), api.url, { 'token-file': tokenFile });
    const client = await clients.for('test', { kubeconfig: file });
    await client.request('GET', '/version');
    writeFileSync(tokenFile, 'new-token');
    expect((await client.request('GET', '/version')).status).toBe(200);
    expect(api.tokens).toEqual(['Bearer old-token', 'Bearer old-token', 'Bearer new-token']);
  });
});

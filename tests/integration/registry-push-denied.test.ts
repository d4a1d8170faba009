// "Login works but push is denied" on real software: a SECOND distribution registry (Debian docker-registry) with
// token auth, whose token service grants pull only. The token service is a TEST DOUBLE of a registry's auth server
// (Harbor's, Docker Hub's): a few lines here that check the user's password and sign a JWT (RS256, x5c header with
// a self-signed certificate the registry trusts). The registry, the engine and their handshake are real. Expected:
// login passes, the push fails with the hint that the user lacks push on the namespace, the pull is skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createPrivateKey, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import type { DockerBench } from '../fixtures/docker/part.ts';
import { closedPort, operationEnd, registryServices } from './registry-helpers';

const USER = 'reader';
const PASSWORD = 'Pull-Only-Pw-2718';
const ISSUER = 'fd-test-token-issuer';
const SERVICE = 'fd-test-registry';

let bench: DockerBench;
let dir: string;
let tokenServer: Server;
let registry: ChildProcess | undefined;
let registryAddress: string;
const granted: string[] = [];

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The test double: Basic auth in, a pull-only JWT out. */
function startTokenServer(keyPem: string, certDerB64: string): Promise<number> {
  const key = createPrivateKey(keyPem);
  tokenServer = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (user !== USER || pass !== PASSWORD) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"incorrect username or password"}');
      return;
    }
    const access = url.searchParams.getAll('scope').map((scope) => {
      const [type = '', name = '', actions = ''] = scope.split(':');
      const allowed = actions.split(',').filter((a) => a === 'pull');
      granted.push(`${scope} -> ${allowed.join(',') || '(nothing)'}`);
      return { type, name, actions: allowed };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certDerB64] }));
    const payload = b64url(
      JSON.stringify({
        iss: ISSUER,
        sub: USER,
        aud: SERVICE,
        exp: now + 300,
        nbf: now - 10,
        iat: now,
        jti: randomBytes(8).toString('hex'),
        access,
      }),
    );
    const signature = b64url(sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key));
    const token = `${header}.${payload}.${signature}`;
    res
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
  });
  return new Promise((resolve) => tokenServer.listen(0, '127.0.0.1', () => resolve((tokenServer.address() as { port: number }).port)));
}

beforeAll(async () => {
  bench = await useBench<DockerBench>('docker');
  const registryBin = ['/usr/bin/docker-registry', '/usr/sbin/docker-registry'].find((p) => existsSync(p));
  if (!registryBin) throw new Error('docker-registry is missing: install the Debian package "docker-registry"');
  dir = mkdtempSync(join(tmpdir(), 'fd-push-denied-'));
  const openssl = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=fd-test-token-signer',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { encoding: 'utf8' },
  );
  if (openssl.error || openssl.status !== 0)
    throw new Error(`openssl is needed to make the token signing certificate (Debian package "openssl"): ${openssl.stderr}`);
  const certDer = new X509Certificate(readFileSync(join(dir, 'cert.pem'))).raw.toString('base64');
  const tokenPort = await startTokenServer(readFileSync(join(dir, 'key.pem'), 'utf8'), certDer);
  const port = await closedPort();
  registryAddress = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'registry.yml'),
    [
      'version: 0.1',
      'log: { level: info }',
      'storage:',
      `  filesystem: { rootdirectory: ${JSON.stringify(join(dir, 'data'))} }`,
      'http:',
      `  addr: ${registryAddress}`,
      `  secret: ${randomBytes(16).toString('hex')}`,
      'auth:',
      '  token:',
      `    realm: http://127.0.0.1:${tokenPort}/token`,
      `    service: ${SERVICE}`,
      `    issuer: ${ISSUER}`,
      `    rootcertbundle: ${JSON.stringify(join(dir, 'cert.pem'))}`,
      '',
    ].join('\n'),
  );
  registry = spawn(registryBin, ['serve', join(dir, 'registry.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  // Ready when it says it listens (it has bound the port by then); its exit first is a failure to start.
  const started = registry;
  await new Promise<void>((resolve, reject) => {
    let log = '';
    started.stderr?.on('data', (d: Buffer) => {
      log += d.toString();
      if (/listening on/.test(log)) resolve();
    });
    started.once('exit', () => reject(new Error(`the second docker-registry did not start:\n${log}`)));
  });
  expect((await fetch(`http://${registryAddress}/v2/`)).status).toBe(401);
});

afterAll(async () => {
  if (registry && registry.exitCode === null) {
    const exited = new Promise((r) => registry!.once('exit', r));
    registry.kill('SIGTERM');
    await exited;
  }
  await new Promise((r) => (tokenServer ? tokenServer.close(r) : r(undefined)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('login ok, push denied (real registry with token auth, pull-only tokens)', () => {
  it('passes login, fails the push with "the user lacks push on <namespace>", never pulls', async () => {
    const s = registryServices({ DOCKER_HOST: bench.dockerHost });
    await s.client.invoke('registry.save', { address: registryAddress, namespace: 'team-a', username: USER, password: PASSWORD });
    const started = await s.client.invoke('registry.verify');
    await operationEnd(s, started.id);
    const op: OperationSnapshot = await s.client.invoke('operations.get', { id: started.id });
    const step = (id: string) => op.steps.find((x) => x.id === id)!;
    expect(step('login').status, JSON.stringify(op.steps, null, 1)).toBe('succeeded');
    expect(step('push').status).toBe('failed');
    expect(step('push').detail).toContain(`The registry ${registryAddress} refused the push to team-a`);
    expect(step('push').hint).toBe(
      "Login works, but the user lacks push on team-a: ask the registry's admin for push rights there, or choose an image namespace the user can push to",
    );
    expect(step('pull').status).toBe('skipped');
    expect(step('cleanup').status).toBe('succeeded');
    expect(step('cleanup').detail).toBe('Removed the local probe image');
    expect(op.error?.code).toBe('forbidden');
    // The engine really asked for push and got pull only.
    expect(granted.some((g) => /repository:team-a\/flink-desk-probe:.*push.* -> pull/.test(g))).toBe(true);
    rmSync(s.home, { recursive: true, force: true });
  });

  it('a wrong password against the same registry fails at login', async () => {
    const s = registryServices({ DOCKER_HOST: bench.dockerHost });
    await s.client.invoke('registry.save', { address: registryAddress, namespace: 'team-a', username: USER, password: 'wrong' });
    const started = await s.client.invoke('registry.verify');
    const op = await operationEnd(s, started.id);
    expect(op.steps.map((x) => x.status)).toEqual(['failed', 'skipped', 'skipped', 'skipped']);
    expect(op.error?.code).toBe('unauthorized');
    rmSync(s.home, { recursive: true, force: true });
  });
});

// The remote delete's HTTP client against a TEST DOUBLE of a registry's HTTP API (a few lines of node:http on
// 127.0.0.1): the Bearer-token challenge flow, a registry that refuses deletes (405), no plain HTTP unless the
// engine itself treats the registry as insecure, and Basic credentials to a token realm only over HTTPS or on
// loopback. A realm off this machine is reached through a TEST DOUBLE of fetch that records where each request
// went with which credentials (no traffic leaves loopback). The real registry's delete is covered by the
// integration test.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { deleteRemoteManifest } from '../../../electron/services/registry/remote-delete';

let server: Server | undefined;
const seen: string[] = [];

function fakeRegistry(
  handler: (req: IncomingMessage, port: number) => { status: number; headers?: Record<string, string>; body?: string },
): Promise<number> {
  return new Promise((resolve) => {
    server = createServer((req, res) => {
      const port = (server!.address() as { port: number }).port;
      seen.push(`${req.method} ${req.url} ${req.headers.authorization?.split(' ')[0] ?? '-'}`);
      const r = handler(req, port);
      res.writeHead(r.status, r.headers).end(r.body ?? '');
    });
    server.listen(0, '127.0.0.1', () => resolve((server!.address() as { port: number }).port));
  });
}

afterEach(async () => {
  seen.length = 0;
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

const input = (port: number) => ({
  host: `127.0.0.1:${port}`,
  repository: 'streamx/flink-desk-probe',
  digest: 'sha256:abc',
  username: 'u',
  password: 'p',
  insecure: true,
});

describe('remote manifest delete', () => {
  it('follows a Bearer challenge: token with Basic auth, then DELETE with the token', async () => {
    const port = await fakeRegistry((req, p) => {
      if (req.url?.startsWith('/token')) {
        expect(new URL(req.url, 'http://x').searchParams.get('scope')).toBe('repository:streamx/flink-desk-probe:delete');
        return req.headers.authorization === `Basic ${Buffer.from('u:p').toString('base64')}`
          ? { status: 200, body: JSON.stringify({ token: 'T' }) }
          : { status: 401 };
      }
      if (req.headers.authorization === 'Bearer T') return { status: 202 };
      return {
        status: 401,
        headers: {
          'WWW-Authenticate': `Bearer realm="http://127.0.0.1:${p}/token",service="fake",scope="repository:streamx/flink-desk-probe:delete"`,
        },
      };
    });
    expect(await deleteRemoteManifest(input(port))).toEqual({ deleted: true });
    expect(seen).toEqual([
      'DELETE /v2/streamx/flink-desk-probe/manifests/sha256:abc Basic',
      'GET /token?service=fake&scope=repository%3Astreamx%2Fflink-desk-probe%3Adelete Basic',
      'DELETE /v2/streamx/flink-desk-probe/manifests/sha256:abc Bearer',
    ]);
  });

  it('says so when the registry does not allow deletes (405)', async () => {
    const port = await fakeRegistry(() => ({ status: 405 }));
    expect(await deleteRemoteManifest(input(port))).toEqual({
      deleted: false,
      reason: 'not-allowed',
      detail: 'the registry does not allow deletes (405)',
    });
  });

  it('never falls back to plain HTTP for a registry the engine treats as secure', async () => {
    const port = await fakeRegistry(() => ({ status: 202 }));
    const r = await deleteRemoteManifest({ ...input(port), insecure: false });
    expect(r.deleted).toBe(false);
    expect(seen).toEqual([]); // the HTTPS attempt fails at the TLS handshake; no HTTP request with credentials
  });

  it('never sends Basic credentials to a plain-HTTP token realm off this machine', async () => {
    const port = await fakeRegistry(() => ({
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer realm="http://auth.example.test/token",service="fake"' },
    }));
    const { fetch, offLoopback } = recordingFetch({ token: 'T' });
    const r = await deleteRemoteManifest({ ...input(port), fetch });
    expect(offLoopback).toEqual([]);
    expect(r).toEqual({
      deleted: false,
      reason: 'insecure-realm',
      detail:
        "the registry's token service http://auth.example.test is plain HTTP off this machine, so the credentials were not sent to it",
    });
    expect(seen).toEqual(['DELETE /v2/streamx/flink-desk-probe/manifests/sha256:abc Basic']);
  });

  it('sends them to an HTTPS token realm (there the token flow goes on as usual)', async () => {
    const port = await fakeRegistry((req) =>
      req.headers.authorization === 'Bearer T'
        ? { status: 202 }
        : { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="https://auth.example.test/token",service="fake"' } },
    );
    const { fetch, offLoopback } = recordingFetch({ token: 'T' });
    expect(await deleteRemoteManifest({ ...input(port), fetch })).toEqual({ deleted: true });
    expect(offLoopback).toEqual([
      `https://auth.example.test/token?service=fake&scope=repository%3Astreamx%2Fflink-desk-probe%3Adelete Basic`,
    ]);
  });
});

/** A TEST DOUBLE of fetch: loopback requests go to the real fetch (the fake registry); any other is recorded with
 * its authorization scheme and answered with `token` here, never sent. */
function recordingFetch(token: object): { fetch: typeof fetch; offLoopback: string[] } {
  const offLoopback: string[] = [];
  const double = (async (url: string | URL | Request, init?: RequestInit) => {
    const u = new URL(url instanceof Request ? url.url : url);
    if (u.hostname === '127.0.0.1') return fetch(url, init);
    const auth = new Headers(init?.headers).get('authorization')?.split(' ')[0] ?? '-';
    offLoopback.push(`${u.href} ${auth}`);
    return new Response(JSON.stringify(token), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: double, offLoopback };
}

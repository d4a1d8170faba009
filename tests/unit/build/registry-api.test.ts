// The registry HTTP client against a TEST DOUBLE of fetch (a scripted registry that records every request): the
// Bearer token flow with the request's scopes, Basic when asked, HTTPS first and plain HTTP only where allowed, and
// credentials never sent to a plain-HTTP token realm off this machine.
import { describe, expect, it } from 'vitest';
import { RegistryApi } from '../../../electron/services/docker/registry-api';

interface Seen {
  url: string;
  method: string;
  authorization?: string;
}

/** TEST DOUBLE of fetch: answers from `route`, records what was asked and with which Authorization. */
function scripted(route: (url: URL, method: string, auth: string | undefined) => Response | 'refuse'): {
  fetch: typeof fetch;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  const fake = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const headers = new Headers(init?.headers);
    const auth = headers.get('authorization') ?? undefined;
    const method = init?.method ?? 'GET';
    seen.push({ url: url.toString(), method, ...(auth ? { authorization: auth } : {}) });
    const r = route(url, method, auth);
    if (r === 'refuse') return Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    return Promise.resolve(r);
  };
  return { fetch: fake, seen };
}

const creds = { username: 'ci', password: 's3cret' };
const basic = `Basic ${Buffer.from('ci:s3cret').toString('base64')}`;

describe('registry API auth', () => {
  it('answers a Bearer challenge with a token for the scopes of the request, and reuses it', async () => {
    const { fetch, seen } = scripted((url, _m, auth) => {
      if (url.hostname === 'auth.example.com') return Response.json({ token: `tok-${url.searchParams.getAll('scope').join('+')}` });
      if (url.pathname === '/v2/') return new Response('', { status: 401 });
      if (auth?.startsWith('Bearer tok-')) return new Response(null, { status: 200, headers: { 'docker-content-digest': 'sha256:abc' } });
      return new Response('', {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg"' },
      });
    });
    const api = new RegistryApi({ host: 'reg.example.com', credentials: creds, allowPlainHttp: false, fetch });
    expect(await api.headManifest('team/job', 'v1')).toEqual({ digest: 'sha256:abc' });
    expect(await api.headManifest('team/job', 'v2')).toEqual({ digest: 'sha256:abc' });
    const token = seen.filter((s) => s.url.startsWith('https://auth.example.com'));
    expect(token).toHaveLength(1);
    expect(token[0]!.authorization).toBe(basic);
    expect(new URL(token[0]!.url).searchParams.get('scope')).toBe('repository:team/job:pull');
    expect(new URL(token[0]!.url).searchParams.get('service')).toBe('reg');
    expect(seen.at(-1)!.authorization).toBe('Bearer tok-repository:team/job:pull');
    expect(seen.every((s) => s.url.startsWith('https://'))).toBe(true);
  });

  it('takes the token from access_token when the token service answers in the OAuth2 form, and names two scopes at once', async () => {
    const { fetch, seen } = scripted((url, _m, auth) => {
      if (url.hostname === 'auth.example.com') return Response.json({ access_token: 'oauth-tok', expires_in: 300 });
      if (url.pathname === '/v2/') return new Response('', { status: 401 });
      if (auth === 'Bearer oauth-tok') return new Response(null, { status: 201 });
      return new Response('', {
        status: 401,
        headers: { 'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg"' },
      });
    });
    const api = new RegistryApi({ host: 'reg.example.com', credentials: creds, allowPlainHttp: false, fetch });
    expect(await api.mountBlob('team/job', 'sha256:abc', 'library/flink')).toBe(true);
    const token = seen.find((s) => s.url.startsWith('https://auth.example.com'))!;
    expect(new URL(token.url).searchParams.getAll('scope')).toEqual(['repository:team/job:pull,push', 'repository:library/flink:pull']);
    expect(seen.at(-1)!.authorization).toBe('Bearer oauth-tok');
  });

  it('never sends the password to a plain-HTTP token realm off this machine', async () => {
    const { fetch, seen } = scripted((url) => {
      if (url.pathname === '/v2/') return new Response('', { status: 200 });
      return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="http://auth.example.com/token"' } });
    });
    const api = new RegistryApi({ host: 'reg.example.com', credentials: creds, allowPlainHttp: false, fetch });
    await expect(api.headManifest('team/job', 'v1')).rejects.toThrow(/plain HTTP off this machine; it was not sent/);
    expect(seen.some((s) => s.url.startsWith('http://auth.example.com'))).toBe(false);
  });

  it('sends Basic when the registry asks for it, and uses plain HTTP only when allowed', async () => {
    const route = (url: URL, _m: string, auth: string | undefined) => {
      if (url.protocol === 'https:') return 'refuse' as const;
      if (auth === basic) return new Response(null, { status: 404 });
      return new Response('', { status: 401, headers: { 'www-authenticate': 'Basic realm="registry"' } });
    };
    const plain = scripted(route);
    const api = new RegistryApi({ host: '127.0.0.1:5000', credentials: creds, allowPlainHttp: true, fetch: plain.fetch });
    expect(await api.hasBlob('team/job', 'sha256:abc')).toBe(false);
    expect(await api.hasBlob('other/job', 'sha256:abc')).toBe(false);
    // Basic once asked is sent with every later request, whatever its scope: no 401 round trip each time.
    expect(plain.seen.filter((s) => s.url.includes('/blobs/') && !s.authorization)).toHaveLength(1);
    const refused = scripted(route);
    const secure = new RegistryApi({ host: 'reg.example.com', credentials: creds, allowPlainHttp: false, fetch: refused.fetch });
    await expect(secure.hasBlob('team/job', 'sha256:abc')).rejects.toMatchObject({ code: 'unreachable' });
    expect(refused.seen.some((s) => s.url.startsWith('http://'))).toBe(false);
  });
});

// What an engine failure means at each verification step, with the texts dockerd and distribution produce (the
// failures common to every pull and push come from docker/ and are checked here through the same entry point).
// Every push-denied text is checked here; the integration test produces one of them on a real registry.
import { describe, expect, it } from 'vitest';
import { classifyEngineError, type ErrorContext } from '../../../electron/services/registry/verify-errors';

const c: ErrorContext = {
  host: 'reg.example.com:5000',
  namespace: 'streamx',
  reference: 'reg.example.com:5000/streamx/flink-desk-probe:abc',
  username: 'alice',
};

describe('engine error classification', () => {
  it('login refused: unauthorized, and it says nothing was pushed', () => {
    const e = classifyEngineError(
      'login',
      '(HTTP code 401) unexpected - Get "https://reg.example.com:5000/v2/": unauthorized: incorrect username or password',
      c,
    );
    expect(e.code).toBe('unauthorized');
    expect(e.message).toBe('The registry reg.example.com:5000 refused the user name or password for alice');
    expect(e.hint).toMatch(/Nothing was pushed/);
  });

  it.each([
    'denied: requested access to the resource is denied',
    'unauthorized: authentication required',
    'insufficient_scope: authorization failed',
    'denied: requesting higher privileges than access token allows',
  ])('login ok but push refused (%s): the user lacks push on the namespace', (text) => {
    const e = classifyEngineError('push', text, c);
    expect(e.code).toBe('forbidden');
    expect(e.hint).toBe(
      "Login works, but the user lacks push on streamx: ask the registry's admin for push rights there, or choose an image namespace the user can push to",
    );
  });

  it('plain-HTTP registry: insecure-registries hint naming the host', () => {
    const e = classifyEngineError('login', 'Get "https://reg.example.com:5000/v2/": http: server gave HTTP response to HTTPS client', c);
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/speaks plain HTTP/);
    expect(e.hint).toMatch(/"reg.example.com:5000" to "insecure-registries"/);
  });

  it('TLS: trust the CA on the engine host', () => {
    const e = classifyEngineError('login', 'Get "https://reg.example.com:5000/v2/": x509: certificate signed by unknown authority', c);
    expect(e.message).toMatch(/TLS failed/);
    expect(e.hint).toMatch(/certs.d\/reg.example.com:5000\/ca.crt/);
  });

  it('invalid reference format', () => {
    const e = classifyEngineError('push', 'invalid reference format: repository name must be lowercase', c);
    expect(e.code).toBe('invalid-input');
    expect(e.message).toContain(c.reference);
  });

  it.each([
    'Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused',
    'Get "https://nope.example/v2/": dial tcp: lookup nope.example on 127.0.0.53:53: no such host',
    'Get "https://reg.example.com:5000/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers) i/o timeout',
  ])('unreachable registry (%s)', (text) => {
    const e = classifyEngineError('login', text, c);
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(/^The registry reg.example.com:5000 cannot be reached from the engine/);
  });

  it('read-only registry on push', () => {
    expect(classifyEngineError('push', 'unsupported: The operation is unsupported.', c).hint).toMatch(/read-only/);
  });

  it('unknown text: the step failed, with what the engine said', () => {
    const e = classifyEngineError('pull', 'something odd', c);
    expect(e.message).toBe('The pull step failed — the engine said: something odd');
  });
});

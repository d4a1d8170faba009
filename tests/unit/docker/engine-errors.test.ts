// The engine's error texts that mean the same for any pull or push, with the texts dockerd produces.
import { describe, expect, it } from 'vitest';
import { engineErrorText, engineSaid, redact, registryTransportError } from '../../../electron/services/docker';

const c = { host: 'reg.example.com:5000', reference: 'reg.example.com:5000/streamx/app:1' };

describe('engine errors', () => {
  it('reads the message from dockerode errors, without its HTTP-code prefix', () => {
    expect(engineErrorText(Object.assign(new Error('(HTTP code 500) server error'), { json: { message: 'inner text' } }))).toBe(
      'inner text',
    );
    expect(engineErrorText(new Error('plain'))).toBe('plain');
    expect(engineSaid('(HTTP code 404) unexpected - No such image: x')).toBe('No such image: x');
  });

  it('names the transport failures and leaves the others to the caller', () => {
    expect(registryTransportError('http: server gave HTTP response to HTTPS client', c)?.hint).toMatch(
      /"reg.example.com:5000" to "insecure-registries"/,
    );
    expect(registryTransportError('dial tcp 127.0.0.1:1: connect: connection refused', c)?.code).toBe('unreachable');
    expect(registryTransportError('invalid reference format', c)?.message).toContain(c.reference);
    expect(registryTransportError('denied: requested access to the resource is denied', c)).toBeUndefined();
  });

  it('redacts a secret and its base64 form', () => {
    const b64 = Buffer.from('s3cret!').toString('base64');
    expect(redact(`pw s3cret! and ${b64}`, 's3cret!')).toBe('pw •••• and ••••');
  });
});

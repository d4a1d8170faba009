import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLogger } from '../../../electron/services/log/file-logger';
import { redactText } from '../../../electron/services/log/redact';

const tmp = () => mkdtempSync(join(tmpdir(), 'fd-log-'));

describe('file logger', () => {
  it('writes JSON lines with level, source and message, at mode 0600', () => {
    const dir = tmp();
    const log = fileLogger({ dir, source: 'cli', now: () => Date.UTC(2026, 0, 1) });
    log.info('started', { port: 1234 });
    log.error('failed', { error: 'boom' });
    const lines = readFileSync(log.file!, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({ t: '2026-01-01T00:00:00.000Z', level: 'info', src: 'cli', msg: 'started', port: 1234 }),
      expect.objectContaining({ level: 'error', msg: 'failed', error: 'boom' }),
    ]);
    expect(statSync(log.file!).mode & 0o777).toBe(0o600);
  });

  it('never writes a secret: secret-named fields, Bearer/Basic headers, URL credentials', () => {
    const dir = tmp();
    const log = fileLogger({ dir, source: 'web' });
    log.warn('push to https://ci:hunter22@registry.example.com/v2/ failed', {
      password: 'hunter22',
      headers: { Authorization: 'Bearer eyJhbGciOi.payload.sig' },
      detail: 'got Basic Y2k6aHVudGVyMjI= back',
      nested: { token: 'abc123' },
    });
    const text = readFileSync(log.file!, 'utf8');
    for (const secret of ['hunter22', 'eyJhbGciOi', 'Y2k6aHVudGVyMjI=', 'abc123']) expect(text).not.toContain(secret);
    expect(text).toContain('registry.example.com');
  });

  it('rotates at the size limit and keeps a bounded number of files', () => {
    const dir = tmp();
    const log = fileLogger({ dir, source: 'cli', maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(statSync(log.file!).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(`${log.file!}.1`)).toBe(true);
    expect(existsSync(`${log.file!}.2`)).toBe(true);
    expect(existsSync(`${log.file!}.3`)).toBe(false);
    expect(readFileSync(log.file!, 'utf8')).toContain('line 199');
  });

  it('redacts known secrets in plain and base64 form', () => {
    expect(redactText('pw s3cretpw and czNjcmV0cHc= here', ['s3cretpw'])).toBe('pw [redacted] and [redacted] here');
  });
});

// The probe's build context is a real tar: the system's tar lists and extracts it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probeContext, probeReference } from '../../../electron/services/registry/probe-image';
import { tarball } from '../../../electron/services/registry/tar';

describe('probe image', () => {
  it('its context is a valid tar with a FROM scratch Dockerfile and one small file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-probe-'));
    writeFileSync(join(dir, 'ctx.tar'), probeContext('nonce123'));
    expect(
      execFileSync('tar', ['-tf', join(dir, 'ctx.tar')], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toEqual(['Dockerfile', 'probe.txt']);
    execFileSync('tar', ['-xf', join(dir, 'ctx.tar'), '-C', dir]);
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM scratch\nCOPY probe.txt \/probe.txt\nLABEL org.flinkdesk.probe="nonce123"/);
    expect(readFileSync(join(dir, 'probe.txt'), 'utf8')).toContain('nonce123');
  });

  it('tar entries of any size round-trip (padding to 512-byte blocks)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-tar-'));
    const big = 'x'.repeat(1500);
    writeFileSync(
      join(dir, 't.tar'),
      tarball([
        { name: 'a.txt', content: big },
        { name: 'b.txt', content: '' },
      ]),
    );
    execFileSync('tar', ['-xf', join(dir, 't.tar'), '-C', dir]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(big);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('');
  });

  it('its reference is <address>/<namespace>/flink-desk-probe:<random>', () => {
    expect(probeReference('r.io:5000/team/', 'streamx', 'abc')).toBe('r.io:5000/team/streamx/flink-desk-probe:abc');
    expect(probeReference('r.io', 'ns')).toMatch(/^r\.io\/ns\/flink-desk-probe:[0-9a-f]{12}$/);
  });
});

// The probe's only layer is a real tar: the system's tar lists and extracts it.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { probeReference, probeRootfs, splitReference } from '../../../electron/services/registry/probe-image';

describe('probe image', () => {
  it('its only layer is a valid tar holding one small file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-probe-'));
    await pipeline(probeRootfs('nonce123'), createWriteStream(join(dir, 'rootfs.tar')));
    expect(
      execFileSync('tar', ['-tf', join(dir, 'rootfs.tar')], { encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toEqual(['probe.txt']);
    execFileSync('tar', ['-xf', join(dir, 'rootfs.tar'), '-C', dir]);
    expect(readFileSync(join(dir, 'probe.txt'), 'utf8')).toContain('nonce123');
  });

  it('its reference is <address>/<namespace>/flink-desk-probe:<random>', () => {
    expect(probeReference('r.io:5000/team/', 'streamx', 'abc')).toBe('r.io:5000/team/streamx/flink-desk-probe:abc');
    expect(probeReference('r.io', 'ns')).toMatch(/^r\.io\/ns\/flink-desk-probe:[0-9a-f]{12}$/);
    expect(splitReference('127.0.0.1:5000/ns/flink-desk-probe:abc')).toEqual({ repo: '127.0.0.1:5000/ns/flink-desk-probe', tag: 'abc' });
  });
});

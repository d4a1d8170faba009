// A jar's manifest read through its central directory, a file that is not a jar refused, the shaded jar picked of a
// build's jars (or the candidates listed), and layers that are byte-identical for the same files.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { Readable } from 'node:stream';
import { inspectJar, parseManifest } from '../../../electron/services/build/jar-file';
import { pickJobJar } from '../../../electron/services/build/jar-candidates';
import { reproducibleLayer } from '../../../electron/services/docker/layer-tar';

/** A minimal stored (uncompressed) zip with one entry: written by hand so the test needs no zip library. */
function zipWith(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fname = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(10, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fname.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(10, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fname.length, 28);
  const cdOffset = local.length + fname.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fname.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, fname, data, central, fname, end]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

describe('jars', () => {
  it('reads Main-Class from the manifest, continuation lines joined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-jar-'));
    const jar = join(dir, 'job.jar');
    writeFileSync(
      jar,
      zipWith('META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nMain-Class: dev.flinkdesk.examples.Datagen\r\n Job\r\n\r\n'),
    );
    const info = await inspectJar(jar);
    expect(info).toMatchObject({ name: 'job.jar', mainClass: 'dev.flinkdesk.examples.DatagenJob' });
    expect(info.sha256).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parseManifest('program-class: a.B\n')).toEqual({ 'program-class': 'a.B' });
  });

  it('refuses a file that is not a jar, and a path with nothing there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-jar-'));
    writeFileSync(join(dir, 'x.jar'), 'not a zip');
    await expect(inspectJar(join(dir, 'x.jar'))).rejects.toThrow(/is not a jar: it does not start like a zip/);
    writeFileSync(join(dir, 'y.jar'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(10)]));
    await expect(inspectJar(join(dir, 'y.jar'))).rejects.toThrow(/zip directory cannot be read/);
    await expect(inspectJar(join(dir, 'none.jar'))).rejects.toMatchObject({ code: 'not-found' });
  });

  it('picks the shaded jar of several, ignores old and non-job jars, and lists the candidates when unsure', () => {
    const p = mkdtempSync(join(tmpdir(), 'fd-target-'));
    const t = join(p, 'target');
    mkdirSync(t);
    const started = Date.now();
    for (const f of ['job-1.0.jar', 'original-job-1.0.jar', 'job-1.0-sources.jar']) writeFileSync(join(t, f), 'x');
    const old = join(t, 'stale-0.9.jar');
    writeFileSync(old, 'x');
    utimesSync(old, new Date(started - 60_000), new Date(started - 60_000));
    expect(pickJobJar(p, started, [])).toBe(join(t, 'job-1.0.jar'));
    writeFileSync(join(t, 'job-1.0-extra.jar'), 'x');
    expect(pickJobJar(p, started, [])).toBe(join(t, 'job-1.0.jar')); // an original- beside it: it is the shaded one
    writeFileSync(join(t, 'original-job-1.0-extra.jar'), 'x');
    expect(() => pickJobJar(p, started, [])).toThrow(
      /made 2 jars that could each be the job: target\/job-1\.0-extra\.jar, target\/job-1\.0\.jar|made 2 jars that could each be the job: target\/job-1\.0\.jar, target\/job-1\.0-extra\.jar/,
    );
    expect(pickJobJar(p, started, [join(t, 'job-1.0-extra.jar')])).toBe(join(t, 'job-1.0-extra.jar'));
    const empty = mkdtempSync(join(tmpdir(), 'fd-target-'));
    expect(() => pickJobJar(empty, started, [])).toThrow(/made no jar/);
  });
});

describe('reproducible layers', () => {
  it('gives the same bytes for the same files, with fixed times and owner and no parent directories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-layer-'));
    const f = join(dir, 'job.jar');
    writeFileSync(f, 'jar bytes');
    const a = await reproducibleLayer([{ path: 'opt/flink/usrlib/job.jar', source: f }]);
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    const b = await reproducibleLayer([{ path: 'opt/flink/usrlib/job.jar', source: f }]);
    expect(b.digest).toBe(a.digest);
    expect(b.diffId).toBe(a.diffId);
    expect(a.digest).not.toBe(a.diffId);
    const headers: { name: string; mtime?: Date; uid?: number; gid?: number; mode?: number }[] = [];
    const ex = extract();
    ex.on('entry', (h, stream, next) => {
      headers.push(h);
      stream.resume();
      stream.on('end', next);
    });
    await new Promise<void>((resolve, reject) => {
      ex.on('finish', resolve).on('error', reject);
      Readable.from(gunzipSync(a.gzip)).pipe(ex);
    });
    expect(headers.map((h) => [h.name, h.mtime?.getTime(), h.uid, h.gid, h.mode])).toEqual([['opt/flink/usrlib/job.jar', 0, 0, 0, 0o644]]);
    writeFileSync(f, 'other jar bytes');
    expect((await reproducibleLayer([{ path: 'opt/flink/usrlib/job.jar', source: f }])).digest).not.toBe(a.digest);
  });
});

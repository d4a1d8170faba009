// The tars handed to the engine are real tars: the system's tar lists and extracts them, names longer than the
// 100 characters of a plain ustar header included.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { packDirectory, packEntries } from '../../../electron/services/docker';

async function extract(tar: Readable): Promise<{ dir: string; names: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'fd-tar-'));
  await pipeline(tar, createWriteStream(join(dir, 'out.tar')));
  const names = execFileSync('tar', ['-tf', join(dir, 'out.tar')], { encoding: 'utf8' })
    .trim()
    .split('\n');
  mkdirSync(join(dir, 'x'));
  execFileSync('tar', ['-xf', join(dir, 'out.tar'), '-C', join(dir, 'x')]);
  return { dir: join(dir, 'x'), names };
}

describe('tars for the engine', () => {
  it('entries of any size and with long names round-trip', async () => {
    const long = `${'a'.repeat(120)}.txt`;
    const longer = `${'d'.repeat(90)}/${'e'.repeat(90)}/${'f'.repeat(90)}.jar`;
    const big = 'x'.repeat(1500);
    const { dir, names } = await extract(
      packEntries([
        { name: 'a.txt', content: big },
        { name: 'b.txt', content: '' },
        { name: long, content: 'long' },
        { name: longer, content: Buffer.from([1, 2, 3]) },
      ]),
    );
    expect(names).toEqual(['a.txt', 'b.txt', long, longer]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe(big);
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('');
    expect(readFileSync(join(dir, long), 'utf8')).toBe('long');
    expect([...readFileSync(join(dir, longer))]).toEqual([1, 2, 3]);
  });

  it('packs a directory from disk (a build context), deep paths included', async () => {
    const src = mkdtempSync(join(tmpdir(), 'fd-ctx-'));
    const deep = join('lib', 'b'.repeat(80), 'c'.repeat(80));
    mkdirSync(join(src, deep), { recursive: true });
    writeFileSync(join(src, 'Dockerfile'), 'FROM scratch\n');
    writeFileSync(join(src, deep, 'job.jar'), 'jar');
    const { dir, names } = await extract(packDirectory(src));
    expect(names).toContain('Dockerfile');
    expect(names).toContain(`${deep}/job.jar`);
    expect(readFileSync(join(dir, deep, 'job.jar'), 'utf8')).toBe('jar');
    const only = await extract(packDirectory(src, { entries: ['Dockerfile'] }));
    expect(only.names).toEqual(['Dockerfile']);
  });
});

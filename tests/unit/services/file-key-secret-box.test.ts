import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeySecretBox } from '../../../electron/services/secrets/file-key-secret-box';

const tmp = () => mkdtempSync(join(tmpdir(), 'fd-secret-'));

describe('file-key secret box', () => {
  it('round-trips, never stores the plain text, and uses a fresh IV each time', async () => {
    const dir = tmp();
    const box = fileKeySecretBox(join(dir, 'secret.key'));
    const a = await box.encrypt('s3cr3t-Pa55');
    const b = await box.encrypt('s3cr3t-Pa55');
    expect(a).not.toBe(b);
    expect(a).not.toContain('s3cr3t');
    expect(Buffer.from(a.slice(4), 'base64').toString('latin1')).not.toContain('s3cr3t');
    expect(await box.decrypt(a)).toBe('s3cr3t-Pa55');
    expect(await fileKeySecretBox(join(dir, 'secret.key')).decrypt(b)).toBe('s3cr3t-Pa55');
  });

  it('keeps the key file at mode 0600 and tightens a loosened one', () => {
    const dir = tmp();
    const key = join(dir, 'secret.key');
    fileKeySecretBox(key);
    expect(statSync(key).mode & 0o777).toBe(0o600);
    chmodSync(key, 0o644);
    fileKeySecretBox(key);
    expect(statSync(key).mode & 0o777).toBe(0o600);
  });

  it('detects tampering and a changed key with a message the user can act on', async () => {
    const dir = tmp();
    const key = join(dir, 'secret.key');
    const box = fileKeySecretBox(key);
    const sealed = await box.encrypt('pw');
    const raw = Buffer.from(sealed.slice(4), 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    await expect(box.decrypt(`fk1:${raw.toString('base64')}`)).rejects.toMatchObject({
      code: 'store-corrupt',
      hint: expect.stringContaining('again'),
    });
    writeFileSync(key, Buffer.alloc(32, 7).toString('base64'));
    await expect(fileKeySecretBox(key).decrypt(sealed)).rejects.toMatchObject({ code: 'store-corrupt' });
    expect(readFileSync(key, 'utf8')).not.toBe('');
  });

  it('says it is the weaker option', () => {
    expect(fileKeySecretBox(join(tmp(), 'k')).warning).toMatch(/anyone who can read that file/);
  });
});

// One secret backend for the desktop app, the host and the CLI: what one process seals, another opens.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSecretBox, type Keychain } from '../../../electron/services/secrets/open-secret-box';

const tmp = () => mkdtempSync(join(tmpdir(), 'fd-secrets-'));

/** An in-memory OS keychain (a test double of @napi-rs/keyring, named as one). */
function keychainDouble(): Keychain & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, get: (s, a) => items.get(`${s}/${a}`), set: (s, a, v) => void items.set(`${s}/${a}`, v) };
}
const broken = () => Promise.reject(new Error("Couldn't access platform storage: AccessDenied"));

describe('secret backend', () => {
  it('keeps the data key in the OS keychain when one answers; a second process (the CLI) reads the first one’s secrets', async () => {
    const dir = tmp();
    const kc = keychainDouble();
    const app = await openSecretBox(dir, async () => kc);
    expect(app.backend).toBe('os-keychain');
    expect(app.warning).toBeUndefined();
    const sealed = await app.encrypt('p4ssw0rd');
    const cli = await openSecretBox(dir, async () => kc);
    expect(await cli.decrypt(sealed)).toBe('p4ssw0rd');
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });

  it('falls back to the key file where no keychain answers, says why, and every process uses that file', async () => {
    const dir = tmp();
    const box = await openSecretBox(dir, broken);
    expect(box.backend).toBe('file-key');
    expect(box.warning).toMatch(/no OS keychain answered.*AccessDenied/);
    expect(box.warning).not.toContain(dir);
    const sealed = await box.encrypt('p4ssw0rd');
    // A later process that does have a keychain keeps using the file: the secrets stay readable.
    const later = await openSecretBox(dir, async () => keychainDouble());
    expect(later.backend).toBe('file-key');
    expect(await later.decrypt(sealed)).toBe('p4ssw0rd');
  });

  it('once the key is in the keychain, a process that cannot reach it says so instead of starting a second key', async () => {
    const dir = tmp();
    const kc = keychainDouble();
    const sealed = await (await openSecretBox(dir, async () => kc)).encrypt('p4ssw0rd');
    const ssh = await openSecretBox(dir, broken);
    expect(ssh.warning).toMatch(/cannot be reached/);
    await expect(ssh.decrypt(sealed)).rejects.toMatchObject({ code: 'store-corrupt', message: expect.stringMatching(/OS keychain/) });
    await expect(ssh.encrypt('x')).rejects.toMatchObject({ code: 'store-corrupt' });
    expect(existsSync(join(dir, 'secret.key'))).toBe(false);
  });
});

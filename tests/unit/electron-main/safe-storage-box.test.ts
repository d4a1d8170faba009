import { describe, expect, it } from 'vitest';
import { safeStorageBox } from '../../../electron/main/adapters/safe-storage-box';

const fake = (backend: string) => ({
  isEncryptionAvailable: () => true,
  encryptString: (s: string) => Buffer.from(s.split('').reverse().join(''), 'utf8'),
  decryptString: (b: Buffer) => b.toString('utf8').split('').reverse().join(''),
  getSelectedStorageBackend: () => backend,
});

describe('safeStorage secret box', () => {
  it('round-trips through safeStorage', async () => {
    const box = safeStorageBox(fake('gnome_libsecret'), 'linux');
    expect(await box.decrypt(await box.encrypt('pw'))).toBe('pw');
    expect(box.warning).toBeUndefined();
  });

  it('warns when Linux falls back to basic_text', () => {
    expect(safeStorageBox(fake('basic_text'), 'linux').warning).toMatch(/keyring/);
  });

  it('refuses to store when the keychain is unavailable', async () => {
    const box = safeStorageBox({ ...fake('kwallet'), isEncryptionAvailable: () => false }, 'linux');
    await expect(box.encrypt('pw')).rejects.toMatchObject({ message: expect.stringContaining('keychain') });
  });
});

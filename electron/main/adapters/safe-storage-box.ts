// Secrets at rest through the OS keychain (Electron safeStorage). On Linux without a keyring Electron falls back
// to a hard-coded key ("basic_text"): still encrypted on disk, but not protected, and the user is told.
import type { SafeStorage } from 'electron';
import { AppError } from '../../../shared/errors';
import type { SecretBox } from '../../services/ports';

const PREFIX = 'ss1:';

export function safeStorageBox(
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
    getSelectedStorageBackend?: () => string;
  },
  platform: string,
): SecretBox {
  const backend = platform === 'linux' && safeStorage.getSelectedStorageBackend ? safeStorage.getSelectedStorageBackend() : 'os-keychain';
  const weak = backend === 'basic_text';
  return {
    backend: `safeStorage:${backend}`,
    ...(weak
      ? {
          warning:
            'No system keyring was found (GNOME Keyring or KWallet): secrets are stored with a fixed key and are only obfuscated on disk. Install and unlock a keyring, then enter passwords again.',
        }
      : {}),
    async encrypt(plain) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError({
          code: 'internal',
          message: 'The system keychain is not available, so the secret cannot be stored.',
          hint: 'Unlock your keychain and try again.',
        });
      }
      return PREFIX + safeStorage.encryptString(plain).toString('base64');
    },
    async decrypt(sealed) {
      if (!sealed.startsWith(PREFIX))
        throw new AppError({
          code: 'store-corrupt',
          message: 'A stored secret was not written by this app.',
          hint: 'Enter the password again.',
        });
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(PREFIX.length), 'base64'));
      } catch {
        throw new AppError({
          code: 'store-corrupt',
          message: 'A stored secret cannot be decrypted with this keychain.',
          hint: 'Enter the password again.',
        });
      }
    },
  };
}

// AES-256-GCM with a 32-byte data key; where the key lives (the OS keychain, or a 0600 file) is the caller's.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SecretBox } from '../ports';

const PREFIX = 'fk1:';

export function aesSecretBox(key: Buffer, backend: string, warning?: string): SecretBox {
  return {
    backend,
    ...(warning ? { warning } : {}),
    async encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    async decrypt(sealed) {
      if (!sealed.startsWith(PREFIX)) throw unreadable('it was not written by this secret store');
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable('the data key changed or the data was altered');
      }
    },
  };
}

export function unreadable(why: string): AppError {
  return new AppError({
    code: 'store-corrupt',
    message: `A stored secret cannot be decrypted: ${why}.`,
    hint: 'Enter the password again in Flink Desk; it will be stored anew.',
  });
}

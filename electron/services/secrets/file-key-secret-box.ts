// Secrets at rest for the serve host and the CLI: AES-256-GCM with a random key in a file of mode 0600 beside the
// data. Weaker than the OS keychain that Electron's safeStorage uses (anyone who can read the key file can decrypt),
// and said so to the user.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SecretBox } from '../ports';

const PREFIX = 'fk1:';

export function fileKeySecretBox(keyPath: string): SecretBox {
  const key = loadOrCreateKey(keyPath);
  return {
    backend: 'file-key',
    warning: `Secrets are encrypted with a key stored in ${keyPath} (mode 0600): anyone who can read that file can read them. The desktop app uses the OS keychain instead.`,
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
        throw unreadable('the key file changed or the data was altered');
      }
    },
  };
}

function loadOrCreateKey(keyPath: string): Buffer {
  if (existsSync(keyPath)) {
    // Tighten a key file someone loosened; never read a key that others could have swapped.
    if ((statSync(keyPath).mode & 0o077) !== 0) chmodSync(keyPath, 0o600);
    const key = Buffer.from(readFileSync(keyPath, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw unreadable(`the key file ${keyPath} is damaged`);
    return key;
  }
  mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyPath, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  return key;
}

function unreadable(why: string): AppError {
  return new AppError({
    code: 'store-corrupt',
    message: `A stored secret cannot be decrypted: ${why}.`,
    hint: 'Enter the password again in Flink Desk; it will be stored anew.',
  });
}

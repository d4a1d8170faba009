// The fallback where no OS keychain answers: the data key in a file of mode 0600 in the data directory. Weaker
// (anyone who can read that file can decrypt), and said so to the user, without naming the path to the renderer.
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SecretBox } from '../ports';
import { aesSecretBox, unreadable } from './aes-secret-box';

export const FILE_KEY_WARNING =
  'Secrets are encrypted with a key kept in a file of the data directory (mode 0600), because no OS keychain answered: anyone who can read that file can read them.';

export function fileKeySecretBox(keyPath: string, why?: string): SecretBox {
  return aesSecretBox(loadOrCreateKey(keyPath), 'file-key', why ? `${FILE_KEY_WARNING} (${why})` : FILE_KEY_WARNING);
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
  try {
    writeFileSync(keyPath, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process (the app and the CLI start together) created it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(keyPath);
    throw e;
  }
  return key;
}

// One secret backend that the desktop app, the serve host and the CLI all read: a random AES data key kept in the
// OS keychain (through @napi-rs/keyring, a native module that works in Node and Electron alike), or, where no
// keychain answers (a headless Linux without a Secret Service), in a 0600 key file. The choice is made once per
// data directory and remembered (keychain.json or secret.key), so a process that cannot reach the keychain later
// says so instead of quietly starting a second key that the others could not read.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SecretBox } from '../ports';
import { aesSecretBox } from './aes-secret-box';
import { fileKeySecretBox } from './file-key-secret-box';

/** What we use of a keychain; the real one is @napi-rs/keyring, tests pass a named test double. */
export interface Keychain {
  get(service: string, account: string): string | undefined;
  set(service: string, account: string, secret: string): void;
}

const SERVICE = 'flink-desk';

export async function osKeychain(): Promise<Keychain> {
  const { Entry } = await import('@napi-rs/keyring');
  return {
    get: (service, account) => new Entry(service, account).getPassword() ?? undefined,
    set: (service, account, secret) => new Entry(service, account).setPassword(secret),
  };
}

export async function openSecretBox(dataDir: string, keychain?: () => Promise<Keychain>): Promise<SecretBox> {
  const keyFile = join(dataDir, 'secret.key');
  const marker = join(dataDir, 'keychain.json');
  if (existsSync(keyFile)) return fileKeySecretBox(keyFile);
  const account = `data-key:${dataDir}`;
  const load = keychain ?? osKeychain;
  if (existsSync(marker)) {
    try {
      const kc = await load();
      const key = kc.get(SERVICE, readAccount(marker) ?? account);
      if (key && Buffer.from(key, 'base64').length === 32) return aesSecretBox(Buffer.from(key, 'base64'), 'os-keychain');
      return unavailable('the OS keychain has no Flink Desk key for this data directory (it was removed)');
    } catch (e) {
      return unavailable(`the OS keychain cannot be reached here (${errorText(e)})`);
    }
  }
  try {
    const kc = await load();
    const key = randomBytes(32).toString('base64');
    kc.set(SERVICE, account, key);
    if (kc.get(SERVICE, account) !== key) throw new Error('the keychain did not keep the key');
    writeFileSync(marker, JSON.stringify({ service: SERVICE, account }), { mode: 0o600 });
    return aesSecretBox(Buffer.from(key, 'base64'), 'os-keychain');
  } catch (e) {
    return fileKeySecretBox(keyFile, errorText(e));
  }
}

function readAccount(marker: string): string | undefined {
  try {
    const m = JSON.parse(readFileSync(marker, 'utf8')) as { account?: unknown };
    return typeof m.account === 'string' ? m.account : undefined;
  } catch {
    return undefined;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A box that explains, on use, why secrets cannot be read or written in this session. */
function unavailable(why: string): SecretBox {
  const fail = () =>
    Promise.reject(
      new AppError({
        code: 'store-corrupt',
        message: `Saved secrets are kept in the OS keychain, but ${why}.`,
        hint: 'Unlock the keychain (or run Flink Desk in your desktop session) and try again.',
      }),
    );
  return { backend: 'os-keychain', warning: `Secrets cannot be used: ${why}.`, encrypt: fail, decrypt: fail };
}

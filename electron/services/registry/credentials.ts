// A saved password belongs to the registry address and the Docker engine it was entered for (`passwordFor`):
// whatever sends it somewhere (verify, the pull secret, a build's push) takes it from here, which refuses when the
// address or the engine has changed since, so the password never follows a changed address to a new place.
import { AppError } from '../../../shared/errors';
import type { SecretBox } from '../ports';
import type { Stores } from '../store/stores';
import type { RegistryRecord } from './registry-store';

export interface SavedCredentials {
  address: string;
  username: string;
  password: string;
  /** The engine setting the password was entered for ('' = DOCKER_HOST or the default socket). */
  dockerHost: string;
}

/** Whether the record's sealed password was entered for its current address and engine. A password saved before
 * Flink Desk recorded this (no `passwordFor`) is not known to belong here, so it does not. */
export function passwordBelongs(r: RegistryRecord): boolean {
  return Boolean(r.passwordSealed && r.passwordFor && r.passwordFor.address === r.address && r.passwordFor.dockerHost === r.dockerHost);
}

/** The address and engine a password entered now belongs to. */
export const passwordForOf = (r: Pick<RegistryRecord, 'address' | 'dockerHost'>) => ({ address: r.address, dockerHost: r.dockerHost });

/** The record without its password (and the binding that went with it). */
export function withoutPassword(r: RegistryRecord): RegistryRecord {
  const next = { ...r };
  delete next.passwordSealed;
  delete next.passwordFor;
  return next;
}

/** The saved address, user and password, or a refusal saying what to enter. `purpose` ends "… before <purpose>". */
export async function savedCredentials(
  deps: { stores: Pick<Stores, 'registry'>; secrets: Pick<SecretBox, 'decrypt'> },
  purpose: string,
): Promise<SavedCredentials> {
  const r = deps.stores.registry.read();
  if (!r.address)
    throw new AppError({
      code: 'invalid-input',
      message: 'No registry is configured yet',
      hint: `Save the registry address, user and password first, before ${purpose}`,
    });
  if (!r.username)
    throw new AppError({
      code: 'invalid-input',
      message: `No user name is saved for ${r.address}`,
      hint: `Save the user name and password (or import them from your Docker config) before ${purpose}`,
    });
  if (!r.passwordSealed)
    throw new AppError({
      code: 'invalid-input',
      message: `No password is saved for ${r.address}`,
      hint: `Save the user name and password (or import them from your Docker config) before ${purpose}`,
    });
  if (!passwordBelongs(r)) throw notForHere(r);
  return { address: r.address, username: r.username, password: await deps.secrets.decrypt(r.passwordSealed), dockerHost: r.dockerHost };
}

function notForHere(r: RegistryRecord): AppError {
  const was = r.passwordFor;
  const how = 'on the Registry page (or with flink-desk registry set --password-stdin), then try again';
  if (was && was.address !== r.address)
    return new AppError({
      code: 'invalid-input',
      message: `The saved password was entered for ${was.address}, not for ${r.address}`,
      hint: `Enter the password for the new address ${r.address} ${how}`,
    });
  if (was)
    return new AppError({
      code: 'invalid-input',
      message: `The saved password for ${r.address} was entered for another Docker engine (${was.dockerHost || 'DOCKER_HOST or the default socket'})`,
      hint: `Enter the password for ${r.address} again, for this engine, ${how}`,
    });
  return new AppError({
    code: 'invalid-input',
    message: `The saved password for ${r.address} does not say which address it was entered for (saved by an earlier Flink Desk)`,
    hint: `Enter the password for ${r.address} again ${how}`,
  });
}

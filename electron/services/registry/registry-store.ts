// The registry's own store file: address, user, the SEALED password (SecretBox output, never the plain text) and
// the address and engine it was entered for, the engine address, the last verification and the pull secrets
// created. The image namespace is not here: it is the setting docker.register.image-namespace, which the Settings
// page and the Registry page both edit.
import type { Stores, RegistryRecord } from '../store/stores';

export type { RegistryRecord };

export function readRegistry(stores: Pick<Stores, 'registry'>): RegistryRecord {
  return stores.registry.read();
}

export function updateRegistry(stores: Pick<Stores, 'registry'>, patch: (r: RegistryRecord) => RegistryRecord): RegistryRecord {
  return stores.registry.update(patch);
}

// The 'registry' store section: address, user, the SEALED password (SecretBox output, never the plain text), the
// engine address, the last verification and the pull secrets created. The image namespace is not here: it is the
// setting docker.register.image-namespace, which the Settings page and the Registry page both edit.
import type { LastVerification, PullSecretRecord } from '../../../shared/contracts/registry';
import type { SettingsStore } from '../ports';

export const REGISTRY_SECTION = 'registry';

export interface RegistryRecord {
  address: string;
  username: string;
  /** `SecretBox.encrypt` output. */
  passwordSealed?: string;
  dockerHost: string;
  lastVerification?: LastVerification;
  pullSecrets: PullSecretRecord[];
}

const empty: RegistryRecord = { address: '', username: '', dockerHost: '', pullSecrets: [] };

export function readRegistry(store: SettingsStore): RegistryRecord {
  const raw = store.get(REGISTRY_SECTION);
  if (!raw || typeof raw !== 'object') return { ...empty, pullSecrets: [] };
  const r = raw as Partial<Record<keyof RegistryRecord, unknown>>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const out: RegistryRecord = {
    address: str(r.address),
    username: str(r.username),
    dockerHost: str(r.dockerHost),
    pullSecrets: Array.isArray(r.pullSecrets) ? (r.pullSecrets as PullSecretRecord[]) : [],
  };
  if (typeof r.passwordSealed === 'string' && r.passwordSealed) out.passwordSealed = r.passwordSealed;
  if (r.lastVerification && typeof r.lastVerification === 'object') out.lastVerification = r.lastVerification as LastVerification;
  return out;
}

export function writeRegistry(store: SettingsStore, record: RegistryRecord): void {
  store.set(REGISTRY_SECTION, record);
}

export function updateRegistry(store: SettingsStore, patch: (r: RegistryRecord) => RegistryRecord): RegistryRecord {
  const next = patch(readRegistry(store));
  writeRegistry(store, next);
  return next;
}

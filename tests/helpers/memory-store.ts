// An in-memory SettingsStore for unit tests (a test double of the conf-backed store, named as one).
import type { SettingsStore } from '../../electron/services/ports';

export function memoryStore(initial: Record<string, unknown> = {}): SettingsStore & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  return {
    data,
    path: ':memory:',
    warnings: [],
    get: (k) => data[k],
    set: (k, v) => {
      data[k] = structuredClone(v);
    },
    delete: (k) => {
      delete data[k];
    },
  };
}

// The repositories, one per concern, each in its own file of the data directory: settings, registry, targets,
// jobs, operations, tracking state, and the append-only history. Tracking and history are written often and never
// touch the files that hold settings and secrets. A data directory of an earlier version (one `flink-desk.json`
// with a section per concern) is split into these files once, and kept as `flink-desk.json.migrated`.
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { LastVerification, PullSecretRecord } from '../../../shared/contracts/registry';
import type { OperationSnapshot } from '../../../shared/operations';
import { trackedEntrySchema, trackingDocSchema, type TrackingDoc } from '../../../shared/contracts/tracking';
import { openHistory, type HistoryLog } from './history-log';
import { openRepository, type Repository, type RepositoryDef } from './json-repository';

export const settingsDef: RepositoryDef<Record<string, unknown>> = {
  name: 'settings',
  version: 1,
  // Each key is checked against its rule by SettingsService, so one bad value never costs the others.
  schema: z.record(z.string(), z.unknown()),
  empty: () => ({}),
};

const registrySchema = z.object({
  address: z.string().default(''),
  username: z.string().default(''),
  /** `SecretBox.encrypt` output, never the plain password. */
  passwordSealed: z.string().optional(),
  /** The address and engine the sealed password was entered for: it is never sent anywhere else. */
  passwordFor: z.object({ address: z.string(), dockerHost: z.string() }).optional(),
  dockerHost: z.string().default(''),
  lastVerification: z.custom<LastVerification>((v) => typeof v === 'object' && v !== null).optional(),
  pullSecrets: z.array(z.custom<PullSecretRecord>((v) => typeof v === 'object' && v !== null)).default([]),
});
export type RegistryRecord = z.infer<typeof registrySchema>;
export const registryDef: RepositoryDef<RegistryRecord> = {
  name: 'registry',
  version: 1,
  schema: registrySchema,
  empty: () => ({ address: '', username: '', dockerHost: '', pullSecrets: [] }),
};

const targetsSchema = z.object({
  /** Kept as stored: an entry that fails its rule is reported and kept, never erased by the next write. */
  targets: z.array(z.unknown()).default([]),
  files: z.array(z.string()).default([]),
});
export type TargetsDoc = z.infer<typeof targetsSchema>;
export const targetsDef: RepositoryDef<TargetsDoc> = {
  name: 'targets',
  version: 1,
  schema: targetsSchema,
  empty: () => ({ targets: [], files: [] }),
};

const jobsSchema = z.object({ jobs: z.array(z.unknown()).default([]) });
export type JobsDoc = z.infer<typeof jobsSchema>;
export const jobsDef: RepositoryDef<JobsDoc> = { name: 'jobs', version: 1, schema: jobsSchema, empty: () => ({ jobs: [] }) };

const operationsSchema = z.object({
  operations: z.array(z.custom<PersistedOperation>((v) => typeof v === 'object' && v !== null)).default([]),
});
/** A snapshot plus the process that ran it: an operation left "running" by a process that died was interrupted. */
export type PersistedOperation = OperationSnapshot & { pid: number };
export type OperationsDoc = z.infer<typeof operationsSchema>;
export const operationsDef: RepositoryDef<OperationsDoc> = {
  name: 'operations',
  version: 1,
  schema: operationsSchema,
  empty: () => ({ operations: [] }),
};

// The tracked set and the last state of each (shared/contracts/tracking.ts). Version 1 held `tracked: unknown[]`
// that nothing wrote; its entries that fit are kept.
export type { TrackingDoc } from '../../../shared/contracts/tracking';
export const trackingDef: RepositoryDef<TrackingDoc> = {
  name: 'tracking',
  version: 2,
  schema: trackingDocSchema,
  empty: () => ({ tracked: [], dismissed: [] }),
  migrations: {
    1: (data) => {
      const tracked = (data as { tracked?: unknown[] } | undefined)?.tracked ?? [];
      return { tracked: tracked.filter((e) => trackedEntrySchema.safeParse(e).success), dismissed: [] };
    },
  },
};

export interface Stores {
  readonly dir: string;
  settings: Repository<Record<string, unknown>>;
  registry: Repository<RegistryRecord>;
  targets: Repository<TargetsDoc>;
  jobs: Repository<JobsDoc>;
  operations: Repository<OperationsDoc>;
  tracking: Repository<TrackingDoc>;
  history: HistoryLog;
  /** Every repository's warnings, for app.info. */
  warnings(): string[];
}

export function openStores(dir: string, now: () => number = Date.now): Stores {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stores: Stores = {
    dir,
    settings: openRepository(dir, settingsDef, now),
    registry: openRepository(dir, registryDef, now),
    targets: openRepository(dir, targetsDef, now),
    jobs: openRepository(dir, jobsDef, now),
    operations: openRepository(dir, operationsDef, now),
    tracking: openRepository(dir, trackingDef, now),
    history: openHistory(dir),
    warnings: () => [...legacyWarnings, ...repos().flatMap((r) => r.warnings)],
  };
  const repos = () => [stores.settings, stores.registry, stores.targets, stores.jobs, stores.operations, stores.tracking];
  const legacyWarnings = splitLegacyDocument(stores);
  return stores;
}

const LEGACY = 'flink-desk.json';

function splitLegacyDocument(stores: Stores): string[] {
  const legacy = join(stores.dir, LEGACY);
  if (!existsSync(legacy)) return [];
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(legacy, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    return [`The old data file ${legacy} could not be read (${e instanceof Error ? e.message : String(e)}); it was left as it is.`];
  }
  const section = (k: string) => (doc[k] && typeof doc[k] === 'object' ? doc[k] : undefined);
  const settings = section('settings');
  if (settings && !existsSync(stores.settings.path)) stores.settings.update(() => settings as Record<string, unknown>);
  const registry = section('registry');
  if (registry && !existsSync(stores.registry.path)) {
    const r = registryDef.schema.safeParse(registry);
    if (r.success) stores.registry.update(() => r.data);
  }
  if (!existsSync(stores.targets.path) && (Array.isArray(doc.targets) || Array.isArray(doc['kubeconfig-files']))) {
    const files = Array.isArray(doc['kubeconfig-files']) ? doc['kubeconfig-files'].filter((f): f is string => typeof f === 'string') : [];
    stores.targets.update(() => ({ targets: Array.isArray(doc.targets) ? doc.targets : [], files }));
  }
  renameSync(legacy, `${legacy}.migrated`);
  return [];
}

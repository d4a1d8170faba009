// A SettingsStore over conf or electron-store (same API: electron-store extends conf): atomic writes, our own
// versioned migrations, and a corrupt file backed up and reported instead of crashing or being silently dropped.
import { existsSync, renameSync } from 'node:fs';
import type { SettingsStore } from '../ports';
import { migrate, type StoreDoc } from './migrations';

/** What we use of conf / electron-store. */
export interface ConfLike {
  readonly path: string;
  readonly store: StoreDoc;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  clear(): void;
}

export interface ConfOptions {
  cwd?: string;
  configName: string;
  projectName?: string;
  clearInvalidConfig: false;
  accessPropertiesByDotNotation: false;
  watch: false;
  /** The file will hold encrypted secrets too: readable by the user only. */
  configFileMode: number;
}

export type ConfFactory = (options: ConfOptions) => ConfLike;

/** The options both stores are created with: one definition. */
export function storeOptions(cwd?: string): ConfOptions {
  const options: ConfOptions = {
    configName: 'flink-desk',
    projectName: 'flink-desk',
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    watch: false,
    configFileMode: 0o600,
  };
  if (cwd) options.cwd = cwd;
  return options;
}

export function openConfStore(factory: ConfFactory, options: ConfOptions, now: () => number = Date.now): SettingsStore {
  const warnings: string[] = [];
  let conf: ConfLike;
  try {
    conf = factory(options);
  } catch (e) {
    // conf throws on unparsable JSON; keep the user's file for them and start from a fresh one.
    const path = guessPath(options);
    const backup = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    if (existsSync(path)) renameSync(path, backup);
    warnings.push(
      `The data file ${path} could not be read (${e instanceof Error ? e.message : String(e)}). It was kept as ${backup}; Flink Desk started with defaults.`,
    );
    conf = factory(options);
  }
  const { doc, from, to } = migrate(conf.store);
  if (from !== to) {
    for (const [k, v] of Object.entries(doc)) conf.set(k, v);
    if (from > 0) warnings.push(`The data file was upgraded from schema version ${from} to ${to}.`);
  } else if (conf.get('schemaVersion') === undefined) conf.set('schemaVersion', to);

  return {
    path: conf.path,
    warnings,
    get: (section) => conf.get(section),
    set: (section, value) => conf.set(section, value),
    delete: (section) => conf.delete(section),
  };
}

function guessPath(options: ConfOptions): string {
  if (!options.cwd) throw new Error('the store needs an explicit directory to recover a corrupt file');
  return `${options.cwd}/${options.configName}.json`;
}

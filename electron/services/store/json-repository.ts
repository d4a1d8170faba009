// One concern's document in its own file: `{ schemaVersion, data }`, validated with the concern's zod schema,
// migrated step by step, written atomically (write-file-atomic: temp file, fsync, rename) under a cross-process
// lock with a re-read first, so the app and the CLI never lose each other's writes and a process killed mid-write
// leaves either the old document or the new one. A corrupt file is kept aside and reported, never silently dropped.
import { mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { withFileLock } from './file-lock';

export interface RepositoryDef<T> {
  /** The file is `<name>.json` in the data directory. */
  name: string;
  version: number;
  schema: z.ZodType<T>;
  empty(): T;
  /** migrations[n] turns the data of version n into version n+1. */
  migrations?: Record<number, (data: unknown) => unknown>;
}

export interface Repository<T> {
  readonly name: string;
  readonly path: string;
  /** Problems found while reading (a corrupt file kept aside, a newer version read as far as understood). */
  readonly warnings: readonly string[];
  read(): T;
  /** What tells the file's content apart (inode, size, modification time: each write renames a new file in), for a
   * reader that only wants to know whether to read again; undefined while there is no file. One stat. */
  revision(): string | undefined;
  /** Re-reads under the lock, applies `change`, validates and writes atomically. Returns what was written. */
  update(change: (current: T) => T): T;
}

export function openRepository<T>(dir: string, def: RepositoryDef<T>, now: () => number = Date.now): Repository<T> {
  const path = join(dir, `${def.name}.json`);
  const warnings: string[] = [];
  let cache: { key: string; value: T } | undefined;
  /** The version of a file written by a newer Flink Desk: read as far as understood, never written over. */
  let newer: number | undefined;

  const revision = (): string | undefined => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  };

  const load = (): T => {
    const key = revision();
    if (key === undefined) return def.empty();
    if (cache?.key === key) return structuredClone(cache.value);
    const value = parse(readFileSync(path, 'utf8'));
    cache = { key, value };
    return structuredClone(value);
  };

  const parse = (text: string): T => {
    let doc: { schemaVersion?: unknown; data?: unknown };
    try {
      doc = JSON.parse(text) as typeof doc;
      if (typeof doc !== 'object' || doc === null) throw new Error('not a JSON object');
    } catch (e) {
      return setAside(`it is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
    }
    let version = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
    let data = doc.data;
    if (version > def.version) {
      newer = version;
      warnings.push(`${path} was written by a newer Flink Desk (schema ${version}); it is read as far as this version understands it.`);
    }
    while (version < def.version) {
      const step = def.migrations?.[version];
      if (!step) return setAside(`no migration from schema version ${version}`);
      data = step(data);
      version++;
    }
    const r = def.schema.safeParse(data);
    if (!r.success) return setAside(`its content does not match the ${def.name} schema (${r.error.issues[0]?.message ?? 'invalid'})`);
    return r.data;
  };

  const setAside = (why: string): T => {
    const backup = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      renameSync(path, backup);
      warnings.push(`The data file ${path} could not be read: ${why}. It was kept as ${backup}; Flink Desk started it afresh.`);
    } catch {
      warnings.push(`The data file ${path} could not be read: ${why}.`);
    }
    cache = undefined;
    return def.empty();
  };

  return {
    name: def.name,
    path,
    warnings,
    read: load,
    revision,
    update(change) {
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      return withFileLock(path, () => {
        const current = load();
        if (newer !== undefined)
          throw new AppError({
            code: 'conflict',
            message: `${path} was written by a newer version of Flink Desk (schema ${newer}); this version will not write over it`,
            hint: 'Update Flink Desk to the version that wrote it',
          });
        const next = def.schema.parse(change(current));
        writeFileAtomic.sync(path, `${JSON.stringify({ schemaVersion: def.version, data: next }, null, 2)}\n`, {
          mode: 0o600,
          fsync: true,
        });
        cache = undefined;
        return structuredClone(next);
      });
    },
  };
}

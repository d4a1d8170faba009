import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withFileLock } from '../../../electron/services/store/file-lock';
import { openHistory } from '../../../electron/services/store/history-log';
import { openRepository, type RepositoryDef } from '../../../electron/services/store/json-repository';
import { openStores } from '../../../electron/services/store/stores';

const tmp = () => mkdtempSync(join(tmpdir(), 'fd-repo-'));
const def: RepositoryDef<{ names: string[] }> = {
  name: 'demo',
  version: 2,
  schema: z.object({ names: z.array(z.string()) }),
  empty: () => ({ names: [] }),
  // Version 1 kept one name as a string.
  migrations: { 1: (d) => ({ names: [(d as { name: string }).name] }) },
};

describe('json repository', () => {
  it('writes { schemaVersion, data } at mode 0600 and reads it back, in this and a new process', () => {
    const dir = tmp();
    const repo = openRepository(dir, def);
    expect(repo.read()).toEqual({ names: [] });
    repo.update((d) => ({ names: [...d.names, 'a'] }));
    expect(JSON.parse(readFileSync(repo.path, 'utf8'))).toEqual({ schemaVersion: 2, data: { names: ['a'] } });
    expect(statSync(repo.path).mode & 0o777).toBe(0o600);
    expect(openRepository(dir, def).read()).toEqual({ names: ['a'] });
  });

  it('sees a write made by another opener of the same file (the CLI while the app runs)', () => {
    const dir = tmp();
    const app = openRepository(dir, def);
    const cli = openRepository(dir, def);
    app.read();
    cli.update(() => ({ names: ['from-cli'] }));
    expect(app.update((d) => ({ names: [...d.names, 'from-app'] }))).toEqual({ names: ['from-cli', 'from-app'] });
  });

  it("has a revision that changes with every write, its own or another opener's, and not with a read", () => {
    const dir = tmp();
    const app = openRepository(dir, def);
    expect(app.revision()).toBeUndefined();
    app.update(() => ({ names: ['a'] }));
    const first = app.revision();
    expect(first).toBeDefined();
    app.read();
    expect(app.revision()).toBe(first);
    // The same content written again is a new revision too: a reader cannot tell it is the same without reading it.
    openRepository(dir, def).update((d) => d);
    expect(app.revision()).not.toBe(first);
  });

  it('migrates an older document step by step', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'demo.json'), JSON.stringify({ schemaVersion: 1, data: { name: 'old' } }));
    expect(openRepository(dir, def).read()).toEqual({ names: ['old'] });
  });

  it('keeps a corrupt file aside, reports it, and starts afresh', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'demo.json'), '{"schemaVersion": 2, "data": {"names": [');
    const repo = openRepository(dir, def, () => Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(repo.read()).toEqual({ names: [] });
    expect(repo.warnings[0]).toMatch(/could not be read: it is not valid JSON.*kept as .*demo\.json\.corrupt-2026-01-02T03-04-05-000Z/);
    expect(readdirSync(dir)).toContain('demo.json.corrupt-2026-01-02T03-04-05-000Z');
  });

  it('keeps a document that breaks its schema aside too, naming the schema', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'demo.json'), JSON.stringify({ schemaVersion: 2, data: { names: 'x' } }));
    const repo = openRepository(dir, def);
    expect(repo.read()).toEqual({ names: [] });
    expect(repo.warnings[0]).toMatch(/does not match the demo schema/);
  });

  it('reads a newer version as far as it understands it, and says so', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'demo.json'), JSON.stringify({ schemaVersion: 9, data: { names: ['n'] } }));
    const repo = openRepository(dir, def);
    expect(repo.read()).toEqual({ names: ['n'] });
    expect(repo.warnings[0]).toMatch(/newer Flink Desk/);
    // …and never writes a downgraded document over it.
    expect(() => repo.update(() => ({ names: [] }))).toThrow(/newer version of Flink Desk/);
    expect(JSON.parse(readFileSync(repo.path, 'utf8'))).toMatchObject({ schemaVersion: 9 });
  });

  it('refuses to write what breaks the schema, and the file keeps the last good document', () => {
    const dir = tmp();
    const repo = openRepository(dir, def);
    repo.update(() => ({ names: ['ok'] }));
    expect(() => repo.update(() => ({ names: [1] }) as unknown as { names: string[] })).toThrow();
    expect(openRepository(dir, def).read()).toEqual({ names: ['ok'] });
    expect(existsSync(`${repo.path}.lock`)).toBe(false);
  });
});

describe('file lock', () => {
  it('breaks a lock whose owner is gone at once', () => {
    const dir = tmp();
    const file = join(dir, 'x.json');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, at: Date.now() }));
    expect(withFileLock(file, () => 'ran')).toBe('ran');
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('waits for a live owner and then says who holds it', () => {
    const dir = tmp();
    const file = join(dir, 'x.json');
    // Our own pid is alive: the lock is held.
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: process.ppid, at: Date.now() }));
    expect(() => withFileLock(file, () => 'ran', 200)).toThrow(/locked by another Flink Desk process/);
  });
});

describe('history log', () => {
  it('appends, reads newest first, skips a torn last line, and stays bounded', () => {
    const dir = tmp();
    const h = openHistory(dir, 4_000);
    for (let i = 0; i < 200; i++) h.append({ at: i, kind: 'state', subject: i % 2 ? 'a' : 'b', n: i });
    expect(statSync(h.path).size).toBeLessThanOrEqual(4_000);
    const recent = h.recent({ subject: 'a' }, 3);
    expect(recent.map((e) => e.n)).toEqual([199, 197, 195]);
    writeFileSync(h.path, readFileSync(h.path, 'utf8') + '{"at":1,"kind":"st');
    expect(h.recent({}, 1)[0]?.n).toBe(199);
  });
});

describe('stores', () => {
  it('splits the one document of an earlier version into a file per concern, once', () => {
    const dir = tmp();
    const legacy = {
      schemaVersion: 1,
      settings: { 'ui.theme': 'dark' },
      registry: { address: 'r.io', username: 'u', dockerHost: '', pullSecrets: [], passwordSealed: 'fk1:abc' },
      targets: [{ id: '1', context: 'c', namespace: 'n', serviceAccount: 's' }],
      'kubeconfig-files': ['/home/u/other.yaml'],
    };
    writeFileSync(join(dir, 'flink-desk.json'), JSON.stringify(legacy));
    const stores = openStores(dir);
    expect(stores.settings.read()).toEqual({ 'ui.theme': 'dark' });
    expect(stores.registry.read()).toMatchObject({ address: 'r.io', passwordSealed: 'fk1:abc' });
    expect(stores.targets.read()).toEqual({ targets: legacy.targets, files: ['/home/u/other.yaml'] });
    expect(existsSync(join(dir, 'flink-desk.json'))).toBe(false);
    expect(existsSync(join(dir, 'flink-desk.json.migrated'))).toBe(true);
    // Tracking and history live apart from the file that holds settings and the sealed password.
    stores.tracking.update((d) => d);
    stores.history.append({ at: 1, kind: 'state', subject: 'x' });
    expect(readFileSync(stores.registry.path, 'utf8')).not.toContain('tracked');
    expect(new Set([stores.settings.path, stores.registry.path, stores.tracking.path, stores.history.path]).size).toBe(4);
  });
});

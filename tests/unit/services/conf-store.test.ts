import { describe, expect, it } from 'vitest';
import Conf from 'conf';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openConfStore, storeOptions } from '../../../electron/services/store/conf-store';
import { STORE_SCHEMA_VERSION, migrate } from '../../../electron/services/store/migrations';

const open = (dir: string) =>
  openConfStore(
    (o) => new Conf(o),
    storeOptions(dir),
    () => Date.UTC(2026, 0, 2, 3, 4, 5),
  );

describe('conf-backed store', () => {
  it('writes a versioned document readable only by the user', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-store-'));
    const store = open(dir);
    store.set('settings', { a: 1 });
    const doc = JSON.parse(readFileSync(store.path, 'utf8')) as Record<string, unknown>;
    expect(doc).toEqual({ schemaVersion: STORE_SCHEMA_VERSION, settings: { a: 1 } });
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(open(dir).get('settings')).toEqual({ a: 1 });
  });

  it('keeps keys with dots as they are', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-store-'));
    open(dir).set('settings', { 'flink-k8s.tracking.silent-state-keep-sec': 9 });
    expect(open(dir).get('settings')).toEqual({ 'flink-k8s.tracking.silent-state-keep-sec': 9 });
  });

  it('backs up a corrupt file, reports it, and starts fresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-store-'));
    writeFileSync(join(dir, 'flink-desk.json'), '{"settings": {oops');
    const store = open(dir);
    expect(store.warnings).toHaveLength(1);
    expect(store.warnings[0]).toContain('could not be read');
    expect(store.warnings[0]).toContain('flink-desk.json.corrupt-2026-01-02T03-04-05-000Z');
    const backup = readdirSync(dir).find((f) => f.includes('.corrupt-'));
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe('{"settings": {oops');
    expect(store.get('settings')).toBeUndefined();
  });

  it('stamps a document without a version and leaves a newer one untouched', () => {
    expect(migrate({ settings: {} })).toEqual({
      doc: { settings: {}, schemaVersion: STORE_SCHEMA_VERSION },
      from: 0,
      to: STORE_SCHEMA_VERSION,
    });
    const newer = { schemaVersion: STORE_SCHEMA_VERSION + 5, x: 1 };
    expect(migrate(newer)).toEqual({ doc: newer, from: STORE_SCHEMA_VERSION + 5, to: STORE_SCHEMA_VERSION + 5 });
  });
});

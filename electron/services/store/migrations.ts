// The store document's schema version and the steps that bring an older document up to it. Both stores (electron-store
// in Electron, conf elsewhere) run exactly these, so a file written by one is read by the other.
export const STORE_SCHEMA_VERSION = 1;

export type StoreDoc = Record<string, unknown>;
type Migration = (doc: StoreDoc) => StoreDoc;

/** migrations[n] turns a version-n document into version n+1. Version 0 is "no version recorded". */
const migrations: Record<number, Migration> = {
  0: (doc) => doc,
};

export interface MigrationResult {
  doc: StoreDoc;
  from: number;
  to: number;
}

export function migrate(input: StoreDoc): MigrationResult {
  const from = typeof input.schemaVersion === 'number' ? input.schemaVersion : 0;
  if (from > STORE_SCHEMA_VERSION) {
    // A newer Flink Desk wrote this file: read what we understand, never write a downgraded version over it.
    return { doc: input, from, to: from };
  }
  let doc = input;
  for (let v = from; v < STORE_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new Error(`no migration from store schema version ${v}`);
    doc = step(doc);
  }
  return { doc: { ...doc, schemaVersion: STORE_SCHEMA_VERSION }, from, to: STORE_SCHEMA_VERSION };
}

// tracking.history reads back what the tracking store appended: one transition per state change, newest first, a
// session cluster's job on its own when asked, and lines from elsewhere in the history log left out.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateView } from '../../../shared/contracts/tracking';
import { trackingHistoryHandlers } from '../../../electron/services/tracking/history-handler';
import { entryOf } from '../../../electron/services/tracking/hooks';
import { TrackingStore } from '../../../electron/services/tracking/tracking-store';
import { openStores } from '../../../electron/services/store/stores';

const state = (s: string, source: StateView['source'], since: number): StateView => ({
  state: s,
  source,
  reason: `${s} because`,
  since,
  final: false,
  problems: [],
  evidence: {},
});

describe('tracking.history', () => {
  it('lists the stored transitions of a cluster newest first, and of one job when asked', async () => {
    const stores = openStores(mkdtempSync(join(tmpdir(), 'fd-history-')));
    const store = new TrackingStore(stores.tracking, stores.history);
    const ref = { kind: 'rest' as const, restUrl: 'http://127.0.0.1:8081' };
    const entry = store.add(entryOf(ref, { mode: 'session', origin: 'user' }, 1));
    const job = 'a'.repeat(32);
    const running = state('RUNNING', 'flink', 10);
    store.write(
      [{ id: entry.id, mode: 'session', state: running, jobs: [{ id: job, name: 'orders', state: running }] }],
      [
        { id: entry.id, at: 10, to: running },
        { id: entry.id, jobId: job, jobName: 'orders', at: 10, to: running },
      ],
    );
    const silent = state('SILENT', 'inferred', 20);
    store.write(
      [{ id: entry.id, mode: 'session', state: silent, jobs: [{ id: job, name: 'orders', state: running }] }],
      [{ id: entry.id, at: 20, to: silent }],
    );
    stores.history.append({ at: 30, kind: 'deploy', subject: entry.id, to: 'x', source: 'flink' });

    const h = trackingHistoryHandlers({ stores });
    const all = await h['tracking.history']({ id: entry.id });
    expect(all.transitions).toEqual([
      { at: 20, from: { state: 'RUNNING', source: 'flink' }, to: { state: 'SILENT', source: 'inferred' }, reason: 'SILENT because' },
      { at: 10, jobId: job, jobName: 'orders', to: { state: 'RUNNING', source: 'flink' }, reason: 'RUNNING because' },
      { at: 10, to: { state: 'RUNNING', source: 'flink' }, reason: 'RUNNING because' },
    ]);
    const ofJob = await h['tracking.history']({ id: entry.id, jobId: job });
    expect(ofJob.transitions.map((t) => t.jobId)).toEqual([job]);
    expect((await h['tracking.history']({ id: entry.id, limit: 1 })).transitions).toHaveLength(1);
    expect((await h['tracking.history']({ id: 'rest:http://127.0.0.1:1' })).transitions).toEqual([]);
  });
});

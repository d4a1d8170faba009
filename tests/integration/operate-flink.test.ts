// Operating a tracked session cluster's jobs by their tracking id, against real Flink 1.20 and 2.x (the bench's
// `flink` part) with the example job applied from a saved spec: a savepoint, a savepoint that fails saying what
// state the job is really in (from tracking), a restart from a savepoint (stop with savepoint, submitted again
// from it: the new job restores from that savepoint and is the saved job's newest version), and a cancel that
// tracking reflects at once (no round waited for).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavepointResult, SessionSubmitResult } from '../../shared/contracts/flink';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import { testServices, type TestServices } from '../helpers/test-services';

describe.each([{ flink: '1.20' }, { flink: '2' }])('operating a tracked job on Flink $flink', ({ flink }) => {
  let s: TestServices;
  let rest = '';
  let jar = '';
  let entryClass = '';
  let id = '';
  let jobId = '';
  const name = `operate-${flink.replace('.', '-')}`;
  const started: string[] = [];

  const ended = (first: OperationSnapshot) =>
    new Promise<OperationSnapshot>((resolve) => {
      const off = s.on('op', (e) => {
        if (e.opId === first.id && (e.type === 'done' || e.type === 'error')) {
          off();
          resolve(e.snapshot);
        }
      });
      const now = s.operations.get(first.id);
      if (now.status !== 'running') {
        off();
        resolve(now);
      }
    });
  const jobState = async (j: string) => {
    const view = (await s.client.invoke('tracking.list')).clusters.find((c) => c.id === id);
    return view?.jobs.find((x) => x.id === j)?.state;
  };

  beforeAll(async () => {
    ({ jar, entryClass } = await useBench<{ jar: string; entryClass: string }>('example-job'));
    let flinkVersion = '';
    ({ rest, flinkVersion } = await useBench<{ rest: string; flinkVersion: string }>('flink', { flink }));
    s = testServices();
    const op = await ended(
      await s.client.invoke('jobs.apply', {
        document: {
          apiVersion: 'flinkdesk/v1',
          kind: 'FlinkJob',
          metadata: { name },
          spec: {
            mode: 'session',
            clusterId: 'bench-session',
            flinkVersion: flinkVersion.split('.').slice(0, 2).join('.'),
            session: { restUrl: rest },
            artifact: { jar },
            job: { entryClass, parallelism: 1, args: ['--rate', '20', '--checkpoint-interval', '1000', '--name', name] },
          },
        },
      }),
    );
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    jobId = (op.result as SessionSubmitResult).jobId;
    started.push(jobId);
    // The submission's end brought the session cluster into tracking.
    const list = await s.client.invoke('tracking.list', { refresh: true });
    const cluster = list.clusters.find((c) => c.ref.kind === 'rest' && c.ref.restUrl === rest);
    expect(cluster?.mode).toBe('session');
    id = cluster!.id;
  });

  afterAll(async () => {
    for (const j of started) await s.client.invoke('flink.job.cancel', { restUrl: rest, jobId: j, wait: true }).catch(() => undefined);
    await s?.stop();
  });

  it('takes a savepoint by tracking id', async () => {
    expect((await jobState(jobId))?.state).toBe('RUNNING');
    const op = await ended(await s.client.invoke('operate.savepoint', { id, jobId }));
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    expect((op.result as SavepointResult).location).toMatch(/\/savepoints\/savepoint-/);
  });

  it('a savepoint that fails says the job is still RUNNING, as Flink reports it', async () => {
    const op = await ended(
      await s.client.invoke('operate.savepoint', { id, jobId, targetDirectory: 'file:///proc/flink-desk-not-writable' }),
    );
    expect(op.status).toBe('failed');
    expect(op.error?.message).toMatch(/RUNNING \(reported by Flink\)/);
  });

  let restored = '';
  it('restarts the job from a savepoint: stopped with one, submitted again from it as the newest saved version', async () => {
    const op = await ended(await s.client.invoke('operate.restart', { id, jobId, restoreMode: 'NO_CLAIM' }));
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    const { savepoint } = op.result as { savepoint: string };
    expect(savepoint).toMatch(/\/savepoints\/savepoint-/);
    // The old job's end is in tracking already: the operation polled again when it ended.
    expect((await jobState(jobId))?.state).toBe('FINISHED');
    const saved = await s.client.invoke('jobs.get', { name });
    expect(saved.latest.document.spec.job?.savepoint).toMatchObject({ path: savepoint, restoreMode: 'NO_CLAIM' });
    expect(saved.latest.source).toBe(`restart from ${savepoint}`);
    const jobs = await s.client.invoke('flink.jobs', { restUrl: rest });
    restored = jobs.jobs.find((j) => j.name === name && j.state === 'RUNNING')!.id;
    started.push(restored);
    const detail = await s.client.invoke('flink.job', { restUrl: rest, jobId: restored });
    expect(detail.checkpoints.restoredFrom).toMatchObject({ savepoint: true, path: savepoint });
  });

  it('cancels by tracking id; tracking reads CANCELED at once', async () => {
    await s.client.invoke('tracking.list', { refresh: true });
    const op = await ended(await s.client.invoke('operate.cancel', { id, jobId: restored }));
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    expect(op.result).toEqual({ jobId: restored, state: 'CANCELED' });
    expect((await jobState(restored))?.state).toBe('CANCELED');
  });

  it('an unknown tracking id is not-found, saying where the ids are', async () => {
    await expect(s.client.invoke('operate.cancel', { id: 'rest:http://127.0.0.1:1' })).rejects.toMatchObject({
      code: 'not-found',
      hint: expect.stringMatching(/flink-desk status/),
    });
  });
});

// `jobs.apply` of a spec for a session cluster given by its REST URL (session: { restUrl }): saved as a version,
// the example jar uploaded and run on the bench's real Flink 1.20, RUNNING, and recorded as that version's deploy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionSubmitResult } from '../../shared/contracts/flink';
import type { OperationSnapshot } from '../../shared/operations';
import { useBench } from '../fixtures/use-bench.ts';
import { testServices, type TestServices } from '../helpers/test-services';

let s: TestServices;
let rest = '';
let jar = '';
let entryClass = '';
const started: string[] = [];

function ended(first: OperationSnapshot): Promise<OperationSnapshot> {
  return new Promise((resolve) => {
    const off = s.client.on('op', (e) => {
      if (e.opId === first.id && (e.type === 'done' || e.type === 'error')) {
        off();
        resolve(e.snapshot);
      }
    });
    void s.client.invoke('operations.get', { id: first.id }).then((now) => now.status !== 'running' && (off(), resolve(now)));
  });
}

beforeAll(async () => {
  ({ jar, entryClass } = await useBench<{ jar: string; entryClass: string }>('example-job'));
  ({ rest } = await useBench<{ rest: string }>('flink', { flink: '1.20' }));
  s = testServices();
});
afterAll(async () => {
  for (const jobId of started) await s.client.invoke('flink.job.cancel', { restUrl: rest, jobId, wait: true }).catch(() => undefined);
  await s?.stop();
});

describe('a session job applied from its spec', () => {
  it('is saved, submitted to the session cluster by its REST URL, runs, and is recorded as deployed', async () => {
    const first = await s.client.invoke('jobs.apply', {
      document: {
        apiVersion: 'flinkdesk/v1',
        kind: 'FlinkJob',
        metadata: { name: 'datagen-on-session' },
        spec: {
          mode: 'session',
          clusterId: 'bench-session',
          flinkVersion: '1.20',
          session: { restUrl: rest },
          artifact: { jar },
          job: { entryClass, parallelism: 1, args: ['--rate', '5'] },
        },
      },
    });
    const op = await ended(first);
    expect(op.status, JSON.stringify(op.error)).toBe('succeeded');
    const result = op.result as SessionSubmitResult;
    started.push(result.jobId);
    expect(result.state).toBe('RUNNING');
    // Recorded once the operation's end is settled (just after its `done` event).
    await expect
      .poll(async () => (await s.client.invoke('jobs.get', { name: 'datagen-on-session' })).deployed)
      .toMatchObject({
        version: 1,
        outcome: 'succeeded',
        opId: first.id,
      });
    const jobs = await s.client.invoke('flink.jobs', { restUrl: rest });
    expect(jobs.jobs.find((j) => j.id === result.jobId)?.state).toBe('RUNNING');
  });
});

// Contract tests of the Flink REST client and the session-job operations against real Flink 1.20 and 2.x (the
// bench's `flink` part) with the example job: every answer the client reads parses with its schema, a jar submitted
// through `flink.session.submit` runs, a savepoint is written and a job restores from it (with the restore mode
// under the name this version reads), cancel and stop-with-savepoint end jobs, and the failures a user makes (a
// wrong entry class, a savepoint that does not exist, more parallelism than slots) come back as errors that say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBench } from '../fixtures/use-bench.ts';
import { testServices, type TestServices } from '../helpers/test-services';
import { FlinkRestClient } from '../../electron/services/flink/rest-client';
import { parseFlinkVersion, restoreModeField } from '../../electron/services/flink/flink-version';
import { memoryOf } from '../../electron/services/tracking/memory-reads';
import type { OperationSnapshot } from '../../shared/operations';
import type { FlinkJobDetail, SavepointResult, SessionSubmitInput, SessionSubmitResult } from '../../shared/contracts/flink';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
}
interface ExampleJob {
  jar: string;
  entryClass: string;
}

/** Resolves when the operation has ended (events on the in-process bus; no polling, no sleeping). */
function ended(s: TestServices, first: OperationSnapshot): Promise<OperationSnapshot> {
  return new Promise((resolve) => {
    const check = (snap: OperationSnapshot) => snap.status !== 'running' && (off(), resolve(snap));
    const off = s.on('op', (e) => {
      if (e.opId === first.id && (e.type === 'done' || e.type === 'error')) check(e.snapshot);
    });
    const now = s.operations.get(first.id);
    if (now.status !== 'running') check(now);
  });
}

describe.each([
  { flink: '1.20', version: /^1\.20\.\d+$/, field: 'claimMode' },
  { flink: '2', version: /^2\.\d+\.\d+$/, field: 'claimMode' },
])('Flink REST client and session jobs on Flink $flink', ({ flink, version, field }) => {
  let cluster: FlinkBench;
  let job: ExampleJob;
  let s: TestServices;
  let rest: FlinkRestClient;
  const started: string[] = [];

  const submit = async (input: Omit<SessionSubmitInput, 'restUrl' | 'jar'>) =>
    ended(s, await s.client.invoke('flink.session.submit', { restUrl: cluster.rest, jar: job.jar, ...input }));

  beforeAll(async () => {
    job = await useBench<ExampleJob>('example-job');
    cluster = await useBench<FlinkBench>('flink', { flink });
    s = testServices();
    rest = new FlinkRestClient({ restUrl: cluster.rest });
  });

  afterAll(async () => {
    // Free the fixture's two slots for whatever runs next.
    for (const id of started) await rest.cancelJob(id).catch(() => undefined);
    await s?.stop();
  });

  it('reads /config, /overview, /taskmanagers and /jobmanager/config with their schemas', async () => {
    const config = await rest.config();
    expect(config['flink-version']).toMatch(version);
    expect(config.features?.['web-submit']).toBe(true);
    expect(restoreModeField(parseFlinkVersion(config['flink-version']))).toBe(field);
    const overview = await rest.overview();
    expect(overview.taskmanagers).toBe(1);
    expect(overview['slots-total']).toBe(2);
    const tms = await rest.taskManagers();
    expect(tms).toHaveLength(1);
    expect(tms[0]!.slotsNumber).toBe(2);
    // The memory the metrics loop shows: the JobManager's process size as configured (tests/fixtures/flink/conf), a
    // TaskManager's as Flink computed it from the sizes set one by one (no taskmanager.memory.process.size there).
    const jmConfig = await rest.jobManagerConfig();
    expect(jmConfig.get('jobmanager.memory.process.size')).toBe('768m');
    expect(jmConfig.has('taskmanager.memory.process.size')).toBe(false);
    const total = tms[0]!.memoryConfiguration?.totalProcessMemory;
    expect(total).toBeGreaterThan(256 * 1024 * 1024);
    expect(memoryOf(jmConfig, total)).toEqual({ jobManager: 768 * 1024 * 1024, taskManager: total });
  });

  let firstJob: SessionSubmitResult;
  let savepoint: string;

  it('submits the example jar: upload, run, RUNNING; the uploaded jar is deleted afterwards', async () => {
    const op = await submit({
      entryClass: job.entryClass,
      args: ['--rate', '20', '--checkpoint-interval', '1000', '--name', `fd-rest-${flink}`],
      parallelism: 1,
    });
    expect(op.error).toBeUndefined();
    expect(op.status).toBe('succeeded');
    expect(op.steps.map((x) => [x.id, x.status])).toEqual([
      ['upload', 'succeeded'],
      ['run', 'succeeded'],
      ['running', 'succeeded'],
    ]);
    firstJob = op.result as SessionSubmitResult;
    started.push(firstJob.jobId);
    expect(firstJob).toMatchObject({ state: 'RUNNING', jobName: `fd-rest-${flink}`, flinkVersion: cluster.flinkVersion });
    expect(op.log.some((l) => l.startsWith('deleted the uploaded jar'))).toBe(true);
    const jarId = /uploaded as (\S+)/.exec(op.log.join('\n'))?.[1];
    expect(jarId).toBeTruthy();
    expect((await rest.listJars()).map((f) => f.id)).not.toContain(jarId);
  });

  it('lists the job through /jobs/overview and flink.jobs, and reads its details, exceptions and checkpoints', async () => {
    const overview = await rest.jobsOverview();
    expect(overview.find((j) => j.jid === firstJob.jobId)?.state).toBe('RUNNING');
    const listed = await s.client.invoke('flink.jobs', { restUrl: cluster.rest });
    expect(listed.cluster).toMatchObject({ flinkVersion: cluster.flinkVersion, taskManagers: 1, slotsTotal: 2, webSubmit: true });
    const mine = listed.jobs.find((j) => j.id === firstJob.jobId);
    expect(mine).toMatchObject({ state: 'RUNNING', name: `fd-rest-${flink}` });
    expect(mine!.tasks.running).toBe(mine!.tasks.total);

    const exceptions = await rest.jobExceptions(firstJob.jobId);
    expect(exceptions.exceptionHistory.entries).toEqual([]);
    // Checkpoints every second: wait (bounded, on Flink's own answer) for the first completed one.
    let detail: FlinkJobDetail | undefined;
    for (let i = 0; i < 60 && !detail?.checkpoints.latestCompleted; i++) {
      detail = await s.client.invoke('flink.job', { restUrl: cluster.rest, jobId: firstJob.jobId });
      if (!detail.checkpoints.latestCompleted) await new Promise((r) => setTimeout(r, 500));
    }
    expect(detail!.state).toBe('RUNNING');
    expect(detail!.vertices.length).toBeGreaterThan(0);
    expect(detail!.exceptions).toEqual([]);
    expect(detail!.checkpoints.counts.completed).toBeGreaterThan(0);
    expect(detail!.checkpoints.latestCompleted?.path).toMatch(/checkpoints\//);
    const raw = await rest.jobCheckpoints(firstJob.jobId);
    expect(raw.history.length).toBeGreaterThan(0);
    // The interval the job set (--checkpoint-interval 1000), which paces the metrics loop's checkpoint reads.
    expect((await rest.jobCheckpointConfig(firstJob.jobId)).interval).toBe(1000);
    // What the job page charts: the checkpoints with their durations, newest first, and the time counters.
    const history = detail!.checkpoints.history;
    expect(history[0]).toMatchObject({ id: expect.any(Number), status: expect.any(String), durationMs: expect.any(Number) });
    expect(history.every((c, i) => i === 0 || history[i - 1]!.id > c.id)).toBe(true);
    // (Flink's metric fetcher fills them in every 10 s: the first read may still see zeros.)
    expect(detail!.vertices[0]!.metrics).toEqual({
      readRecords: expect.any(Number),
      writeRecords: expect.any(Number),
      busyMs: expect.any(Number),
      idleMs: expect.any(Number),
      backpressuredMs: expect.any(Number),
    });
  });

  it('takes a savepoint (trigger, then poll until COMPLETED) into the cluster default directory', async () => {
    const op = await ended(s, await s.client.invoke('flink.job.savepoint', { restUrl: cluster.rest, jobId: firstJob.jobId }));
    expect(op.error).toBeUndefined();
    savepoint = (op.result as SavepointResult).location;
    expect(savepoint).toMatch(/^file:\/.*\/savepoints\/savepoint-/);
  });

  it('cancels the job: flink.job.cancel with wait returns CANCELED', async () => {
    const r = await s.client.invoke('flink.job.cancel', { restUrl: cluster.rest, jobId: firstJob.jobId, wait: true });
    expect(r).toEqual({ jobId: firstJob.jobId, state: 'CANCELED' });
  });

  let restored: SessionSubmitResult;
  it(`restores a job from the savepoint (restore mode sent as ${field}), then stops it with a savepoint`, async () => {
    const op = await submit({
      entryClass: job.entryClass,
      args: ['--rate', '20', '--name', `fd-restored-${flink}`],
      savepoint: { path: savepoint, allowNonRestoredState: false, restoreMode: 'NO_CLAIM' },
    });
    expect(op.error).toBeUndefined();
    restored = op.result as SessionSubmitResult;
    started.push(restored.jobId);
    expect(op.log.join('\n')).toContain(`"${field}":"NO_CLAIM"`);
    const detail = await s.client.invoke('flink.job', { restUrl: cluster.rest, jobId: restored.jobId });
    expect(detail.checkpoints.restoredFrom).toMatchObject({ savepoint: true, path: savepoint });

    const stop = await ended(s, await s.client.invoke('flink.job.stop', { restUrl: cluster.rest, jobId: restored.jobId }));
    expect(stop.error).toBeUndefined();
    expect((stop.result as SavepointResult).location).toMatch(/\/savepoints\/savepoint-/);
    expect((await rest.job(restored.jobId)).state).toBe('FINISHED');
  });

  it('a savepoint slower than any patience (the operator snapshots for 7 s) says it is still writing, then ends COMPLETED', async () => {
    const op = await submit({
      entryClass: job.entryClass,
      args: ['--rate', '20', '--snapshot-delay-ms', '7000', '--name', `fd-slow-savepoint-${flink}`],
    });
    expect(op.error).toBeUndefined();
    const slow = op.result as SessionSubmitResult;
    started.push(slow.jobId);
    const first = await s.client.invoke('flink.job.savepoint', { restUrl: cluster.rest, jobId: slow.jobId });
    // The step tells how long it has been writing (the event that says so, not a sleep).
    const told = new Promise<string>((resolve) => {
      const off = s.on('op', (e) => {
        const detail = e.opId === first.id && e.type === 'step' && e.step.id === 'write' ? e.step.detail : undefined;
        if (!detail?.includes('still writing')) return;
        off();
        resolve(detail);
      });
    });
    const end = await ended(s, first);
    expect(await told).toMatch(/still writing the savepoint .*\d+ s so far/);
    expect(end.status).toBe('succeeded');
    expect((end.result as SavepointResult).location).toMatch(/\/savepoints\/savepoint-/);
    expect(end.endedAt! - end.startedAt).toBeGreaterThanOrEqual(7000);
    await rest.cancelJob(slow.jobId);
  });

  it('a wrong entry class fails the run step with the reason and what to check; the jar is still deleted', async () => {
    const op = await submit({ entryClass: 'dev.flinkdesk.examples.NoSuchJob' });
    expect(op.status).toBe('failed');
    expect(op.error).toMatchObject({ code: 'invalid-input' });
    expect(op.error?.message).toContain("entry point class 'dev.flinkdesk.examples.NoSuchJob' was not found in the jar file");
    expect(op.error?.message).not.toMatch(/\tat |Exception on server side/);
    expect(op.error?.hint).toMatch(/Check the entry class/);
    expect(op.steps.map((x) => [x.id, x.status])).toEqual([
      ['upload', 'succeeded'],
      ['run', 'failed'],
      ['running', 'skipped'],
    ]);
    expect(op.steps[1]!.hint).toMatch(/Check the entry class/);
    expect(op.log.some((l) => l.startsWith('deleted the uploaded jar'))).toBe(true);
  });

  it('a savepoint path that does not exist fails with the path and a hint about savepoints', async () => {
    const op = await submit({ entryClass: job.entryClass, savepoint: { path: '/nonexistent/savepoint-000000-000000000000' } });
    expect(op.status).toBe('failed');
    expect(op.error?.message).toContain("Cannot find checkpoint or savepoint file/directory '/nonexistent/savepoint-000000-000000000000'");
    expect(op.error?.hint).toMatch(/Check the savepoint path/);
  });

  it('more parallelism than free slots: the slots named, whether Flink gives up or the wait ends first', async () => {
    const op = await submit({ entryClass: job.entryClass, args: ['--name', `fd-too-wide-${flink}`], parallelism: 3, waitSec: 4 });
    const jobId = /job ([0-9a-f]{32})/.exec(op.steps[1]!.detail ?? '')?.[1];
    if (jobId) started.push(jobId);
    expect(jobId).toBeTruthy();
    expect(op.status).toBe('failed');
    expect(op.error?.hint).toMatch(/too few free task slots/);
    // Flink either fails the job at once (the declared resources can never be met: NoResourceAvailableException) or
    // keeps waiting for slots; which one depends on when the resource manager decides. Both must be explained.
    if (op.error?.code === 'timeout') {
      expect(op.error.message).toMatch(/was not running after 4 s: it is \w+, [0-2] of 3 tasks running/);
      expect((await s.client.invoke('flink.job.cancel', { restUrl: cluster.rest, jobId: jobId!, wait: true })).state).toBe('CANCELED');
    } else {
      expect(op.error).toMatchObject({ code: 'not-available' });
      expect(op.error?.message).toBe(
        `Job 'fd-too-wide-${flink}' (${jobId}) FAILED: Recovery is suppressed by NoRestartBackoffTimeStrategy: Could not acquire the minimum required resources`,
      );
    }
  });

  it('an unknown job id is not-found, naming the job', async () => {
    await expect(rest.job('0123456789abcdef0123456789abcdef')).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('Job 0123456789abcdef0123456789abcdef not found'),
    });
  });
});

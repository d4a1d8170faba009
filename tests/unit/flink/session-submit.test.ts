// flink.session.submit as a durable operation, through the real composition root, against a test double of the
// JobManager's REST endpoint (flink-double.ts): the steps, the run body per Flink version, the jar cleanup, and
// every way it ends (running, failed with the root exception, not accepting jars, cancelled while waiting).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionSubmitResult } from '../../../shared/contracts/flink';
import type { OperationSnapshot } from '../../../shared/operations';
import { testServices, type TestServices } from '../../helpers/test-services';
import { JAR_ID, JOB_ID, config120, exceptionsWith, jobDetails, json, startFlinkDouble, type FlinkDouble } from './flink-double';

let flink: FlinkDouble;
let s: TestServices;
let jar: string;

beforeEach(async () => {
  flink = await startFlinkDouble();
  s = testServices();
  jar = join(mkdtempSync(join(tmpdir(), 'fd-submit-unit-')), 'job.jar');
  writeFileSync(jar, 'PK-not-really-a-jar');
  flink.route('GET /config', json(200, config120));
  flink.route('POST /jars/upload', json(200, { filename: `/tmp/flink-web-upload/${JAR_ID}`, status: 'success' }));
  flink.route(`POST /jars/${JAR_ID}/run`, json(200, { jobid: JOB_ID }));
  flink.route(`DELETE /jars/${JAR_ID}`, json(200, {}));
});
afterEach(async () => {
  await s.stop();
  await flink.close();
});

function ended(first: OperationSnapshot): Promise<OperationSnapshot> {
  return new Promise((resolve) => {
    const off = s.on('op', (e) => {
      if (e.opId === first.id && (e.type === 'done' || e.type === 'error')) {
        off();
        resolve(e.snapshot);
      }
    });
  });
}

/** Answers GET /jobs/:id with each of `states` in turn, then the last one for good. */
function jobAnswers(...answers: object[]) {
  let i = 0;
  flink.route(`GET /jobs/${JOB_ID}`, (req, res) => json(200, answers[Math.min(i++, answers.length - 1)])(req, res));
}

const runBody = () => JSON.parse(flink.requests.find((r) => r.path === `/jars/${JAR_ID}/run`)!.body.toString()) as Record<string, unknown>;
const steps = (op: OperationSnapshot) => op.steps.map((x) => [x.id, x.status]);

describe('flink.session.submit', () => {
  it('uploads, runs, waits until every task runs; the run body has the given fields; the jar is deleted', async () => {
    jobAnswers(jobDetails('CREATED', 0), jobDetails('RUNNING', 1), jobDetails('RUNNING', 2));
    const op = await ended(
      await s.client.invoke('flink.session.submit', {
        restUrl: flink.url,
        jar,
        entryClass: 'com.example.Main',
        args: ['--rate', '5', 'two words'],
        parallelism: 2,
        savepoint: { path: 'file:///sp/savepoint-1', allowNonRestoredState: true, restoreMode: 'NO_CLAIM' },
      }),
    );
    expect(op.error).toBeUndefined();
    expect(steps(op)).toEqual([
      ['upload', 'succeeded'],
      ['run', 'succeeded'],
      ['running', 'succeeded'],
    ]);
    expect(op.steps[1]!.detail).toBe(`job ${JOB_ID}`);
    expect(op.result as SessionSubmitResult).toEqual({
      restUrl: flink.url,
      flinkVersion: '1.20.5',
      jobId: JOB_ID,
      jobName: 'fd-unit',
      state: 'RUNNING',
    });
    // Flink 1.20 reads the restore mode as claimMode.
    expect(runBody()).toEqual({
      entryClass: 'com.example.Main',
      programArgsList: ['--rate', '5', 'two words'],
      parallelism: 2,
      savepointPath: 'file:///sp/savepoint-1',
      allowNonRestoredState: true,
      claimMode: 'NO_CLAIM',
    });
    expect(op.log).toContain('job 6b5f798084d75b598955d2fe17d01322: RUNNING, 1 of 2 tasks running');
    expect(flink.requests.map((r) => `${r.method} ${r.path}`)).toContain(`DELETE /jars/${JAR_ID}`);
  });

  it('names the restore mode restoreMode for Flink before 1.20', async () => {
    flink.route('GET /config', json(200, { ...config120, 'flink-version': '1.19.3' }));
    jobAnswers(jobDetails('RUNNING', 2));
    await ended(
      await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar, savepoint: { path: '/sp', restoreMode: 'CLAIM' } }),
    );
    expect(runBody()).toEqual({ savepointPath: '/sp', restoreMode: 'CLAIM' });
  });

  it('a job that FAILS: the root exception in the message and the log, a hint for it, the wait step failed', async () => {
    const trace =
      'java.lang.RuntimeException: Could not instantiate the source\n\tat org.example.Job.main(Job.java:12)\nCaused by: java.lang.ClassNotFoundException: org.apache.kafka.clients.consumer.KafkaConsumer\n\tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)\n\t... 9 more';
    jobAnswers(jobDetails('RUNNING', 0), jobDetails('FAILED', 0));
    flink.route(`GET /jobs/${JOB_ID}/exceptions`, json(200, exceptionsWith(trace)));
    const op = await ended(await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar }));
    expect(op.status).toBe('failed');
    expect(op.error?.message).toBe(
      `Job 'fd-unit' (${JOB_ID}) FAILED: Could not instantiate the source: ClassNotFoundException: org.apache.kafka.clients.consumer.KafkaConsumer`,
    );
    expect(op.error?.hint).toMatch(/^A class the job needs is neither in its jar nor on the cluster/);
    expect(steps(op)).toEqual([
      ['upload', 'succeeded'],
      ['run', 'succeeded'],
      ['running', 'failed'],
    ]);
    expect(op.steps[2]!.hint).toBe(op.error?.hint);
    expect(op.log).toContain('\tat org.example.Job.main(Job.java:12)');
  });

  it('a cluster that takes no jars: not-available before any upload; the later steps are not tried', async () => {
    flink.route('GET /config', json(200, { ...config120, features: { ...config120.features, 'web-submit': false } }));
    const op = await ended(await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar }));
    expect(op.error).toMatchObject({ code: 'not-available', message: expect.stringContaining('web.submit.enable is false') });
    expect(steps(op)).toEqual([
      ['upload', 'failed'],
      ['run', 'skipped'],
      ['running', 'skipped'],
    ]);
    expect(flink.requests.map((r) => r.path)).toEqual(['/config']);
  });

  it('a run that Flink refuses still deletes the uploaded jar', async () => {
    flink.route(`POST /jars/${JAR_ID}/run`, json(400, { errors: ['Could not execute application.'] }));
    const op = await ended(await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar }));
    expect(steps(op)).toEqual([
      ['upload', 'succeeded'],
      ['run', 'failed'],
      ['running', 'skipped'],
    ]);
    expect(flink.requests.at(-1)).toMatchObject({ method: 'DELETE', path: `/jars/${JAR_ID}` });
  });

  it('keepJar keeps the jar on the JobManager and returns its id', async () => {
    jobAnswers(jobDetails('RUNNING', 2));
    const op = await ended(await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar, keepJar: true }));
    expect((op.result as SessionSubmitResult).jarId).toBe(JAR_ID);
    expect(flink.requests.some((r) => r.method === 'DELETE')).toBe(false);
  });

  it('cancelled while waiting: cancelled, and the log says the job keeps running', async () => {
    jobAnswers(jobDetails('RUNNING', 0));
    const first = await s.client.invoke('flink.session.submit', { restUrl: flink.url, jar });
    const done = ended(first);
    await new Promise<void>((resolve) => {
      const off = s.on('op', (e) => {
        if (e.opId === first.id && e.type === 'log' && e.lines.some((l) => l.includes('0 of 2 tasks running'))) {
          off();
          resolve();
        }
      });
    });
    await s.client.invoke('operations.cancel', { id: first.id });
    const op = await done;
    expect(op.status).toBe('cancelled');
    expect(op.log.at(-1)).toBe(`job ${JOB_ID} was submitted and keeps running on the cluster; cancel it there if it should not`);
    expect(flink.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('a jar that does not exist is refused at once, naming the field; nothing is sent', async () => {
    await expect(s.client.invoke('flink.session.submit', { restUrl: flink.url, jar: '/nowhere/job.jar' })).rejects.toMatchObject({
      code: 'invalid-input',
      fields: { jar: 'there is no file /nowhere/job.jar' },
    });
    expect(flink.requests).toEqual([]);
  });

  it.each([
    [{ restUrl: 'ftp://flink:8081' }, 'restUrl', 'must be an http(s) URL'],
    [{ restUrl: 'http://admin:secret@flink:8081' }, 'restUrl', 'must not carry a user name or password'],
    [{ jar: '/tmp/job.zip' }, 'jar', 'must be a .jar file'],
    [{ entryClass: 'com.example.Main job' }, 'entryClass', 'must be a Java class name'],
    [{ parallelism: 0 }, 'parallelism', 'must be at least 1'],
    [{ savepoint: { path: '/sp', restoreMode: 'SOMETIMES' } }, 'savepoint.restoreMode', 'must be CLAIM, NO_CLAIM or LEGACY'],
  ])('refuses %j: %s %s', async (patch, field, rule) => {
    const e = await s.client
      .invoke('flink.session.submit', { restUrl: flink.url, jar, ...patch } as never)
      .catch((x: unknown) => x as { code: string; fields: Record<string, string> });
    expect(e).toMatchObject({ code: 'invalid-input' });
    expect((e as { fields: Record<string, string> }).fields[field]).toContain(rule);
    expect(flink.requests).toEqual([]);
  });
});

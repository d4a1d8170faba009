// The flink bench part is a real Flink session cluster: the example job, uploaded through the REST API that
// flink-runtime-web serves, runs on it, can be savepointed into the configured directory, and cancels — on Flink
// 1.20 and on Flink 2.x.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBench } from '../fixtures/use-bench.ts';
import { rssMiB } from '../fixtures/flink/java-tools.ts';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
  jmPid: number;
  tmPid: number;
}

interface ExampleJob {
  jar: string;
  entryClass: string;
}

interface JobOverview {
  jid: string;
  name: string;
  state: string;
  tasks: { running: number; total: number };
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** Thrown by a probe to end `until` at once (a job that ended in the wrong state). */
class Stop extends Error {}

/** Polls `probe` every 500 ms until it returns a value, for at most `timeoutMs`. */
async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      if (e instanceof Stop) throw e;
      last = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last}` : ''}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** POST /jars/upload (multipart/form-data, field `jarfile`); returns the jar id the other /jars calls take. */
async function uploadJar(rest: string, jar: string): Promise<string> {
  const form = new FormData();
  form.append('jarfile', new Blob([readFileSync(jar)], { type: 'application/java-archive' }), basename(jar));
  const res = await fetch(`${rest}/jars/upload`, { method: 'POST', body: form });
  expect(res.status).toBe(200);
  const uploaded = (await res.json()) as { status: string; filename: string };
  expect(uploaded.status).toBe('success');
  const jarId = basename(uploaded.filename);
  const jars = await call<{ files: { id: string }[] }>('GET', `${rest}/jars`);
  expect(jars.files.map((f) => f.id)).toContain(jarId);
  return jarId;
}

async function rootException(rest: string, jid: string): Promise<string> {
  try {
    return (await call<{ 'root-exception'?: string }>('GET', `${rest}/jobs/${jid}/exceptions`))['root-exception'] ?? '(no exception)';
  } catch (e) {
    return `(exceptions unavailable: ${e instanceof Error ? e.message : String(e)})`;
  }
}

const jobIn = async (rest: string, jid: string) =>
  (await call<{ jobs: JobOverview[] }>('GET', `${rest}/jobs/overview`)).jobs.find((j) => j.jid === jid);

describe.each([
  { flink: '1.20', version: /^1\.20\.\d+$/ },
  { flink: '2', version: /^2\.\d+\.\d+$/ },
])('bench part flink --flink $flink', ({ flink, version }) => {
  let cluster: FlinkBench;
  let job: ExampleJob;

  beforeAll(async () => {
    let t = Date.now();
    job = await useBench<ExampleJob>('example-job');
    const jobSecs = (Date.now() - t) / 1000;
    t = Date.now();
    cluster = await useBench<FlinkBench>('flink', { flink });
    console.log(
      `[flink ${flink}] example job ready in ${jobSecs.toFixed(1)} s; Flink ${cluster.flinkVersion} at ${cluster.rest} ready in ` +
        `${((Date.now() - t) / 1000).toFixed(1)} s; RSS JobManager ${rssMiB(cluster.jmPid)} MiB, TaskManager ${rssMiB(cluster.tmPid)} MiB`,
    );
  });

  it('is the requested Flink version, with one TaskManager and free slots', async () => {
    expect(cluster.flinkVersion).toMatch(version);
    expect(cluster.rest).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const overview = await call<{ taskmanagers: number; 'slots-available': number; 'flink-version': string }>(
      'GET',
      `${cluster.rest}/overview`,
    );
    expect(overview['flink-version']).toBe(cluster.flinkVersion);
    expect(overview.taskmanagers).toBe(1);
    expect(overview['slots-available']).toBeGreaterThan(0);
  });

  it('serves the JobManager log through the REST API', async () => {
    const logs = await call<{ logs: { name: string; size: number }[] }>('GET', `${cluster.rest}/jobmanager/logs`);
    expect(logs.logs.map((l) => l.name)).toContain('jobmanager.log');
    const res = await fetch(`${cluster.rest}/jobmanager/log`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('StandaloneSessionClusterEntrypoint');
  });

  it('runs the example job uploaded through /jars/upload, savepoints it, and cancels it', async () => {
    const jarId = await uploadJar(cluster.rest, job.jar);

    // run
    const { jobid } = await call<{ jobid: string }>('POST', `${cluster.rest}/jars/${jarId}/run`, {
      entryClass: job.entryClass,
      programArgsList: ['--rate', '20', '--name', `bench-${flink}`],
    });
    expect(jobid).toMatch(/^[0-9a-f]{32}$/);
    const running = await until(`job ${jobid} RUNNING with all tasks running`, 90_000, async () => {
      const j = await jobIn(cluster.rest, jobid);
      if (j && ['FAILED', 'CANCELED', 'FINISHED'].includes(j.state))
        throw new Stop(`job ended ${j.state}: ${await rootException(cluster.rest, jobid)}`);
      return j?.state === 'RUNNING' && j.tasks.running === j.tasks.total ? j : undefined;
    });
    expect(running.name).toBe(`bench-${flink}`);

    // savepoint into the cluster's configured default directory
    const { 'request-id': trigger } = await call<{ 'request-id': string }>('POST', `${cluster.rest}/jobs/${jobid}/savepoints`, {
      'cancel-job': false,
    });
    const savepoint = await until(`savepoint ${trigger}`, 60_000, async () => {
      const s = await call<{ status: { id: string }; operation?: { location?: string; 'failure-cause'?: { 'stack-trace'?: string } } }>(
        'GET',
        `${cluster.rest}/jobs/${jobid}/savepoints/${trigger}`,
      );
      return s.status.id === 'COMPLETED' ? s.operation : undefined;
    });
    expect(savepoint?.['failure-cause']).toBeUndefined();
    expect(savepoint?.location).toMatch(/^file:\/.*\/savepoints\/savepoint-/);

    // cancel
    const cancel = await fetch(`${cluster.rest}/jobs/${jobid}?mode=cancel`, { method: 'PATCH' });
    expect(cancel.status).toBe(202);
    const canceled = await until(`job ${jobid} CANCELED`, 60_000, async () => {
      const j = await jobIn(cluster.rest, jobid);
      return j?.state === 'CANCELED' ? j : undefined;
    });
    expect(canceled.state).toBe('CANCELED');

    await call('DELETE', `${cluster.rest}/jars/${jarId}`);
  });

  it('runs the example job bounded by --records to FINISHED', async () => {
    const jarId = await uploadJar(cluster.rest, job.jar);
    const { jobid } = await call<{ jobid: string }>('POST', `${cluster.rest}/jars/${jarId}/run`, {
      entryClass: job.entryClass,
      programArgsList: ['--records', '40', '--rate', '100', '--name', `bench-bounded-${flink}`],
    });
    const done = await until(`job ${jobid} FINISHED`, 90_000, async () => {
      const j = await jobIn(cluster.rest, jobid);
      if (j && ['FAILED', 'CANCELED'].includes(j.state))
        throw new Stop(`job ended ${j.state}: ${await rootException(cluster.rest, jobid)}`);
      return j?.state === 'FINISHED' ? j : undefined;
    });
    expect(done.name).toBe(`bench-bounded-${flink}`);
    await call('DELETE', `${cluster.rest}/jars/${jarId}`);
  });
});

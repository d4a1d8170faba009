// The Flink REST client against a test double of the JobManager's REST endpoint (flink-double.ts): what it sends,
// how it reads answers, and every failure mapped to an error that names the URL and says what to check.
import { createServer } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FlinkRestClient } from '../../../electron/services/flink/rest-client';
import {
  JAR_ID,
  JOB_ID,
  badArgumentBody,
  config120,
  jobDetails,
  jobNotFoundBody,
  json,
  startFlinkDouble,
  wrongEntryClassBody,
  type FlinkDouble,
} from './flink-double';

let flink: FlinkDouble;
let rest: FlinkRestClient;
beforeEach(async () => {
  flink = await startFlinkDouble();
  rest = new FlinkRestClient({ restUrl: flink.url });
});
afterEach(() => flink.close());

describe('Flink REST client: requests and answers', () => {
  it('reads /config and keeps fields it does not know', async () => {
    flink.route('GET /config', json(200, { ...config120, 'some-future-field': 1 }));
    const c = await rest.config();
    expect(c['flink-version']).toBe('1.20.5');
    expect((c as Record<string, unknown>)['some-future-field']).toBe(1);
    expect(flink.requests[0]).toMatchObject({ method: 'GET', path: '/config' });
  });

  it('keeps a path prefix of the REST URL (a proxy in front of Flink)', async () => {
    flink.route('GET /proxy/flink/jobs/overview', json(200, { jobs: [] }));
    const prefixed = new FlinkRestClient({ restUrl: `${flink.url}/proxy/flink` });
    expect(await prefixed.jobsOverview()).toEqual([]);
    expect(flink.requests[0]!.path).toBe('/proxy/flink/jobs/overview');
  });

  it('uploads the jar as multipart field jarfile with its name, type and bytes, with a Content-Length', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-flink-unit-'));
    const jar = join(dir, 'my-job.jar');
    const bytes = Buffer.from(`PK\u0003\u0004${'x'.repeat(5000)}`);
    writeFileSync(jar, bytes);
    flink.route('POST /jars/upload', json(200, { filename: `/tmp/flink-web-upload/${JAR_ID}`, status: 'success' }));
    const r = await rest.uploadJar(jar);
    expect(r).toEqual({ jarId: JAR_ID, filename: `/tmp/flink-web-upload/${JAR_ID}` });
    const req = flink.requests[0]!;
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(req.headers['content-length'])).toBe(req.body.length);
    const body = req.body.toString('latin1');
    expect(body).toContain('Content-Disposition: form-data; name="jarfile"; filename="my-job.jar"');
    expect(body).toContain('Content-Type: application/x-java-archive');
    expect(req.body.includes(bytes)).toBe(true);
  });

  it('runs a jar with a JSON body of only the fields given, and returns the job id', async () => {
    flink.route(`POST /jars/${JAR_ID}/run`, json(200, { jobid: JOB_ID }));
    const r = await rest.runJar(JAR_ID, { entryClass: 'com.example.Main', programArgsList: ['--a', 'b c'], parallelism: 2 });
    expect(r).toEqual({ jobId: JOB_ID });
    const req = flink.requests[0]!;
    expect(req.headers['content-type']).toBe('application/json');
    expect(JSON.parse(req.body.toString())).toEqual({ entryClass: 'com.example.Main', programArgsList: ['--a', 'b c'], parallelism: 2 });
  });

  it('cancels with PATCH ?mode=cancel; savepoint and stop bodies use Flink’s (different) spellings', async () => {
    flink.route(`PATCH /jobs/${JOB_ID}`, json(202, {}));
    flink.route(`POST /jobs/${JOB_ID}/savepoints`, json(202, { 'request-id': 'trigger-1' }));
    flink.route(`POST /jobs/${JOB_ID}/stop`, json(202, { 'request-id': 'trigger-2' }));
    await rest.cancelJob(JOB_ID);
    expect(await rest.triggerSavepoint(JOB_ID, { targetDirectory: 's3://b/sp' })).toBe('trigger-1');
    expect(await rest.stopWithSavepoint(JOB_ID, { drain: true })).toBe('trigger-2');
    const [cancel, sp, stop] = flink.requests;
    expect(cancel).toMatchObject({ method: 'PATCH', path: `/jobs/${JOB_ID}?mode=cancel` });
    expect(JSON.parse(sp!.body.toString())).toEqual({ 'cancel-job': false, 'target-directory': 's3://b/sp' });
    expect(JSON.parse(stop!.body.toString())).toEqual({ drain: true });
  });

  it('reads a job’s details with its vertices', async () => {
    flink.route(`GET /jobs/${JOB_ID}`, json(200, jobDetails('RUNNING', 2)));
    const d = await rest.job(JOB_ID);
    expect(d.state).toBe('RUNNING');
    expect(d.vertices[0]!.tasks).toMatchObject({ RUNNING: 2 });
  });
});

describe('Flink REST client: failures', () => {
  it('connection refused: unreachable, naming the URL, with what to check', async () => {
    // A port that was free a moment ago and has nothing listening now.
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const e = await new FlinkRestClient({ restUrl: `http://127.0.0.1:${port}` }).overview().catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'unreachable',
      message: `Nothing answers at http://127.0.0.1:${port}: the connection was refused (read the cluster overview)`,
    });
    expect((e as { hint: string }).hint).toMatch(/rest\.port, 8081 by default/);
    expect((e as { hint: string }).hint).toMatch(/port-forward/);
  });

  it('no answer within the per-request timeout: timeout, saying how long it waited', async () => {
    flink.route('GET /overview', () => undefined); // never answers
    const slow = new FlinkRestClient({ restUrl: flink.url, timeoutMs: 300 });
    await expect(slow.overview()).rejects.toMatchObject({
      code: 'timeout',
      message: `No answer from the Flink REST endpoint ${flink.url} within 300 ms (read the cluster overview)`,
    });
  });

  it("the caller's AbortSignal ends a call at once: cancelled, not a timeout", async () => {
    const arrived = new Promise<void>((resolve) => flink.route('GET /overview', () => resolve()));
    const abort = new AbortController();
    const call = rest.overview({ signal: abort.signal });
    await arrived;
    abort.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('a wrong entry class: the message from Flink without its stack trace, and to check the entry class', async () => {
    flink.route(`POST /jars/${JAR_ID}/run`, json(500, wrongEntryClassBody));
    const e = await rest.runJar(JAR_ID, { entryClass: 'dev.flinkdesk.Nope' }).catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'invalid-input',
      message: `Flink at ${flink.url} could not run the jar: The program's entry point class 'dev.flinkdesk.Nope' was not found in the jar file`,
    });
    expect((e as { hint: string }).hint).toMatch(/^Check the entry class/);
  });

  it("an error of the job's main(): the wrapper and the job's own message", async () => {
    flink.route(`POST /jars/${JAR_ID}/run`, json(400, badArgumentBody));
    await expect(rest.runJar(JAR_ID, {})).rejects.toMatchObject({
      message: `Flink at ${flink.url} could not run the jar: Could not execute application: The main method caused an error: unknown argument --bogus (expected --records N, --rate R, --checkpoint-interval MS, --name NAME)`,
      hint: expect.stringContaining("The job's main() failed"),
    });
  });

  it('an unknown job: not-found with Flink’s words', async () => {
    flink.route(`GET /jobs/${JOB_ID}`, json(404, jobNotFoundBody));
    await expect(rest.job(JOB_ID)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining(`Job ${JOB_ID} not found`),
    });
  });

  it('no /jars routes (flink-runtime-web missing or web.submit.enable false): says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fd-flink-unit-'));
    writeFileSync(join(dir, 'a.jar'), 'PK');
    const e = await rest.uploadJar(join(dir, 'a.jar')).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'not-found', message: `${flink.url} has no /jars/upload (upload the jar a.jar)` });
    expect((e as { hint: string }).hint).toMatch(/web\.submit\.enable/);
  });

  it('an answer that is not Flink’s (a proxy page): says the URL may not be a Flink endpoint', async () => {
    flink.route('GET /overview', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    });
    await expect(rest.overview()).rejects.toMatchObject({
      code: 'unreachable',
      message: `${flink.url} answered HTTP 502 to "read the cluster overview", and not as Flink's REST API does`,
    });
  });

  it('a 200 of the wrong shape names the field that does not fit', async () => {
    flink.route('GET /overview', json(200, { taskmanagers: 'one' }));
    await expect(rest.overview()).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringMatching(
        /^The answer of http:\/\/127\.0\.0\.1:\d+ to "read the cluster overview" is not what Flink sends: taskmanagers: /,
      ),
    });
  });
});

// `flink-desk session …` in process, against a test double of the JobManager's REST endpoint (flink-double.ts):
// what reaches Flink, what the user reads, and exit 2 naming the flag and its rule for every bad input (with
// nothing sent to Flink).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIO } from '../../../electron/cli/io';
import { testServices, type TestServices } from '../../helpers/test-services';
import { JAR_ID, JOB_ID, config120, jobDetails, json, overview, startFlinkDouble, type FlinkDouble } from './flink-double';

let flink: FlinkDouble;
let s: TestServices;
let jar: string;

beforeEach(async () => {
  flink = await startFlinkDouble();
  s = testServices();
  jar = join(mkdtempSync(join(tmpdir(), 'fd-cli-session-')), 'job.jar');
  writeFileSync(jar, 'PK');
  flink.route('GET /config', json(200, config120));
  flink.route('GET /overview', json(200, overview));
  flink.route('POST /jars/upload', json(200, { filename: `/tmp/flink-web-upload/${JAR_ID}`, status: 'success' }));
  flink.route(`POST /jars/${JAR_ID}/run`, json(200, { jobid: JOB_ID }));
  flink.route(`DELETE /jars/${JAR_ID}`, json(200, {}));
  flink.route(`GET /jobs/${JOB_ID}`, json(200, jobDetails('RUNNING', 2, 'orders')));
});
afterEach(async () => {
  await s.stop();
  await flink.close();
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await runCli(argv, s, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('flink-desk session submit', () => {
  it('submits; everything after -- reaches the job as its arguments, untouched', async () => {
    const r = await run([
      'session',
      'submit',
      '--rest-url',
      flink.url,
      '--jar',
      jar,
      '--entry-class',
      'com.example.Main',
      '--parallelism',
      '2',
      '--',
      '--rate',
      '5',
      '--json',
      'two words',
    ]);
    expect(r.err).toContain('✓ Upload job.jar');
    expect(r.err).toContain(`✓ Run the job: job ${JOB_ID}`);
    expect(r.out).toBe(`Job 'orders' (${JOB_ID}) is RUNNING on ${flink.url} (Flink 1.20.5)`);
    expect(r.code).toBe(0);
    const body = JSON.parse(flink.requests.find((x) => x.path.endsWith('/run'))!.body.toString()) as Record<string, unknown>;
    expect(body).toEqual({ entryClass: 'com.example.Main', programArgsList: ['--rate', '5', '--json', 'two words'], parallelism: 2 });
  });

  it('--json prints the outcome with its steps', async () => {
    const r = await run(['session', 'submit', '--rest-url', flink.url, '--jar', jar, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out) as { status: string; result: { jobId: string }; steps: { id: string; status: string }[] };
    expect(out.status).toBe('succeeded');
    expect(out.result.jobId).toBe(JOB_ID);
    expect(out.steps.map((x) => x.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });

  it('--no-wait returns once Flink has accepted the job, without polling it', async () => {
    const r = await run(['session', 'submit', '--rest-url', flink.url, '--jar', jar, '--no-wait']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Job ${JOB_ID} submitted to ${flink.url} (Flink 1.20.5)`);
    expect(r.err).toContain('- Wait until the job runs: Not waited for: the job was submitted');
    expect(flink.requests.some((x) => x.path === `/jobs/${JOB_ID}`)).toBe(false);
  });

  it.each([
    [['--no-wait', '--wait', '10'], '--no-wait and --wait exclude each other'],
    [['--parallelism', 'x'], "--parallelism: must be a whole number from 1 to 32768 (got 'x')"],
    [['--parallelism', '0'], "--parallelism: must be a whole number from 1 to 32768 (got '0')"],
    [['--rest-url', 'ftp://flink:8081'], '--rest-url: must be an http(s) URL such as http://127.0.0.1:8081'],
    [['--entry-class', 'not a class'], '--entry-class: must be a Java class name such as com.example.Main'],
    [['--allow-non-restored-state'], '--allow-non-restored-state applies to a restore: give --savepoint PATH'],
    [['--savepoint', '/sp', '--restore-mode', 'SOMETIMES'], '--restore-mode: must be CLAIM, NO_CLAIM or LEGACY'],
    [['--wait', '-1'], '--wait needs a value'],
    [['--colour', 'red'], 'unknown option --colour'],
    [['stray'], "session submit takes the job's arguments after -- (got 'stray' before it)"],
  ])('%j: exit 2 with "%s", nothing sent', async (extra, message) => {
    const r = await run(['session', 'submit', '--rest-url', flink.url, '--jar', jar, ...extra]);
    expect(r.err).toContain(`flink-desk: ${message}`);
    expect(r.code).toBe(2);
    expect(flink.requests).toEqual([]);
  });

  it('a jar that is not there, or not a .jar: exit 2 naming --jar', async () => {
    const missing = await run(['session', 'submit', '--rest-url', flink.url, '--jar', '/nowhere/job.jar']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('flink-desk: --jar: there is no file /nowhere/job.jar');
    const zip = await run(['session', 'submit', '--rest-url', flink.url, '--jar', '/tmp/job.zip']);
    expect(zip.code).toBe(2);
    expect(zip.err).toContain('flink-desk: --jar: must be a .jar file (Flink accepts only those)');
    expect(await run(['session', 'submit', '--jar', jar])).toMatchObject({
      code: 2,
      err: expect.stringContaining('--rest-url is required'),
    });
    expect(flink.requests).toEqual([]);
  });

  it('a run Flink refuses: the step failed with its hint, exit as its code says', async () => {
    flink.route(
      `POST /jars/${JAR_ID}/run`,
      json(500, { errors: ["The program's entry point class 'x.Y' was not found in the jar file."] }),
    );
    const r = await run(['session', 'submit', '--rest-url', flink.url, '--jar', jar, '--entry-class', 'x.Y']);
    expect(r.err).toContain('✗ Run the job: Flink at');
    expect(r.err).toContain('hint: Check the entry class');
    expect(r.err).toContain('- Wait until the job runs: Not tried: a step before it failed');
    expect(r.code).toBe(2);
  });
});

describe('flink-desk session jobs | cancel', () => {
  it('jobs: the cluster line and one row per job; --json the same data', async () => {
    flink.route(
      'GET /jobs/overview',
      json(200, {
        jobs: [
          {
            jid: JOB_ID,
            name: 'orders',
            'start-time': 1_800_000_000_000,
            'end-time': -1,
            duration: 5000,
            state: 'RUNNING',
            'last-modification': 1_800_000_000_500,
            tasks: {
              running: 2,
              canceling: 0,
              canceled: 0,
              total: 2,
              created: 0,
              scheduled: 0,
              deploying: 0,
              reconciling: 0,
              finished: 0,
              initializing: 0,
              failed: 0,
            },
          },
        ],
      }),
    );
    const r = await run(['session', 'jobs', '--rest-url', flink.url]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Flink 1.20.5 at ${flink.url}: 1 TaskManager(s), 1 of 2 slots free`);
    expect(r.out).toMatch(new RegExp(`${JOB_ID}\\s+RUNNING\\s+2/2\\s+2027-01-15 08:00:00Z\\s+orders`));
    const j = JSON.parse((await run(['session', 'jobs', '--rest-url', flink.url, '--json'])).out) as {
      jobs: { id: string; endTime?: number }[];
    };
    expect(j.jobs).toHaveLength(1);
    expect(j.jobs[0]).toMatchObject({ id: JOB_ID, state: 'RUNNING', tasks: { running: 2, total: 2 } });
    expect(j.jobs[0]!.endTime).toBeUndefined();
  });

  it('jobs of a cluster that is not there: exit 2 with the URL and what to check', async () => {
    await flink.close();
    const r = await run(['session', 'jobs', '--rest-url', flink.url]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`flink-desk: Nothing answers at ${flink.url}: the connection was refused`);
    expect(r.err).toMatch(/hint: Check the address and port/);
    flink = await startFlinkDouble(); // for afterEach
  });

  it('cancel: PATCH ?mode=cancel, then the state; a malformed job id is exit 2 naming JOB_ID', async () => {
    flink.route(`PATCH /jobs/${JOB_ID}`, json(202, {}));
    flink.route(`GET /jobs/${JOB_ID}`, json(200, jobDetails('CANCELLING', 0)));
    const r = await run(['session', 'cancel', '--rest-url', flink.url, JOB_ID]);
    expect(r).toMatchObject({ code: 0, out: `Job ${JOB_ID}: CANCELLING` });
    expect(flink.requests.some((x) => x.method === 'PATCH' && x.path === `/jobs/${JOB_ID}?mode=cancel`)).toBe(true);
    const bad = await run(['session', 'cancel', '--rest-url', flink.url, 'job-1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('flink-desk: JOB_ID: must be a Flink job id: 32 hex digits');
  });
});

// `flink-desk status [--json] [--watch]`, `track` and `untrack` as a user runs them: the BUILT command line, one
// process per command on one data directory, against a test double of a JobManager's REST endpoint on loopback
// (tests/unit/flink/flink-double.ts, named as one: its states are scripted so a change can be made on cue). status
// polls once and prints what Flink reports, or what was inferred with a star; --watch runs the loops in its own
// process and prints each state change as it comes, ending after --count of them.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingChange, TrackingList } from '../../shared/contracts/tracking';
import { json, startFlinkDouble, type FlinkDouble } from '../unit/flink/flink-double';
import { hermeticEnv, repoDir } from '../helpers/serve-host';

const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');
const home = mkdtempSync(join(tmpdir(), 'fd-status-cli-'));
const userHome = mkdtempSync(join(tmpdir(), 'fd-status-cli-user-'));
const env = hermeticEnv(home, userHome);
const JOB = 'd'.repeat(32);
const JOB2 = 'e'.repeat(32);
const overview = (state: string) =>
  json(200, {
    jobs: [{ jid: JOB, name: 'clicks', state, 'start-time': 1, 'end-time': -1, duration: 1, 'last-modification': 1, tasks: {} }],
  });

let flink: FlinkDouble;
let id: string;

/** One command, run to its end. Never spawnSync: the REST double lives in this process and must go on answering. */
function cli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env, cwd: userHome });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  if (!existsSync(join(repoDir, 'out', 'main', 'cli.js'))) throw new Error('out/main/cli.js is missing: run "npm run build" first');
  flink = await startFlinkDouble();
  flink.route('GET /jobs/overview', overview('RUNNING'));
  flink.route(
    'GET /overview',
    json(200, {
      taskmanagers: 1,
      'slots-total': 4,
      'slots-available': 3,
      'jobs-running': 1,
      'jobs-finished': 0,
      'jobs-cancelled': 0,
      'jobs-failed': 0,
      'flink-version': '1.20.5',
      'flink-commit': 'double',
    }),
  );
  id = `rest:${flink.url}`;
});
afterAll(async () => {
  await flink?.close();
});

describe('flink-desk status (built)', () => {
  it('tracks a session cluster by its REST URL and shows what Flink reports, as a table and as JSON', async () => {
    const t = await cli('track', '--rest-url', flink.url, '--mode', 'session');
    expect(t.code, t.err).toBe(0);
    expect(t.out.trim()).toBe(`tracking ${id}`);

    const table = await cli('status');
    expect(table.code, table.err).toBe(0);
    const lines = table.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATE\s+LAST POLL\s+TM\/SLOTS\s+WHY$/);
    // The one-off poll reads the metrics too: TaskManagers and free slots, from /overview.
    expect(lines.find((l) => l.startsWith(id))).toMatch(/\sRUNNING\s+0s ago\s+1 TM, 3\/4 free\s+The JobManager answers \(1 job\)$/);
    expect(lines.find((l) => l.includes(JOB))).toMatch(new RegExp(`^  ${JOB} clicks\\s+RUNNING\\s+Flink reports RUNNING$`));

    const j = await cli('status', '--json');
    expect(j.code, j.err).toBe(0);
    const list = JSON.parse(j.out) as TrackingList;
    // A one-off command runs no loops of its own: it polled once, and says it does not follow.
    expect(list.following).toBe(false);
    expect(list.clusters).toHaveLength(1);
    expect(list.clusters[0]).toMatchObject({
      id,
      mode: 'session',
      state: { state: 'RUNNING', source: 'flink' },
      jobs: [{ id: JOB, name: 'clicks', state: { state: 'RUNNING', source: 'flink' } }],
      access: { via: 'REST URL', restUrl: flink.url },
      metrics: { taskManagers: 1, slotsTotal: 4, slotsAvailable: 3, jobsRunning: 1 },
    });
    expect(list.clusters[0]!.lastPollAgeMs).toBeGreaterThanOrEqual(0);
  });

  it('--watch follows the changes in its own process and ends after --count of them', async () => {
    // A short interval, so the watch's rounds come quickly (a setting like any other, shared by every process).
    expect((await cli('settings', 'set', 'flink-k8s.tracking.polling-interval-sec.job-status', '1')).code).toBe(0);
    const polls = () => flink.requests.filter((r) => r.path === '/jobs/overview').length;
    const before = polls();
    const child = spawn(process.execPath, [bin, 'status', '--watch', '--json', '--count', '1'], { env, cwd: userHome });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      // The watch is polling (its loops run): then the job is cancelled.
      await expect.poll(polls, { timeout: 30_000 }).toBeGreaterThan(before);
      // Two changes in one answer: the job cancelled, and a second job first seen. --count 1 prints the first only.
      flink.route(
        'GET /jobs/overview',
        json(200, {
          jobs: [
            { jid: JOB, name: 'clicks', state: 'CANCELED', 'start-time': 1, 'end-time': 2, duration: 1, 'last-modification': 2, tasks: {} },
            { jid: JOB2, name: 'views', state: 'RUNNING', 'start-time': 3, 'end-time': -1, duration: 1, 'last-modification': 3, tasks: {} },
          ],
        }),
      );
      expect(await exited, err).toBe(0);
    } finally {
      child.kill();
    }
    const changes = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as TrackingChange);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      kind: 'state',
      id,
      jobId: JOB,
      jobName: 'clicks',
      from: { state: 'RUNNING', source: 'flink' },
      to: { state: 'CANCELED', source: 'flink' },
    });
    // What the watch saw was stored: the next status reads it.
    const after = (await cli('status')).out;
    expect(after).toMatch(new RegExp(`${JOB} clicks\\s+CANCELED`));
    expect(after).toMatch(new RegExp(`${JOB2} views\\s+RUNNING`));
  });

  it('marks a state inferred when the REST endpoint does not answer, and says why', async () => {
    await flink.close();
    const r = await cli('status');
    expect(r.code, r.err).toBe(0);
    const row = r.out.split('\n').find((l) => l.startsWith(id))!;
    expect(row).toMatch(/\sSILENT\*\s+\d+s ago\s+-\s+No answer from the REST endpoint: /);
    expect(r.out).toContain('* inferred by Flink Desk (the REST endpoint did not answer); otherwise as Flink reports it');
    // A transient silence never ends a job: the cancelled job stays as Flink last reported it.
    expect(r.out).toMatch(new RegExp(`${JOB} clicks\\s+CANCELED`));
  });

  it('refuses bad flags, naming them, and forgets the cluster on untrack', async () => {
    const bad = await cli('status', '--count', '2');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--count goes with --watch/);
    const zero = await cli('status', '--watch', '--count', '0');
    expect(zero.code).toBe(2);
    expect(zero.err).toMatch(/--count: must be a whole number of at least 1/);
    const u = await cli('untrack', id);
    expect(u.code, u.err).toBe(0);
    expect(u.out.trim()).toBe(`no longer tracking ${id}`);
    const empty = await cli('status');
    expect(empty.out.trim()).toBe('Nothing is tracked. Deploy a job, or: flink-desk track --rest-url URL');
    const again = await cli('untrack', id);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/Nothing tracked has the id/);
  });
});

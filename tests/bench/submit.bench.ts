// Benchmark: submitting the example job to a session cluster (upload the jar, run it) by Flink Desk and by curl, one
// command each as Flink's docs show it (POST /jars/upload, then POST /jars/:id/run). Both run here, on the bench's
// real Flink, alternating, for several rounds; the script prints the medians and their ratios. Flink Desk is measured
// twice: as the app runs it (the flink.session.submit operation in a process that is already up: read the version,
// upload, run, delete the uploaded jar, the operation persisted) and as the CLI runs it (`flink-desk session submit
// --no-wait`, a fresh Node process each time, whose start is printed on its own line).
// Every job it starts is cancelled (outside the timed part) so the fixture's two slots are free for the next round.
// Run: npm run bench -- submit   (or: npm run build && npx tsx tests/bench/submit.bench.ts [rounds] [--flink 2])
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensure, status, stop } from '../fixtures/bench.ts';
import { OperationRegistry } from '../../electron/services/operations/operation-registry.ts';
import { startSessionSubmit } from '../../electron/services/flink/session-submit.ts';
import { openStores } from '../../electron/services/store/stores.ts';
import { silentLogger, systemClock, systemScheduler } from '../../electron/services/ports.ts';
import type { SessionSubmitResult } from '../../shared/contracts/flink.ts';

interface FlinkBench {
  rest: string;
  flinkVersion: string;
}
interface ExampleJob {
  jar: string;
  entryClass: string;
}

const args = process.argv.slice(2);
const flinkAt = args.indexOf('--flink');
const family = flinkAt >= 0 ? (args[flinkAt + 1] ?? '1.20') : '1.20';
const rounds = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--flink') ?? 7);

const key = `flink-${family}`;
const wasUp = (await status())[key]?.alive === true;
const job = await ensure<ExampleJob>('example-job');
const flink = await ensure<FlinkBench>('flink', { flink: family });
const bin = join(import.meta.dirname, '..', '..', 'electron', 'cli', 'flink-desk.mjs');
const home = mkdtempSync(join(tmpdir(), 'fd-bench-submit-'));
const env = { ...process.env, FLINK_DESK_HOME: home };
const stores = openStores(join(home, 'in-process'));
const operations = new OperationRegistry({
  events: { emit: () => undefined },
  clock: systemClock,
  repository: stores.operations,
  logDir: join(stores.dir, 'operations'),
});
const programArgs = ['--rate', '5', '--name'];

function must(cmd: string, argv: string[]): string {
  const r = spawnSync(cmd, argv, { env, encoding: 'utf8' });
  if (r.error) throw new Error(`${cmd} is needed for this benchmark: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  return r.stdout;
}

async function rest<T>(method: string, path: string): Promise<T> {
  const res = await fetch(`${flink.rest}${path}`, { method, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** One submission with curl, as a user types it: upload, read the jar id, run. Returns [ms, job id, jar id]. */
function curlRound(name: string): [number, string, string] {
  const t = performance.now();
  // -H "Expect:" as Flink's REST docs show it: without it curl waits for a 100-continue Flink never sends.
  const up = JSON.parse(
    must('curl', ['-sS', '--fail-with-body', '-X', 'POST', '-H', 'Expect:', '-F', `jarfile=@${job.jar}`, `${flink.rest}/jars/upload`]),
  ) as {
    filename: string;
  };
  const jarId = up.filename.split('/').pop()!;
  const body = JSON.stringify({ entryClass: job.entryClass, programArgsList: [...programArgs, name] });
  const run = JSON.parse(
    must('curl', [
      '-sS',
      '--fail-with-body',
      '-X',
      'POST',
      '-H',
      'Content-Type: application/json',
      '-d',
      body,
      `${flink.rest}/jars/${jarId}/run`,
    ]),
  ) as { jobid: string };
  return [performance.now() - t, run.jobid, jarId];
}

/** One submission with Flink Desk's CLI (a fresh process, as a user runs it). Returns [ms, job id]. */
function flinkDeskRound(name: string): [number, string] {
  const t = performance.now();
  const out = must(process.execPath, [
    bin,
    'session',
    'submit',
    '--rest-url',
    flink.rest,
    '--jar',
    job.jar,
    '--entry-class',
    job.entryClass,
    '--no-wait',
    '--json',
    '--',
    ...programArgs,
    name,
  ]);
  const ms = performance.now() - t;
  return [ms, (JSON.parse(out) as { result: { jobId: string } }).result.jobId];
}

/** One submission through the service the app runs, in this (warm) process. Returns [ms, job id]. */
async function serviceRound(name: string): Promise<[number, string]> {
  const t = performance.now();
  const { done } = startSessionSubmit(
    { operations, scheduler: systemScheduler, clock: systemClock, logger: silentLogger },
    {
      restUrl: flink.rest,
      jar: job.jar,
      entryClass: job.entryClass,
      args: [...programArgs, name],
      keepJar: false,
      wait: false,
      waitSec: 60,
    },
  );
  const op = await done;
  const ms = performance.now() - t;
  if (op.status !== 'succeeded') throw new Error(`flink.session.submit ${op.status}: ${op.error?.message}`);
  return [ms, (op.result as SessionSubmitResult).jobId];
}

/** Cancels the job and waits until Flink has released its slots (so the next round finds them free). */
async function cancel(jobId: string): Promise<void> {
  await rest('PATCH', `/jobs/${jobId}?mode=cancel`);
  for (let i = 0; i < 120; i++) {
    const { state } = await rest<{ state: string }>('GET', `/jobs/${jobId}`);
    const o = await rest<{ 'slots-available': number; 'slots-total': number }>('GET', '/overview');
    if (['CANCELED', 'FAILED', 'FINISHED'].includes(state) && o['slots-available'] === o['slots-total']) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not release its slots within 12 s of the cancel`);
}

function baseline(): number {
  const t = performance.now();
  must(process.execPath, [bin, 'info', '--json']);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
try {
  // Warm-up, not counted: the JobManager's first run loads classes the later ones reuse; this process's first
  // request opens its connection.
  const [, wj, wjar] = curlRound('bench-warmup-curl');
  await cancel(wj);
  await rest('DELETE', `/jars/${wjar}`);
  await cancel((await serviceRound('bench-warmup-app'))[1]);
  await cancel(flinkDeskRound('bench-warmup-cli')[1]);

  const times = { curl: [] as number[], app: [] as number[], cli: [] as number[] };
  const start: number[] = [];
  const kinds = ['curl', 'app', 'cli'] as const;
  for (let i = 0; i < rounds; i++) {
    // Rotate which goes first, so none always meets a JobManager that has just finished a cancel.
    const order = kinds.map((_, k) => kinds[(k + i) % kinds.length]!);
    for (const who of order) {
      if (who === 'curl') {
        const [ms, jobId, jarId] = curlRound(`bench-curl-${i}`);
        times.curl.push(ms);
        await cancel(jobId);
        await rest('DELETE', `/jars/${jarId}`); // Flink Desk deletes its jar itself, inside its time
      } else if (who === 'app') {
        const [ms, jobId] = await serviceRound(`bench-app-${i}`);
        times.app.push(ms);
        await cancel(jobId);
      } else {
        const [ms, jobId] = flinkDeskRound(`bench-cli-${i}`);
        times.cli.push(ms);
        await cancel(jobId);
      }
    }
    start.push(baseline());
  }
  const [c, a, f] = [median(times.curl), median(times.app), median(times.cli)];
  console.log(
    `Flink ${flink.flinkVersion} at ${flink.rest}; example jar ${job.jar.split('/').pop()}; ${rounds} rounds, rotating the order`,
  );
  console.log(`curl, upload then run (2 processes):             median ${c.toFixed(0)} ms  [${list(times.curl)}]`);
  console.log(`Flink Desk in the app (flink.session.submit):    median ${a.toFixed(0)} ms  [${list(times.app)}]`);
  console.log(`Flink Desk CLI (session submit --no-wait):       median ${f.toFixed(0)} ms  [${list(times.cli)}]`);
  console.log(`  of which starting a flink-desk process (info): median ${median(start).toFixed(0)} ms`);
  const verdict = (r: number) => `${r.toFixed(2)} (goal ≤ 1.1${r <= 1.1 ? ', met' : ', not met'})`;
  console.log(`ratio Flink Desk app / curl: ${verdict(a / c)}`);
  console.log(`ratio Flink Desk CLI / curl: ${verdict(f / c)}; without the process start: ${((f - median(start)) / c).toFixed(2)}`);
} finally {
  if (!wasUp) await stop(key);
}

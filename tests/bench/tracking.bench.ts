// Benchmark: tracking 1,000 jobs. 800 application clusters (one job each) and 40 session clusters (five jobs each) are
// Deployments in a namespace of the bench's API server (replicas 0: Deployments as Flink creates them, without pods
// the one kwok node could not hold), so the informers carry them all; their REST endpoints are a LOAD DOUBLE on
// loopback (tracking-load-double.ts: 127.0.0.2–.5, a path per cluster), reached as a REST URL the user gave is,
// through each cluster's local proxy. The real tracker, wired as the app wires it, runs in a process of its own
// (tracking-tracker.ts) at the settings' intervals (5 s job status, 10 s metrics): two rounds to warm up, then N.
// Printed: every round's duration against the interval; the tracker process's CPU share of one core and RSS; the
// calls per round counted at the double (one /jobs/overview per application cluster and per session cluster is the
// rule); the bytes the store wrote per round; and the time from a Deployment deleted to the state change seen (p95
// over 20 deletions), beside `kubectl get deploy -w` seeing the same deletions, run by this script at the same time;
// and, the tracker stopped, the CPU share of the same calls made by a bare loop (tracking-floor.ts), the reference:
// round by round, as many as the tracker's rounds made.
// Run: npm run bench -- tracking   (or: npx tsx tests/bench/tracking.bench.ts [rounds] [--profile])
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ensure } from '../fixtures/bench.ts';
import { KubeClients } from '../../electron/services/kube/index.ts';
import { silentLogger, systemScheduler } from '../../electron/services/ports.ts';
import type { TrackedEntry } from '../../shared/contracts/tracking.ts';
import type { Counts, FromDouble, LoadCluster, ToDouble } from './tracking-load-double.ts';
import type { FromFloor, ToFloor } from './tracking-floor.ts';
import { wallNow, type FromTracker, type RoundStat, type ToTracker } from './tracking-tracker.ts';

interface KubeBench {
  kubeconfig: string;
  contexts: { admin: string };
}

const args = process.argv.slice(2);
/** 24 rounds of 5 s: the window holds a whole checkpoint interval (60 s), so it has each job's checkpoint read. */
const ROUNDS = Number(args.find((a) => /^\d+$/.test(a)) ?? 24);
/** --profile: a CPU profile and allocation samples of the tracker process over the measured rounds. */
const PROFILE = args.includes('--profile');
const WARMUP = 2;
const APPS = 800;
const SESSIONS = 40;
const JOBS_PER_SESSION = 5;
const DELETIONS = 20;
/** Every job's execution.checkpointing.interval: a common production setting (Flink's default is none). */
const CHECKPOINT_INTERVAL_MS = 60_000;
const HOSTS = 4;
const LABELS = { component: 'jobmanager', type: 'flink-native-kubernetes' };

const began = performance.now();
const mark = (what: string) => console.error(`[tracking bench] ${((performance.now() - began) / 1000).toFixed(1)} s: ${what}`);
const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Nearest-rank percentile. */
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms / 1000} s`)), ms)),
  );
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const children: ChildProcess[] = [];

/** A child process of ours over IPC: every message goes to its listeners; ask() waits for the next one of a type. */
/** `file` bundled to plain JavaScript, as the app's main process runs its code (tsx, compiling TypeScript as it is
 * loaded, would add its own ~55 MiB of RSS and its CPU to what is measured). */
async function bundled(file: string): Promise<string> {
  // Inside the repository, so that the packages left outside the bundle resolve from node_modules.
  const outfile = join(import.meta.dirname, '../../node_modules/.cache/flink-desk-bench', file.replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [join(import.meta.dirname, file)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

function child<In extends { type: string }, Out extends { type: string }>(file: string, execArgv: string[] = []) {
  const entry = file.endsWith('.mjs') ? [file] : ['--import', 'tsx', join(import.meta.dirname, file)];
  const proc = spawn(process.execPath, [...execArgv, ...entry], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(proc);
  const listeners = new Set<(m: Out) => void>();
  const pending = new Set<(e: Error) => void>();
  proc.on('message', (m) => {
    for (const l of [...listeners]) l(m as Out);
  });
  proc.on('exit', (code) => {
    for (const reject of pending) reject(new Error(`${file} exited (${code})`));
  });
  const next = <T extends Out['type']>(type: T) =>
    new Promise<Extract<Out, { type: T }>>((resolve, reject) => {
      const l = (m: Out) => {
        if (m.type !== type) return;
        listeners.delete(l);
        pending.delete(reject);
        resolve(m as Extract<Out, { type: T }>);
      };
      listeners.add(l);
      pending.add(reject);
    });
  return {
    on: (l: (m: Out) => void) => void listeners.add(l),
    ask<T extends Out['type']>(m: In, type: T): Promise<Extract<Out, { type: T }>> {
      const answer = next(type);
      proc.send(m);
      return answer;
    },
  };
}

function deployment(name: string, mode: 'application' | 'session') {
  const labels = { app: name, ...LABELS };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      replicas: 0,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'flink-main-container',
              image: '127.0.0.1:5000/streamx/datagen:1',
              command: ['/docker-entrypoint.sh'],
              args: ['bash', '-c', `kubernetes-jobmanager.sh kubernetes-${mode}`],
              ports: [{ name: 'rest', containerPort: 8081 }],
            },
          ],
        },
      },
    },
  };
}

interface DeploymentStatus {
  metadata: { generation?: number };
  status?: { observedGeneration?: number; conditions?: { type: string; reason?: string }[] };
}
const rolledOut = (d: DeploymentStatus) =>
  d.status?.observedGeneration === d.metadata.generation &&
  d.status?.conditions?.some((c) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') === true;

const kube = await ensure<KubeBench>('kube');
const context = kube.contexts.admin;
const ns = `fd-bench-tracking-${hex(3)}`;
const home = mkdtempSync(join(tmpdir(), 'fd-bench-tracking-'));
const setupClients = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });
const admin = await setupClients.for(context, { kubeconfig: kube.kubeconfig });
let stopTracker: () => Promise<unknown> = () => Promise.resolve();

/** `kubectl get deploy -w` on the namespace: when it printed each DELETED line. */
function kubectlWatch(count: number): { deleted(name: string): Promise<number>; listed: Promise<void> } {
  const proc = spawn(
    'kubectl',
    ['--kubeconfig', kube.kubeconfig, '--context', context, '-n', ns, 'get', 'deploy', '-w', '--output-watch-events', '--no-headers'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  proc.on('error', (e) => {
    console.error(`kubectl is needed for this benchmark: ${e.message}`);
    process.exit(1);
  });
  children.push(proc);
  const seen = new Map<string, number>();
  const waiting = new Map<string, (t: number) => void>();
  let added = 0;
  let listedAll: () => void = () => {};
  const listed = new Promise<void>((r) => (listedAll = r));
  createInterface({ input: proc.stdout }).on('line', (line) => {
    const t = wallNow();
    const [event, name] = line.trim().split(/\s+/);
    if (event === 'ADDED' && ++added === count) listedAll();
    if (event !== 'DELETED' || !name) return;
    seen.set(name, t);
    waiting.get(name)?.(t);
  });
  return {
    listed,
    deleted: (name) => (seen.has(name) ? Promise.resolve(seen.get(name)!) : new Promise((r) => waiting.set(name, r))),
  };
}

try {
  // --- the clusters: Deployments in the bench's API server, REST endpoints on the load double ---------------------
  const apps = Array.from({ length: APPS }, (_, i) => `app-${String(i).padStart(4, '0')}`);
  const sessions = Array.from({ length: SESSIONS }, (_, i) => `session-${String(i).padStart(2, '0')}`);
  const names = [...apps, ...sessions];
  const started = Date.now() - 3_600_000;
  const clusters: LoadCluster[] = names.map((name, n) => ({
    jobs: Array.from({ length: n < APPS ? 1 : JOBS_PER_SESSION }, (_, j) => ({
      jid: hex(16),
      name: `${name}-job-${j}`,
      state: 'RUNNING',
      startTime: started + n * 1000 + j,
      checkpointIntervalMs: CHECKPOINT_INTERVAL_MS,
    })),
    taskManagers: 2,
    slotsTotal: 4,
    slotsAvailable: 2,
  }));
  await admin.expect('POST', '/api/v1/namespaces', 'create the namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let name = names[next++]; name; name = names[next++]) {
        const body = deployment(name, name.startsWith('app-') ? 'application' : 'session');
        await admin.expect('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, `create Deployment ${name}`, body);
      }
    }),
  );
  mark(`${names.length} Deployments created`);
  // The controller-manager makes a ReplicaSet for each and sets each Deployment's status: wait until it is done, so
  // its changes (which the informers carry to the tracker) are not counted as the tracker's steady state.
  for (let i = 0; ; i++) {
    const all = await admin.expect<{ items: DeploymentStatus[] }>('GET', `/apis/apps/v1/namespaces/${ns}/deployments`, 'list Deployments');
    const done = all.items.filter(rolledOut).length;
    if (done >= names.length) break;
    if (i > 600) throw new Error(`only ${done} of ${names.length} Deployments rolled out after 10 minutes`);
    await sleep(1000);
  }
  mark('every Deployment rolled out (its ReplicaSet made, its status set)');

  const double = child<ToDouble, FromDouble>('tracking-load-double.ts');
  const { urls } = await double.ask({ type: 'start', clusters, hosts: HOSTS }, 'ready');
  const counts = (): Promise<Counts> => double.ask({ type: 'counts' }, 'counts');
  console.log(
    `${APPS} application clusters (1 job each) and ${SESSIONS} session clusters (${JOBS_PER_SESSION} jobs each): ` +
      `${APPS + SESSIONS * JOBS_PER_SESSION} jobs; ${names.length} Deployments in ${ns} on the bench API server; ` +
      `REST endpoints on the load double at ${HOSTS} addresses (${urls[0]!.replace(/\/c\/\d+$/, '')}, …)`,
  );

  // --- the tracker, in its own process ----------------------------------------------------------------------------
  const entries: TrackedEntry[] = names.map((clusterId, n) => ({
    id: `kube:${context}/${ns}/${clusterId}`,
    ref: { kind: 'kube', context, namespace: ns, clusterId, restUrl: urls[n]! },
    mode: 'unknown',
    origin: 'user',
    addedAt: Date.now(),
    jobs: [],
  }));
  // --expose-gc only lets the benchmark ask for a full collection at the end (what is retained, not garbage).
  const tracker = child<ToTracker, FromTracker>(await bundled('tracking-tracker.ts'), [
    '--expose-gc',
    ...(process.env.TRACKER_FLAGS?.split(' ').filter(Boolean) ?? []),
  ]);
  interface Round extends RoundStat {
    /** /jobs/overview answered by the double per cluster, between the previous round's end and this one's. */
    calls: number[];
    overview: number;
    checkpoints: number;
    checkpointConfigs: number;
    memory: number;
    other: number;
  }
  const rounds: Round[] = [];
  const roundWaiters: (() => void)[] = [];
  let last: Counts | undefined;
  let counting = Promise.resolve();
  const finals: Extract<FromTracker, { type: 'final' }>[] = [];
  const finalWaiters = new Map<string, (m: Extract<FromTracker, { type: 'final' }>) => void>();
  tracker.on((m) => {
    if (m.type === 'final') {
      finals.push(m);
      finalWaiters.get(m.id)?.(m);
    }
    if (m.type !== 'round') return;
    // The double's counts right after the round ended (asked in order, one at a time).
    counting = counting.then(async () => {
      const c = await counts();
      const prev = last;
      last = c;
      rounds.push({
        ...m.stat,
        calls: c.jobsOverview.map((x, i) => x - (prev?.jobsOverview[i] ?? 0)),
        overview: sum(c.overview) - sum(prev?.overview ?? []),
        checkpoints: c.checkpoints - (prev?.checkpoints ?? 0),
        checkpointConfigs: c.checkpointConfigs - (prev?.checkpointConfigs ?? 0),
        memory: c.memory - (prev?.memory ?? 0),
        other: c.other - (prev?.other ?? 0),
      });
      roundWaiters.shift()?.();
    });
  });
  const nextRound = () => new Promise<void>((r) => roundWaiters.push(r));
  stopTracker = () => within(tracker.ask({ type: 'stop' }, 'stopped'), 60_000, 'the tracker stopping');
  const ready = await tracker.ask({ type: 'start', kubeconfig: kube.kubeconfig, home, entries }, 'ready');
  const { intervalMs, metricsMs } = ready;
  mark(`tracking started (the tracker process's RSS before its first round: ${mib(ready.rss)} MiB)`);

  // --- the rounds ---------------------------------------------------------------------------------------------------
  const roundLimit = intervalMs + 130_000;
  while (rounds.length < WARMUP) await within(nextRound(), roundLimit, 'a warm-up round');
  if (PROFILE) await tracker.ask({ type: 'profile', on: true }, 'profiled');
  const cpu0 = await tracker.ask({ type: 'cpu' }, 'cpu');
  while (rounds.length < WARMUP + ROUNDS) await within(nextRound(), roundLimit, 'a round');
  const cpu1 = await tracker.ask({ type: 'cpu' }, 'cpu');
  const profiled = PROFILE
    ? await tracker.ask({ type: 'profile', on: false, file: join(tmpdir(), `tracking-bench-${Date.now()}`) }, 'profiled')
    : undefined;
  const cpuShare = (cpu1.micros - cpu0.micros) / 1000 / (cpu1.at - cpu0.at);
  const share = (micros: number) => `${((micros / 1000 / (cpu1.at - cpu0.at)) * 100).toFixed(2)} %`;
  const byThread = Object.keys(cpu1.threads)
    .map((t) => [t, cpu1.threads[t]! - (cpu0.threads[t] ?? 0)] as const)
    .filter(([, us]) => us > 0)
    .sort((a, b) => b[1] - a[1]);
  const measured = rounds.slice(WARMUP);
  const rssMax = Math.max(...measured.map((r) => r.rss));

  console.log(
    `\njob-status interval ${intervalMs / 1000} s, metrics interval ${metricsMs / 1000} s, every job's checkpoint interval ${CHECKPOINT_INTERVAL_MS / 1000} s; ${WARMUP} warm-up rounds, then ${ROUNDS}`,
  );
  rounds.forEach((r, i) => {
    const skipped = names.length - r.started;
    console.log(
      `  round ${String(i + 1).padStart(2)}${i < WARMUP ? ' (warm-up)' : '          '}: ${r.ms.toFixed(0).padStart(5)} ms` +
        `${r.ms < intervalMs ? '' : ' (LONGER THAN THE INTERVAL)'}; polls ${r.started}${skipped ? ` (${skipped} still in flight)` : ''}; ` +
        `/jobs/overview at the double ${sum(r.calls)}${r.calls.every((x) => x === 1) ? ' (each cluster once)' : ''}; ` +
        `metrics since the last round ${r.overview} /overview + ${r.checkpoints} checkpoints` +
        `${r.checkpointConfigs ? ` + ${r.checkpointConfigs} checkpoint configs` : ''}${r.memory ? ` + ${r.memory} memory reads` : ''}; other ${r.other}; ` +
        `store ${r.writes} writes, ${r.bytes} bytes; RSS ${mib(r.rss)} MiB (heap ${mib(r.heap)} MiB)`,
    );
  });
  const inside = measured.every((r) => r.ms < intervalMs);
  const onceEach = measured.every((r) => r.started === names.length && r.calls.every((x) => x === 1) && r.other === 0);
  const warm = rounds.slice(0, WARMUP);
  console.log(
    `rounds: median ${median(measured.map((r) => r.ms)).toFixed(0)} ms, max ${Math.max(...measured.map((r) => r.ms)).toFixed(0)} ms; ` +
      `every one inside the ${intervalMs / 1000} s interval: ${inside ? 'yes' : 'NO'}`,
  );
  console.log(
    `requests per round at the load double: one /jobs/overview per cluster (${APPS} application + ${SESSIONS} session = ${names.length}) ` +
      `in every round: ${onceEach ? 'yes' : 'NO'}`,
  );
  const metricsRounds = Math.round((ROUNDS * intervalMs) / metricsMs);
  const read = sum(measured.map((r) => r.checkpoints));
  console.log(
    `checkpoint reads: ${read} in ${metricsRounds} metrics rounds, ${(read / metricsRounds).toFixed(0)} per round ` +
      `(each job's once per its checkpoint interval; at every metrics round it would be ${APPS + SESSIONS * JOBS_PER_SESSION} per round); ` +
      `checkpoint configurations read: ${sum(rounds.map((r) => r.checkpointConfigs))} (once per job); ` +
      `memory reads (/jobmanager/config + /taskmanagers): ${sum(rounds.map((r) => r.memory))} (once per cluster: ${2 * names.length}), ` +
      `${sum(measured.map((r) => r.memory))} in the measured rounds`,
  );
  console.log(
    `store: ${(sum(measured.map((r) => r.bytes)) / measured.length).toFixed(0)} bytes written per round (no state changed); ` +
      `the warm-up wrote ${sum(warm.map((r) => r.bytes))} bytes in ${sum(warm.map((r) => r.writes))} writes (the first states: one document, one history line per transition)`,
  );
  console.log(
    `tracker CPU: ${(cpuShare * 100).toFixed(2)} % of one core over ${((cpu1.at - cpu0.at) / 1000).toFixed(1)} s (goal ≤ 5 %: ${cpuShare <= 0.05 ? 'met' : 'NOT met'}); user ${share(cpu1.user - cpu0.user)}, system ${share(cpu1.system - cpu0.system)}; by thread: ${byThread.map(([t, us]) => `${t} ${share(us)}`).join(', ') || 'n/a'}`,
  );
  const gc = await tracker.ask({ type: 'gc' }, 'gc');
  console.log(
    `tracker RSS: max ${mib(rssMax)} MiB (goal ≤ 300 MB: ${rssMax <= 300e6 ? 'met' : 'NOT met'}); ` +
      `after a full collection: RSS ${mib(gc.rss)} MiB, heap ${mib(gc.heap)} MiB used of ${mib(gc.heapCommitted)} MiB held, ` +
      `external ${mib(gc.external)} MiB, ${gc.fds} open file descriptors`,
  );
  if (profiled) console.log(`profile of the measured rounds: ${profiled.files.join(', ')}`);

  // --- deletions: the tracker's state change against kubectl's watch --------------------------------------------
  const watch = kubectlWatch(names.length);
  await within(watch.listed, 60_000, 'kubectl get deploy -w listing the Deployments');
  const byTracker: number[] = [];
  const byKubectl: number[] = [];
  let fromWatch = 0;
  for (const name of apps.slice(0, DELETIONS)) {
    const id = `kube:${context}/${ns}/${name}`;
    const seen = new Promise<Extract<FromTracker, { type: 'final' }>>((r) => finalWaiters.set(id, r));
    const seenByKubectl = watch.deleted(name);
    const t = wallNow();
    await admin.expect('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/${name}`, `delete Deployment ${name}`);
    const [f, k] = await within(Promise.all([seen, seenByKubectl]), 30_000, `the deletion of ${name}`);
    byTracker.push(f.at - t);
    byKubectl.push(k - t);
    if (f.state === 'TERMINATED' && !f.polled) fromWatch++;
  }
  const [p95t, p95k] = [pct(byTracker, 95), pct(byKubectl, 95)];
  console.log(`\n${DELETIONS} Deployments deleted one at a time, from the DELETE sent to the change seen:`);
  console.log(
    `  Flink Desk (tracking.changed TERMINATED): p50 ${median(byTracker).toFixed(0)} ms, p95 ${p95t.toFixed(0)} ms  [${list(byTracker)}]`,
  );
  console.log(
    `  kubectl get deploy -w (DELETED line):      p50 ${median(byKubectl).toFixed(0)} ms, p95 ${p95k.toFixed(0)} ms  [${list(byKubectl)}]`,
  );
  console.log(`  ${fromWatch} of ${DELETIONS} TERMINATED from the watch (no REST poll in the change's evidence)`);
  console.log(`ratio Flink Desk / kubectl (p95): ${(p95t / p95k).toFixed(2)}`);
  console.log(`deletion p95 ${p95t.toFixed(0)} ms (goal ≤ 1 s: ${p95t <= 1000 ? 'met' : 'NOT met'})`);

  // --- the reference: the same calls from a bare loop, with the tracker stopped (two cores: they would share them) --
  await stopTracker();
  stopTracker = () => Promise.resolve();
  const floor = child<ToFloor, FromFloor>(await bundled('tracking-floor.ts'));
  mark('the tracker stopped; the same calls from a bare loop');
  const bare = await within(
    floor.ask(
      {
        type: 'start',
        clusters: clusters.map((c, n) => ({ url: urls[n]!, jobs: c.jobs.map((j) => j.jid) })),
        rounds: measured.map((r) => ({ overview: r.overview, checkpoints: r.checkpoints })),
        intervalMs,
      },
      'done',
    ),
    ROUNDS * intervalMs + 120_000,
    'the bare loop',
  );
  const bareShare = bare.micros / 1000 / bare.ms;
  const tracked = sum(measured.map((r) => sum(r.calls) + r.overview + r.checkpoints + r.checkpointConfigs + r.memory + r.other));
  console.log(
    `\nthe same calls from a bare loop, round by round (node:http keep-alive and JSON.parse, nothing else; ${bare.calls} calls in ${(bare.ms / 1000).toFixed(1)} s; ` +
      `the tracker's measured rounds: ${tracked} at the double): ` +
      `${(bareShare * 100).toFixed(2)} % of one core`,
  );
  console.log(`ratio tracker / bare loop (CPU): ${(cpuShare / bareShare).toFixed(2)}`);
} finally {
  await stopTracker().catch(() => undefined);
  for (const c of children) c.kill();
  await admin.request('DELETE', `/api/v1/namespaces/${ns}`).catch(() => undefined);
  await setupClients.close();
  rmSync(home, { recursive: true, force: true });
  mark('done');
}

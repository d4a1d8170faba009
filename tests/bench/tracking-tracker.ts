// The tracker under measurement in the tracking benchmark, in a process of its own (a child of tracking.bench.ts,
// over IPC) so that its CPU time and RSS are the tracker's alone, not the benchmark's set-up or the load double's.
// It is wired as the app wires it (createTracking: the access layer and its local proxies, the informers through
// KubeClients, the tracking store; the heap setting of node-runtime.ts) over a data directory of its own; only the counting is added: each job-status
// round's duration and polls started, the bytes the store wrote (the tracking document is rewritten whole, the
// history appended), the final state changes (for the deletion timings) and, on request, CPU time and a profile.
//   parent → {type: 'start', kubeconfig, home, entries}   child → {type: 'ready', intervalMs, metricsMs}
//   child → {type: 'round', stat} at each round's end;  {type: 'final', id, state, source, polled, at} per final change
//   parent → {type: 'cpu'} | {type: 'gc'} | {type: 'profile', on} | {type: 'stop'}   child → the same type back ('profiled', 'stopped')
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { KubeClients } from '../../electron/services/kube/index.ts';
import { silentLogger, systemClock, systemScheduler } from '../../electron/services/ports.ts';
import { EventBus } from '../../electron/services/runtime/event-bus.ts';
import { limitHeapGrowth } from '../../electron/services/runtime/heap-growth.ts';
import { Lifecycle } from '../../electron/services/runtime/lifecycle.ts';
import { SettingsService } from '../../electron/services/settings/settings-service.ts';
import { openStores } from '../../electron/services/store/stores.ts';
import { createTracking } from '../../electron/services/tracking/handlers.ts';
import type { TrackedEntry } from '../../shared/contracts/tracking.ts';

export interface RoundStat {
  /** From the tick to the last of its calls applied. */
  ms: number;
  /** Polls the round started: a cluster whose call of an earlier round is still in flight is skipped. */
  started: number;
  /** What the store wrote since the previous round ended. */
  bytes: number;
  writes: number;
  rss: number;
  heap: number;
  external: number;
}

export type ToTracker =
  | { type: 'start'; kubeconfig: string; home: string; entries: TrackedEntry[] }
  | { type: 'cpu' }
  | { type: 'gc' }
  | { type: 'profile'; on: boolean; file?: string }
  | { type: 'stop' };
export type FromTracker =
  | { type: 'ready'; intervalMs: number; metricsMs: number; rss: number }
  | { type: 'round'; stat: RoundStat }
  | { type: 'final'; id: string; state: string; source: string; polled: boolean; at: number }
  | { type: 'cpu'; micros: number; user: number; system: number; threads: Record<string, number>; at: number }
  | { type: 'gc'; rss: number; heap: number; heapCommitted: number; external: number; fds: number }
  | { type: 'profiled'; files: string[] }
  | { type: 'stopped' };

/** A time both processes read alike (ms since the epoch, sub-millisecond). */
export const wallNow = () => performance.timeOrigin + performance.now();

const send = (m: FromTracker) => process.send!(m);

/** Open file descriptors (sockets mostly), from Linux's /proc; 0 elsewhere. */
function fdCount(): number {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return 0;
  }
}

/** CPU time (µs) per thread name, from Linux's /proc (the main thread, V8's GC and compiler workers, libuv's pool);
 * empty elsewhere. Says where CPU goes that a JavaScript profile does not see. */
function threadCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  try {
    for (const tid of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat
        .slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
        .replace(/\d+$/, '')
        .trim();
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14 and 15)
      const key = tid === String(process.pid) ? 'main' : name;
      out[key] = (out[key] ?? 0) + ticks * 10_000; // USER_HZ is 100
    }
  } catch {
    // not Linux
  }
  return out;
}

async function start(m: Extract<ToTracker, { type: 'start' }>): Promise<() => Promise<void>> {
  // As every front end's process does when it opens the services (electron/services/node-runtime.ts).
  limitHeapGrowth();
  const stores = openStores(join(m.home, 'data'));
  const written = { bytes: 0, writes: 0 };
  const repo = stores.tracking;
  const update = repo.update.bind(repo);
  repo.update = (change) => {
    const out = update(change);
    written.writes++;
    written.bytes += statSync(repo.path).size; // an atomic rewrite of the whole file
    return out;
  };
  const history = stores.history;
  const append = history.append.bind(history);
  const size = () => {
    try {
      return statSync(history.path).size;
    } catch {
      return 0;
    }
  };
  history.append = (entry) => {
    const before = size();
    append(entry);
    const after = size();
    written.writes++;
    written.bytes += after >= before ? after - before : after;
  };
  // The tracked set as the store holds it after 840 tracking.add (written once here: the adds are not measured).
  update((doc) => ({ ...doc, tracked: m.entries }));

  const logger = silentLogger;
  const bus = new EventBus({ emit: () => undefined }, logger);
  const settings = new SettingsService(stores.settings, bus);
  const lifecycle = new Lifecycle(logger);
  const kube = new KubeClients({ env: { KUBECONFIG: m.kubeconfig }, addedFiles: () => [], scheduler: systemScheduler, logger, lifecycle });
  const { tracker } = createTracking(
    { stores, settings, events: bus, clock: systemClock, scheduler: systemScheduler, logger, lifecycle, kube },
    { background: true },
  );
  bus.on('tracking.changed', (c) => {
    if (c.kind === 'state' && c.jobId === undefined && c.to.final)
      send({
        type: 'final',
        id: c.id,
        state: c.to.state,
        source: c.to.source,
        polled: c.to.evidence.lastPollAt !== undefined,
        at: wallNow(),
      });
  });

  let lastWritten = { ...written };
  const round = tracker.round.bind(tracker);
  tracker.round = () => {
    const t = performance.now();
    const before = tracker.calls.status;
    const p = round();
    void p.then(() => {
      // Counted when the round has settled: it starts its polls a slice at a time (electron/services/runtime/in-slices.ts).
      const started = tracker.calls.status - before;
      const mem = process.memoryUsage();
      send({
        type: 'round',
        stat: {
          ms: performance.now() - t,
          started,
          bytes: written.bytes - lastWritten.bytes,
          writes: written.writes - lastWritten.writes,
          rss: mem.rss,
          heap: mem.heapUsed,
          external: mem.external,
        },
      });
      lastWritten = { ...written };
    });
    return p;
  };
  const s = settings.get();
  const rss = process.memoryUsage().rss;
  await lifecycle.start(); // tracker.follow(): the loops start, the first round at once
  send({
    type: 'ready',
    intervalMs: s['flink-k8s.tracking.polling-interval-sec.job-status'] * 1000,
    metricsMs: s['flink-k8s.tracking.polling-interval-sec.cluster-metric'] * 1000,
    rss,
  });
  return () => lifecycle.stop();
}

if (process.send) {
  let stop: (() => Promise<void>) | undefined;
  let profiler: Session | undefined;
  process.on('message', (m: ToTracker) => {
    void (async () => {
      if (m.type === 'start') stop = await start(m);
      else if (m.type === 'cpu') {
        const u = process.cpuUsage();
        send({ type: 'cpu', micros: u.user + u.system, user: u.user, system: u.system, threads: threadCpu(), at: performance.now() });
      } else if (m.type === 'gc') {
        (globalThis as { gc?: () => void }).gc?.();
        const mem = process.memoryUsage();
        const v8heap = getHeapStatistics();
        send({
          type: 'gc',
          rss: mem.rss,
          heap: mem.heapUsed,
          heapCommitted: v8heap.total_physical_size,
          external: mem.external,
          fds: fdCount(),
        });
      } else if (m.type === 'profile' && m.on) {
        profiler = new Session();
        profiler.connect();
        await profiler.post('Profiler.enable');
        await profiler.post('Profiler.start');
        await profiler.post('HeapProfiler.enable');
        // Objects that outlived a scavenge and died in a major collection are counted too: what fills the old space.
        await profiler.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true });
        send({ type: 'profiled', files: [] });
      } else if (m.type === 'profile' && profiler) {
        const { profile } = await profiler.post('Profiler.stop');
        const { profile: heap } = await profiler.post('HeapProfiler.stopSampling');
        const files = [`${m.file}.cpuprofile`, `${m.file}.heapprofile`];
        writeFileSync(files[0]!, JSON.stringify(profile));
        writeFileSync(files[1]!, JSON.stringify(heap));
        send({ type: 'profiled', files });
      } else if (m.type === 'stop') {
        await stop?.();
        send({ type: 'stopped' });
        process.disconnect();
      }
    })().catch((e: unknown) => {
      console.error(`tracker process: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exit(1);
    });
  });
  process.on('disconnect', () => process.exit(0));
}

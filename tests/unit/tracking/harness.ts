// What the tracker's unit tests run on: real stores in a temp directory, a manual clock, and named test doubles of
// Flink's REST endpoints (an in-memory fetch), of the Kubernetes side and of the access layer. Every wait is on an
// event or a call that would have come, never on time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeEvidence, TrackedEntry, TrackingChange } from '../../../shared/contracts/tracking';
import { defaultSettings, type Settings } from '../../../shared/settings';
import type { KubeChange, KubeRef, KubeSide } from '../../../electron/services/tracking/kube-evidence';
import type { RestAccess } from '../../../electron/services/tracking/rest-access';
import { Tracker } from '../../../electron/services/tracking/tracker';
import { TrackingStore } from '../../../electron/services/tracking/tracking-store';
import { entryOf, type NewEntry } from '../../../electron/services/tracking/hooks';
import { openStores, type Stores } from '../../../electron/services/store/stores';
import { ManualClock } from '../../helpers/manual-clock';
import { JOB } from './evidence';

type Behaviour = { jobs: { jid?: string; name?: string; state: string }[] } | 'refuse' | 'hang';

/** A test double of the JobManagers' REST endpoints: per origin, an answer, a refusal, or no answer until aborted. */
export class FetchDouble {
  /** GET /jobs/overview calls, per origin (the job-status loop's). */
  readonly calls = new Map<string, number>();
  /** Every other call (the metrics loop's). */
  metricsCalls = 0;
  /** GET /jobs/:id/checkpoints and …/checkpoints/config calls. */
  checkpointCalls = 0;
  configCalls = 0;
  /** What …/checkpoints/config says: the interval in ms, or a 404 (checkpointing off). */
  checkpointInterval: number | 'off' = 'off';
  /** GET /jobmanager/config and GET /taskmanagers calls (the memory reads). */
  readonly memoryCalls = { config: 0, taskManagers: 0 };
  /** The TaskManagers /overview and /taskmanagers show. */
  taskManagers = 1;
  /** taskmanager.memory.process.size in /jobmanager/config; absent where the sizes are set one by one. */
  configTaskManagerSize: string | undefined = '1728m';
  /** What …/checkpoints counts (the latest completed has the id `completed`). */
  readonly checkpointCounts = { completed: 1, failed: 0, in_progress: 0 };
  private readonly behaviour = new Map<string, Behaviour>();
  private readonly waiters: { origin: string; n: number; resolve: () => void }[] = [];
  /** Most calls in flight at once, per origin (rounds never overlap on a cluster). */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();

  set(origin: string, b: Behaviour): void {
    this.behaviour.set(origin, b);
  }

  count(origin: string): number {
    return this.calls.get(origin) ?? 0;
  }

  /** Resolves once `origin` has been called n times in all. */
  called(origin: string, n: number): Promise<void> {
    if (this.count(origin) >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ origin, n, resolve }));
  }

  readonly fetch = (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const origin = url.origin;
    if (!url.pathname.endsWith('/jobs/overview')) {
      this.metricsCalls++;
      return this.answer(url, this.behaviour.get(origin) ?? 'refuse', init);
    }
    this.calls.set(origin, this.count(origin) + 1);
    this.inFlight.set(origin, (this.inFlight.get(origin) ?? 0) + 1);
    this.maxInFlight.set(origin, Math.max(this.maxInFlight.get(origin) ?? 0, this.inFlight.get(origin)!));
    for (const w of this.waiters.filter((x) => x.origin === origin && this.count(origin) >= x.n)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve();
    }
    try {
      return await this.answer(url, this.behaviour.get(origin) ?? 'refuse', init);
    } finally {
      this.inFlight.set(origin, this.inFlight.get(origin)! - 1);
    }
  }) as typeof fetch;

  private async answer(url: URL, b: Behaviour, init?: RequestInit): Promise<Response> {
    {
      if (b === 'refuse') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
      if (b === 'hang')
        return await new Promise<Response>((_, reject) => {
          const signal = init?.signal;
          const aborted = () => reject(new DOMException('This operation was aborted', 'AbortError'));
          if (signal?.aborted) return aborted();
          signal?.addEventListener('abort', aborted, { once: true });
        });
      if (url.pathname.endsWith('/jobmanager/config')) {
        this.memoryCalls.config++;
        return Response.json([
          { key: 'jobmanager.memory.process.size', value: '1600m' },
          ...(this.configTaskManagerSize ? [{ key: 'taskmanager.memory.process.size', value: this.configTaskManagerSize }] : []),
          { key: 'taskmanager.numberOfTaskSlots', value: '2' },
        ]);
      }
      if (url.pathname.endsWith('/taskmanagers')) {
        this.memoryCalls.taskManagers++;
        return Response.json({
          taskmanagers: Array.from({ length: this.taskManagers }, (_, i) => ({
            id: `tm-${i}`,
            path: `pekko.tcp://flink@10.0.0.${i}:6122/user/rpc/taskmanager_0`,
            dataPort: 6121,
            timeSinceLastHeartbeat: 1,
            slotsNumber: 2,
            freeSlots: 1,
            memoryConfiguration: { totalFlinkMemory: 1_291_845_632, totalProcessMemory: 1_811_939_328 },
          })),
        });
      }
      if (url.pathname.endsWith('/overview') && !url.pathname.includes('jobs'))
        return Response.json({
          taskmanagers: this.taskManagers,
          'slots-total': 2,
          'slots-available': 1,
          'jobs-running': 1,
          'jobs-finished': 0,
          'jobs-cancelled': 0,
          'jobs-failed': 0,
        });
      if (url.pathname.endsWith('/checkpoints/config')) {
        this.configCalls++;
        return this.checkpointInterval === 'off'
          ? Response.json({ errors: ['Checkpointing is not enabled for this job (0).'] }, { status: 404 })
          : Response.json({ mode: 'exactly_once', interval: this.checkpointInterval, timeout: 600000 });
      }
      if (url.pathname.endsWith('/checkpoints')) {
        this.checkpointCalls++;
        const c = this.checkpointCounts;
        const id = c.completed + c.failed + c.in_progress;
        return Response.json({
          counts: { restored: 0, total: id, ...c },
          latest: {
            completed: { id: c.completed, status: 'COMPLETED', is_savepoint: false, trigger_timestamp: 5, latest_ack_timestamp: 6 },
          },
          history: [],
        });
      }
      return Response.json({
        jobs: b.jobs.map((j) => ({
          jid: j.jid ?? JOB,
          name: j.name ?? 'orders',
          state: j.state,
          'start-time': 1,
          'end-time': -1,
          duration: 1,
          'last-modification': 1,
          tasks: {},
        })),
      });
    }
  }
}

/** A test double of the Kubernetes side: evidence set by the test, changes pushed by it. */
export class FakeKubeSide implements KubeSide {
  readonly evidenceOf = new Map<string, KubeEvidence>();
  followed: KubeRef[] = [];
  closed = false;
  private readonly listeners = new Set<(c: KubeChange) => void>();
  follow(refs: KubeRef[]): void {
    this.followed = refs;
  }
  evidence(ref: KubeRef): Promise<KubeEvidence> {
    return Promise.resolve(
      this.evidenceOf.get(ref.clusterId) ?? { observedAt: 0, reachable: false, error: 'no evidence set', pods: [], events: [] },
    );
  }
  onChange(listener: (c: KubeChange) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
  push(c: KubeChange): void {
    for (const l of this.listeners) l(c);
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

/** A test double of the access layer: the REST URL given, else http://<clusterId>.test. */
export const fakeAccess: RestAccess = {
  resolve: ({ ref }) =>
    Promise.resolve(
      ref.kind === 'rest'
        ? { restUrl: ref.restUrl, via: 'REST URL' }
        : { restUrl: ref.restUrl ?? `http://${ref.clusterId}.test`, via: 'test double' },
    ),
};

export class Changes {
  readonly all: TrackingChange[] = [];
  private waiters: { pred: (c: TrackingChange) => boolean; resolve: (c: TrackingChange) => void }[] = [];
  emit = (_event: 'tracking.changed', c: TrackingChange) => {
    this.all.push(c);
    for (const w of this.waiters.filter((x) => x.pred(c))) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.resolve(c);
    }
  };
  /** The first change (already seen or to come) that matches. */
  next(pred: (c: TrackingChange) => boolean, from = 0): Promise<TrackingChange> {
    const seen = this.all.slice(from).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ pred, resolve }));
  }
  states(id: string, jobId?: string): string[] {
    return this.all.flatMap((c) => (c.kind === 'state' && c.id === id && c.jobId === jobId ? [c.to.state] : []));
  }
}

export const to = (id: string, state: string, jobId?: string) => (c: TrackingChange) =>
  c.kind === 'state' && c.id === id && c.to.state === state && (jobId === undefined || c.jobId === jobId);

export interface Harness {
  clock: ManualClock;
  stores: Stores;
  dir: string;
  rest: FetchDouble;
  kube: FakeKubeSide;
  changes: Changes;
  settings: Settings;
  tracker: Tracker;
  add(entry: NewEntry): TrackedEntry;
  /** Moves the clock by ms and waits until the calls it started are applied. */
  step(ms: number): Promise<void>;
  /** Another tracker over the same data directory (a restart of the services). */
  restart(): Tracker;
}

export function harness(
  settings: Partial<Settings> = {},
  dir = mkdtempSync(join(tmpdir(), 'flinkdesk-tracking-')),
  access: RestAccess = fakeAccess,
): Harness {
  const clock = new ManualClock();
  const stores = openStores(dir, () => clock.now());
  const rest = new FetchDouble();
  const kube = new FakeKubeSide();
  const changes = new Changes();
  const s: Settings = { ...defaultSettings, ...settings };
  const make = () =>
    new Tracker({
      store: new TrackingStore(stores.tracking, stores.history),
      settings: { get: () => s },
      events: { emit: changes.emit },
      clock,
      scheduler: clock,
      logger: { info() {}, warn() {}, error() {} },
      access,
      kube,
      fetch: rest.fetch,
      flushDelayMs: 0,
    });
  const h: Harness = {
    clock,
    stores,
    dir,
    rest,
    kube,
    changes,
    settings: s,
    tracker: make(),
    add: (e) => {
      const entry = entryOf(e.ref, { mode: e.mode, origin: e.origin }, clock.now());
      h.tracker.add(entry);
      return entry;
    },
    restart: () => (h.tracker = make()),
    step: async (ms) => {
      await clock.advance(ms);
      await h.tracker.settled();
      await clock.advance(0);
    },
  };
  return h;
}

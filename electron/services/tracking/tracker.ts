// The tracker: every tracked cluster (and its jobs) followed by two loops on ctx.scheduler.
// - Job status, at polling-interval-sec.job-status: one GET /jobs/overview per cluster, application or session (a
//   session cluster's jobs all come in that one answer). Each round has its AbortSignal, fired after the round
//   timeout. A cluster never has two calls in flight: a cluster still waiting from an earlier round is skipped, so
//   rounds never overlap on a cluster, and a slow or dead cluster holds only its own slot — the others are polled
//   at every tick, and each result is applied as it comes, not when the round ends.
// - Metrics, at polling-interval-sec.cluster-metric with its own timeout: /overview and the latest checkpoints.
// Every result goes through the pure inference (infer-state.ts); only state changes are emitted (tracking.changed)
// and stored (tracking-store.ts), batched per round. Kubernetes changes (a deleted Deployment, a crashing pod) are
// applied when they happen.
import type { ClusterMetrics, StateView, TrackedClusterView, TrackedEntry, TrackingList } from '../../../shared/contracts/tracking';
import type { Events } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { FlinkRestClient } from '../flink/rest-client';
import type { Clock, Logger, Scheduler } from '../ports';
import { inferState, toPrevious, type RestObservation, type Subject } from './infer-state';
import type { KubeChange, KubeRef, KubeSide } from './kube-evidence';
import { Loop } from './loop';
import { readMetrics } from './metrics';
import type { RestAccess, RestEndpoint } from './rest-access';
import { fromPersisted, idOf, type ClusterRecord, type TrackingStore, type Transition } from './tracking-store';
import type { Settings } from '../../../shared/settings';

export interface TrackerDeps {
  store: TrackingStore;
  settings: { get(): Settings };
  events: { emit<E extends 'tracking.changed'>(event: E, payload: Events[E]): void };
  clock: Clock;
  scheduler: Scheduler;
  logger: Logger;
  access: RestAccess;
  kube: KubeSide;
  /** Tests pass a test double of Flink's REST endpoints; the default is Node's fetch. */
  fetch?: typeof fetch;
  /** How long state writes are gathered before one store write (a round's results arrive over time). */
  flushDelayMs?: number;
}

interface JobRuntime {
  name: string;
  startTime?: number;
  state: StateView;
  fresh: boolean;
}

interface Runtime {
  entry: TrackedEntry;
  state: StateView;
  /** Not inferred yet since it was added: the first inference has no previous state. */
  fresh: boolean;
  jobs: Map<string, JobRuntime>;
  endpoint?: RestEndpoint;
  accessProblem?: string;
  inFlight?: Promise<void>;
  metricsInFlight?: Promise<void>;
  metrics?: ClusterMetrics;
}

/** Jobs kept per session cluster: the ended ones go first. */
const MAX_JOBS = 100;

const kubeRefOf = (e: TrackedEntry): KubeRef | undefined =>
  e.ref.kind === 'kube'
    ? {
        context: e.ref.context,
        namespace: e.ref.namespace,
        clusterId: e.ref.clusterId,
        ...(e.ref.kubeconfig ? { kubeconfig: e.ref.kubeconfig } : {}),
      }
    : undefined;

const changed = (a: StateView, b: StateView) => a.state !== b.state || a.source !== b.source;

export class Tracker {
  private readonly runtimes = new Map<string, Runtime>();
  private readonly statusLoop: Loop;
  private readonly metricsLoop: Loop;
  private following = false;
  private stopped = false;
  private readonly stopController = new AbortController();
  private pending: Transition[] = [];
  private dirty = new Set<string>();
  private flushTimer: { cancel(): void } | undefined;
  private readonly offKube: () => void;
  /** Calls made, per kind (tests, the benchmark). */
  readonly calls = { status: 0, metrics: 0 };

  constructor(private readonly deps: TrackerDeps) {
    const s = () => deps.settings.get();
    this.statusLoop = new Loop(
      deps.scheduler,
      deps.clock,
      () => s()['flink-k8s.tracking.polling-interval-sec.job-status'] * 1000,
      () => {
        void this.round();
      },
    );
    this.metricsLoop = new Loop(
      deps.scheduler,
      deps.clock,
      () => s()['flink-k8s.tracking.polling-interval-sec.cluster-metric'] * 1000,
      () => {
        void this.metricsRound();
      },
    );
    this.offKube = deps.kube.onChange((c) => this.onKubeChange(c));
    this.sync();
  }

  get isFollowing(): boolean {
    return this.following;
  }

  /** Starts the loops (idempotent). */
  follow(): void {
    if (this.following || this.stopped) return;
    this.following = true;
    this.sync();
    this.statusLoop.start();
    this.metricsLoop.start();
  }

  /** A setting changed: the loops are re-timed now, the timeouts and keep time apply from the next round. */
  settingsChanged(): void {
    this.statusLoop.retime();
    this.metricsLoop.retime();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.following = false;
    this.statusLoop.stop();
    this.metricsLoop.stop();
    this.stopController.abort();
    this.offKube();
    await Promise.allSettled([...this.runtimes.values()].flatMap((r) => (r.inFlight ? [r.inFlight] : [])));
    this.flush();
    await this.deps.kube.close();
  }

  /** Reconciles the runtimes with the stored tracked set (another process may have added or removed some). */
  sync(): void {
    const doc = this.deps.store.read();
    const now = this.deps.clock.now();
    const ids = new Set(doc.tracked.map((e) => e.id));
    for (const [id] of this.runtimes)
      if (!ids.has(id)) {
        this.runtimes.delete(id);
        this.deps.events.emit('tracking.changed', { kind: 'removed', id, at: now });
      }
    for (const entry of doc.tracked) {
      const r = this.runtimes.get(entry.id);
      if (r) {
        r.entry = { ...entry, mode: r.entry.mode !== 'unknown' ? r.entry.mode : entry.mode };
        continue;
      }
      this.runtimes.set(entry.id, {
        entry,
        state: entry.state
          ? fromPersisted(entry.state, now)
          : {
              state: 'SILENT',
              source: 'inferred',
              reason: 'Not polled yet',
              since: entry.addedAt,
              final: false,
              problems: [],
              evidence: {},
            },
        fresh: !entry.state,
        jobs: new Map(entry.jobs.map((j) => [j.id, { name: j.name, state: fromPersisted(j.state, now), fresh: false }])),
      });
    }
    if (this.following) this.deps.kube.follow([...this.runtimes.values()].flatMap((r) => kubeRefOf(r.entry) ?? []));
  }

  add(entry: TrackedEntry): TrackedClusterView {
    const stored = this.deps.store.add(entry);
    this.sync();
    const r = this.runtimes.get(stored.id)!;
    if (this.following && !r.inFlight) void this.pollWithDeadline(r);
    return this.view(r, this.deps.clock.now());
  }

  remove(id: string): boolean {
    const found = this.deps.store.remove(id, true);
    if (this.runtimes.delete(id)) this.deps.events.emit('tracking.changed', { kind: 'removed', id, at: this.deps.clock.now() });
    this.sync();
    return found;
  }

  list(): TrackingList {
    this.sync();
    const now = this.deps.clock.now();
    const clusters = [...this.runtimes.values()].map((r) => this.view(r, now)).sort((a, b) => a.id.localeCompare(b.id));
    return { now, clusters, following: this.following };
  }

  /** One job-status round: every cluster without a call in flight gets one; resolves when they have all settled. */
  round(): Promise<void> {
    this.sync();
    const timeoutMs = this.deps.settings.get()['flink-k8s.tracking.polling-task-timeout-sec.job-status'] * 1000;
    const round = new AbortController();
    const timer = this.deps.scheduler.setTimeout(() => round.abort(), timeoutMs);
    const polls = [...this.runtimes.values()].filter((r) => !r.inFlight).map((r) => this.poll(r, round.signal, timeoutMs));
    return Promise.allSettled(polls).then(() => timer.cancel());
  }

  /** Resolves when the calls in flight now have been applied (tests, refresh). */
  settled(): Promise<void> {
    const all = [...this.runtimes.values()].flatMap((r) => [r.inFlight, r.metricsInFlight].filter((p) => p !== undefined));
    return Promise.allSettled(all).then(() => undefined);
  }

  /** Waits for every call in flight, then runs a round (tracking.list with refresh). */
  async refresh(): Promise<void> {
    await this.settled();
    await this.round();
    this.flush();
  }

  private pollWithDeadline(r: Runtime): Promise<void> {
    const timeoutMs = this.deps.settings.get()['flink-k8s.tracking.polling-task-timeout-sec.job-status'] * 1000;
    const c = new AbortController();
    const timer = this.deps.scheduler.setTimeout(() => c.abort(), timeoutMs);
    return this.poll(r, c.signal, timeoutMs).finally(() => timer.cancel());
  }

  private poll(r: Runtime, roundSignal: AbortSignal, timeoutMs: number): Promise<void> {
    const signal = AbortSignal.any([roundSignal, this.stopController.signal]);
    const p = (async () => {
      this.calls.status++;
      const rest = await this.observe(r, signal, timeoutMs);
      if (this.stopped || this.runtimes.get(r.entry.id) !== r) return;
      const ref = kubeRefOf(r.entry);
      // The Kubernetes read has its own deadline: a REST call that used up the round must not leave it unread.
      const kube = ref ? await this.deps.kube.evidence(ref, { confirm: !rest.ok, signal: this.stopController.signal }) : undefined;
      if (this.stopped || this.runtimes.get(r.entry.id) !== r) return;
      this.apply(r, rest, kube);
    })()
      .catch((e: unknown) =>
        this.deps.logger.error('tracking poll failed', { id: r.entry.id, error: e instanceof Error ? e.message : String(e) }),
      )
      .finally(() => {
        if (r.inFlight === p) r.inFlight = undefined;
      });
    r.inFlight = p;
    return p;
  }

  private async observe(r: Runtime, signal: AbortSignal, timeoutMs: number): Promise<RestObservation> {
    try {
      r.endpoint ??= await this.deps.access.resolve(r.entry.ref, signal);
      r.accessProblem = undefined;
      const client = this.client(r.endpoint.restUrl, timeoutMs);
      const jobs = await client.jobsOverview({ signal });
      return {
        ok: true,
        at: this.deps.clock.now(),
        jobs: jobs.map((j) => ({ id: j.jid, name: j.name, state: j.state, startTime: j['start-time'] })),
      };
    } catch (e) {
      let error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'internal', message: String(e) };
      if (signal.aborted && !this.stopped)
        error = { code: 'timeout', message: `no answer within the round timeout (${Math.round(timeoutMs / 1000)} s)` };
      if (!r.endpoint) r.accessProblem = error.message;
      // A resolved address may have moved (a new node, a LoadBalancer provisioned): found again next round.
      else if (r.entry.ref.kind === 'kube' && !r.entry.ref.restUrl) r.endpoint = undefined;
      return { ok: false, at: this.deps.clock.now(), error };
    }
  }

  private client(restUrl: string, timeoutMs: number): FlinkRestClient {
    return new FlinkRestClient({ restUrl, timeoutMs, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  private apply(r: Runtime, rest: RestObservation | undefined, kube: Awaited<ReturnType<KubeSide['evidence']>> | undefined): void {
    const now = this.deps.clock.now();
    const keepMs = this.deps.settings.get()['flink-k8s.tracking.silent-state-keep-sec'] * 1000;
    let dirty = false;
    const mode = kube?.deployment?.mode;
    if (mode && r.entry.mode !== mode) {
      r.entry = { ...r.entry, mode };
      dirty = true;
    }
    const application = r.entry.mode === 'application';
    const subject: Subject = application ? { kind: 'application' } : { kind: 'session-cluster' };
    const base = { now, keepMs, ...(rest ? { rest } : {}), ...(kube ? { kube } : {}) };

    const ids = new Set([...r.jobs.keys(), ...(rest?.ok ? rest.jobs.map((j) => j.id) : [])]);
    for (const id of ids) {
      const job = r.jobs.get(id);
      const listed = rest?.ok ? rest.jobs.find((j) => j.id === id) : undefined;
      const next = inferState({
        ...base,
        subject: { kind: 'job', jobId: id, inSession: !application },
        ...(job && !job.fresh ? { previous: toPrevious(job.state) } : {}),
      });
      const name = listed?.name ?? job?.name ?? '';
      const startTime = listed?.startTime ?? job?.startTime;
      if (!job || changed(job.state, next)) {
        dirty = true;
        // An application cluster's own state is its job's: one change, announced once, for the cluster.
        if (!application) this.transition(r, next, job?.state, id, name);
      }
      r.jobs.set(id, { name, ...(startTime !== undefined ? { startTime } : {}), state: next, fresh: false });
    }
    this.boundJobs(r);

    const next = inferState({ ...base, subject, ...(!r.fresh ? { previous: toPrevious(r.state) } : {}) });
    if (r.fresh || changed(r.state, next)) {
      dirty = true;
      const newest = rest?.ok ? [...rest.jobs].sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0))[0] : undefined;
      this.transition(r, next, r.fresh ? undefined : r.state, undefined, undefined, application ? newest : undefined);
    }
    r.state = next;
    r.fresh = false;
    if (dirty) this.markDirty(r.entry.id);
  }

  private transition(
    r: Runtime,
    to: StateView,
    from: StateView | undefined,
    jobId?: string,
    jobName?: string,
    appJob?: { id: string; name: string },
  ): void {
    const at = this.deps.clock.now();
    const name = jobName ?? appJob?.name;
    this.pending.push({ id: r.entry.id, ...(jobId ? { jobId } : {}), ...(name ? { jobName: name } : {}), at, to });
    this.deps.events.emit('tracking.changed', {
      kind: 'state',
      id: r.entry.id,
      ...(jobId ? { jobId } : {}),
      ...(jobName ? { jobName } : {}),
      ...(appJob ? { job: { id: appJob.id, name: appJob.name } } : {}),
      ...(from ? { from: { state: from.state, source: from.source } } : {}),
      to,
      at,
    });
  }

  private boundJobs(r: Runtime): void {
    if (r.jobs.size <= MAX_JOBS) return;
    const ended = [...r.jobs.entries()].filter(([, j]) => j.state.final).sort((a, b) => a[1].state.since - b[1].state.since);
    for (const [id] of ended.slice(0, r.jobs.size - MAX_JOBS)) r.jobs.delete(id);
  }

  private markDirty(id: string): void {
    this.dirty.add(id);
    if (this.flushTimer || this.stopped) return;
    this.flushTimer = this.deps.scheduler.setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.deps.flushDelayMs ?? 250);
  }

  /** Writes the gathered states and transitions (one store write). */
  flush(): void {
    this.flushTimer?.cancel();
    this.flushTimer = undefined;
    const records: ClusterRecord[] = [];
    for (const id of this.dirty) {
      const r = this.runtimes.get(id);
      if (r)
        records.push({
          id,
          mode: r.entry.mode,
          state: r.state,
          jobs: [...r.jobs.entries()].map(([jid, j]) => ({ id: jid, name: j.name, state: j.state })),
        });
    }
    const transitions = this.pending;
    this.dirty = new Set();
    this.pending = [];
    try {
      this.deps.store.write(records, transitions);
    } catch (e) {
      this.deps.logger.error('tracking state could not be stored', { error: e instanceof Error ? e.message : String(e) });
    }
  }

  private onKubeChange(c: KubeChange): void {
    const r = this.runtimes.get(idOf({ kind: 'kube', ...c.ref }));
    if (!r || !this.following || r.fresh) return;
    if (c.what === 'deployment-deleted') {
      // At once, from the watch: the inference reads the Deployment as gone; the next poll adds Flink's last word.
      void this.deps.kube
        .evidence(c.ref, { confirm: false, signal: this.stopController.signal })
        .then((k) => !this.stopped && this.runtimes.get(r.entry.id) === r && this.apply(r, undefined, k));
      return;
    }
    if (r.inFlight) return;
    void this.deps.kube
      .evidence(c.ref, { confirm: false, signal: this.stopController.signal })
      .then((k) => !this.stopped && !r.inFlight && this.runtimes.get(r.entry.id) === r && this.apply(r, undefined, k));
  }

  private metricsRound(): void {
    const timeoutMs = this.deps.settings.get()['flink-k8s.tracking.polling-task-timeout-sec.cluster-metric'] * 1000;
    const round = new AbortController();
    const timer = this.deps.scheduler.setTimeout(() => round.abort(), timeoutMs);
    const signal = AbortSignal.any([round.signal, this.stopController.signal]);
    const polls = [...this.runtimes.values()]
      .filter((r) => r.endpoint && !r.metricsInFlight && !r.state.final)
      .map((r) => {
        this.calls.metrics++;
        const running = [...r.jobs.entries()].filter(([, j]) => j.state.state === 'RUNNING').map(([id]) => id);
        const p = readMetrics(this.client(r.endpoint!.restUrl, timeoutMs), running, signal, () => this.deps.clock.now())
          .then((m) => void (r.metrics = m))
          .catch((e: unknown) => {
            const message = signal.aborted
              ? `no answer within the metrics round timeout (${Math.round(timeoutMs / 1000)} s)`
              : e instanceof Error
                ? e.message
                : String(e);
            r.metrics = { ...(r.metrics ?? emptyMetrics(this.deps.clock.now())), error: message };
          })
          .finally(() => (r.metricsInFlight = undefined));
        r.metricsInFlight = p;
        return p;
      });
    void Promise.allSettled(polls).then(() => timer.cancel());
  }

  private view(r: Runtime, now: number): TrackedClusterView {
    const e = r.entry;
    const last = r.state.evidence.lastSuccessAt;
    return {
      id: e.id,
      ref: e.ref,
      mode: e.mode,
      origin: e.origin,
      ...(e.jobName ? { jobName: e.jobName } : {}),
      addedAt: e.addedAt,
      ...(r.endpoint
        ? { access: { restUrl: r.endpoint.restUrl, via: r.endpoint.via } }
        : r.accessProblem
          ? { access: { via: 'none', problem: r.accessProblem } }
          : {}),
      state: r.state,
      jobs: [...r.jobs.entries()]
        .map(([id, j]) => ({ id, name: j.name, ...(j.startTime !== undefined ? { startTime: j.startTime } : {}), state: j.state }))
        .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0)),
      ...(r.metrics ? { metrics: r.metrics } : {}),
      ...(last !== undefined ? { lastPollAgeMs: now - last } : {}),
    };
  }
}

function emptyMetrics(at: number): ClusterMetrics {
  return {
    at,
    taskManagers: 0,
    slotsTotal: 0,
    slotsAvailable: 0,
    jobsRunning: 0,
    jobsFinished: 0,
    jobsCancelled: 0,
    jobsFailed: 0,
    checkpoints: [],
  };
}

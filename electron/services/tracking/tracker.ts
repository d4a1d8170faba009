// The tracker: every tracked cluster (and its jobs) followed by two loops on ctx.scheduler.
// - Job status, at polling-interval-sec.job-status: one GET /jobs/overview per cluster, application or session (a
//   session cluster's jobs all come in that one answer; rest-observation.ts). Each round has its AbortSignal, fired
//   after the round timeout or when the services stop (abort-scope.ts). A cluster never has two calls in flight: a
//   cluster still waiting from an earlier round is skipped, so rounds never overlap on a cluster, and a slow or dead
//   cluster holds only its own slot — the others are polled at every tick, and each result is applied as it comes,
//   not when the round ends.
// - Metrics, at polling-interval-sec.cluster-metric with its own timeout (metrics-round.ts). A cluster's first metrics
//   are read as soon as it first answers, and again when one of its jobs turns RUNNING, not at the next metrics tick:
//   at the start of the loops no endpoint is known and no job is RUNNING yet (a port-forward takes a moment), so a
//   metrics round then would read nothing, and TaskManagers, slots and checkpoints would wait a whole interval.
// Every result goes through the pure inference (apply-evidence.ts); only state changes are emitted and stored
// (state-writer.ts), batched per round. Kubernetes changes (a deleted Deployment, a crashing pod) are applied when
// they happen.
import { setMaxListeners } from 'node:events';
import type { AccessMode, KubeEvidence, TrackedClusterView, TrackedEntry, TrackingList } from '../../../shared/contracts/tracking';
import type { Events } from '../../../shared/contract';
import type { Clock, Logger, Scheduler } from '../ports';
import { abortScope } from '../runtime/abort-scope';
import { inSlices } from '../runtime/in-slices';
import { applyEvidence, type StateChange } from './apply-evidence';
import { viewOf } from './cluster-view';
import type { RestObservation } from './infer-state';
import type { KubeChange, KubeSide } from './kube-evidence';
import { Loop } from './loop';
import { metricsRound } from './metrics-round';
import type { RestAccess } from './rest-access';
import { observeRest } from './rest-observation';
import { isGone, kubeRefOf, runtimeOf, SLICE, type Runtime } from './runtime';
import { StateWriter } from './state-writer';
import { idOf, type TrackingStore } from './tracking-store';
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

export class Tracker {
  private readonly runtimes = new Map<string, Runtime>();
  private readonly statusLoop: Loop;
  private readonly metricsLoop: Loop;
  private readonly writer: StateWriter;
  private following = false;
  private stopped = false;
  private readonly stopController = new AbortController();
  private readonly offKube: () => void;
  /** Calls made, per kind (tests, the benchmark). */
  readonly calls = { status: 0, metrics: 0 };
  /** The settings as read at the start of the current round: each result applied reads these, not the settings file
   * (a stat and a parse, a thousand times a round). A change made by another process counts from the next round. */
  private roundSettings: Settings;
  /** The stored document's revision at the last sync. */
  private syncedRevision: string | undefined;
  /** Rounds still starting their calls, a slice at a time. */
  private readonly startingRounds = new Set<Promise<void>>();

  constructor(private readonly deps: TrackerDeps) {
    const s = () => deps.settings.get();
    this.roundSettings = s();
    this.writer = new StateWriter({
      store: deps.store,
      events: deps.events,
      clock: deps.clock,
      scheduler: deps.scheduler,
      logger: deps.logger,
      flushDelayMs: deps.flushDelayMs ?? 250,
      runtime: (id) => this.runtimes.get(id),
    });
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
      () => void this.metricsRound(),
    );
    // Each round (and each poll outside one) listens on it until it ends; rounds longer than the interval overlap.
    setMaxListeners(0, this.stopController.signal);
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
    // Its first round would find nothing to read: each cluster's first metrics come with its first answer (apply()).
    this.metricsLoop.start(true);
  }

  /** A setting changed: the loops are re-timed now, the timeouts and keep time apply from the next round. */
  settingsChanged(): void {
    this.roundSettings = this.deps.settings.get();
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
    this.writer.stop();
    this.offKube();
    await Promise.allSettled([...this.runtimes.values()].flatMap((r) => (r.inFlight ? [r.inFlight] : [])));
    this.flush();
    await this.deps.kube.close();
  }

  /** Reconciles the runtimes with the stored tracked set (another process may have added or removed some). */
  sync(): void {
    this.syncedRevision = this.deps.store.revision();
    const doc = this.deps.store.read();
    const now = this.deps.clock.now();
    const ids = new Set(doc.tracked.map((e) => e.id));
    for (const [id] of this.runtimes)
      if (!ids.has(id)) {
        this.runtimes.delete(id);
        this.release(id);
        this.deps.events.emit('tracking.changed', { kind: 'removed', id, at: now });
      }
    for (const entry of doc.tracked) {
      const r = this.runtimes.get(entry.id);
      if (r) {
        // A way pinned (or unpinned) by another process: found anew at the next poll.
        if (entry.access !== r.entry.access) r.endpoint = undefined;
        r.entry = { ...entry, mode: r.entry.mode !== 'unknown' ? r.entry.mode : entry.mode };
        continue;
      }
      this.runtimes.set(entry.id, runtimeOf(entry, now));
    }
    if (this.following) this.deps.kube.follow([...this.runtimes.values()].flatMap((r) => kubeRefOf(r.entry) ?? []));
  }

  add(entry: TrackedEntry): TrackedClusterView {
    const stored = this.deps.store.add(entry);
    this.sync();
    const r = this.runtimes.get(stored.id)!;
    if (this.following && !r.inFlight) void this.pollWithDeadline(r);
    return viewOf(r, this.deps.clock.now(), this.deps.access);
  }

  remove(id: string): boolean {
    const found = this.deps.store.remove(id, true);
    if (this.runtimes.delete(id)) {
      this.release(id);
      this.deps.events.emit('tracking.changed', { kind: 'removed', id, at: this.deps.clock.now() });
    }
    this.sync();
    return found;
  }

  /** Pins the way a cluster on Kubernetes is reached (or back to auto); polled that way at once when following. */
  setAccess(id: string, access: AccessMode): TrackedClusterView | undefined {
    if (!this.deps.store.setAccess(id, access)) return undefined;
    this.sync();
    const r = this.runtimes.get(id)!;
    r.endpoint = undefined;
    if (this.following && !r.inFlight) void this.pollWithDeadline(r);
    return viewOf(r, this.deps.clock.now(), this.deps.access);
  }

  list(): TrackingList {
    this.sync();
    const now = this.deps.clock.now();
    const clusters = [...this.runtimes.values()].map((r) => viewOf(r, now, this.deps.access)).sort((a, b) => a.id.localeCompare(b.id));
    return { now, clusters, following: this.following };
  }

  /** One job-status round: every cluster without a call in flight gets one; resolves when they have all settled. */
  round(): Promise<void> {
    // Another process may have changed the tracked set; reading the document is a copy of all of it, so only then.
    const revision = this.deps.store.revision();
    if (revision === undefined || revision !== this.syncedRevision) this.sync();
    this.roundSettings = this.deps.settings.get();
    const timeoutMs = this.roundSettings['flink-k8s.tracking.polling-task-timeout-sec.job-status'] * 1000;
    // One signal for the round's calls: its timeout, or the services stopping.
    const round = abortScope(this.stopController.signal);
    const timer = this.deps.scheduler.setTimeout(() => round.controller.abort(), timeoutMs);
    const polls: Promise<void>[] = [];
    // A slice of clusters at a time (in-slices.ts): a cluster polled meanwhile (a Kubernetes change, an add) is skipped.
    const started = this.starting(
      inSlices([...this.runtimes.values()], SLICE, (r) => {
        if (!r.inFlight && this.current(r) && !round.signal.aborted) polls.push(this.poll(r, round.signal, timeoutMs));
      }),
    );
    return started
      .then(() => Promise.allSettled(polls))
      .then(() => {
        timer.cancel();
        round.dispose();
      });
  }

  /** Keeps a round's starting of calls until it is done, for settled(). */
  private starting(p: Promise<void>): Promise<void> {
    this.startingRounds.add(p);
    return p.finally(() => this.startingRounds.delete(p));
  }

  /** Resolves when the calls in flight now have been applied (tests, refresh). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.startingRounds]);
    const all = [...this.runtimes.values()].flatMap((r) => [r.inFlight, r.metricsInFlight].filter((p) => p !== undefined));
    await Promise.allSettled(all);
  }

  /** Waits for every call in flight, then runs a round and then a metrics round, so that a one-off list (tracking.list
   * with refresh: the CLI's status, the page's Refresh) shows TaskManagers, slots and checkpoints too. */
  async refresh(): Promise<void> {
    await this.settled();
    await this.round();
    // Only where Flink just answered: a cluster that did not would hold the list up for another timeout.
    await this.metricsRound([...this.runtimes.values()].filter((r) => r.state.source === 'flink'));
    this.flush();
  }

  /** Writes the gathered states and transitions (one store write). */
  flush(): void {
    this.writer.flush();
  }

  private pollWithDeadline(r: Runtime): Promise<void> {
    const timeoutMs = this.deps.settings.get()['flink-k8s.tracking.polling-task-timeout-sec.job-status'] * 1000;
    const c = abortScope(this.stopController.signal);
    const timer = this.deps.scheduler.setTimeout(() => c.controller.abort(), timeoutMs);
    return this.poll(r, c.signal, timeoutMs).finally(() => {
      timer.cancel();
      c.dispose();
    });
  }

  /** `signal`: the round's, which the services' stop aborts too. */
  private poll(r: Runtime, signal: AbortSignal, timeoutMs: number): Promise<void> {
    const p = (async () => {
      // A cluster known gone has nothing left to answer: only its Deployment is looked at (a redeploy brings it back).
      const gone = isGone(r);
      if (gone) this.release(r.entry.id);
      else this.calls.status++;
      const rest = gone
        ? undefined
        : await observeRest(r, signal, timeoutMs, {
            access: this.deps.access,
            clock: this.deps.clock,
            ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
            stopped: () => this.stopped,
          });
      if (!this.current(r)) return;
      const ref = kubeRefOf(r.entry);
      // The Kubernetes read has its own deadline: a REST call that used up the round must not leave it unread.
      const kube = ref
        ? await this.deps.kube.evidence(ref, { confirm: rest ? !rest.ok : false, signal: this.stopController.signal })
        : undefined;
      if (!this.current(r)) return;
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

  /** Closes what reaches a cluster (its local proxy and port-forward): it is no longer tracked, or it is gone. */
  private release(id: string): void {
    const r = this.runtimes.get(id);
    if (r) r.endpoint = undefined;
    void this.deps.access
      .release?.(id)
      .catch((e: unknown) =>
        this.deps.logger.warn('tracking: closing the access failed', { id, error: e instanceof Error ? e.message : String(e) }),
      );
  }

  /** Whether a result for `r` still counts: the tracker runs and `r` is still the cluster's runtime. */
  private current(r: Runtime): boolean {
    return !this.stopped && this.runtimes.get(r.entry.id) === r;
  }

  private apply(r: Runtime, rest: RestObservation | undefined, kube: KubeEvidence | undefined): void {
    const now = this.deps.clock.now();
    const keepMs = this.roundSettings['flink-k8s.tracking.silent-state-keep-sec'] * 1000;
    let turnedRunning = false;
    const announce = (c: StateChange) => {
      if (c.to.state === 'RUNNING') turnedRunning = true;
      this.writer.transition(r, c);
    };
    if (applyEvidence(r, rest, kube, { now, keepMs }, announce)) this.writer.markDirty(r.entry.id);
    // Its first answer, or a job now running (its checkpoints, the TaskManagers it got): its metrics now.
    if (rest?.ok && this.following && !r.metricsInFlight && (r.metrics === undefined || turnedRunning)) void this.metricsRound([r]);
  }

  private onKubeChange(c: KubeChange): void {
    const r = this.runtimes.get(idOf({ kind: 'kube', ...c.ref }));
    if (!r || !this.following || r.fresh) return;
    const evidence = () => this.deps.kube.evidence(c.ref, { confirm: false, signal: this.stopController.signal });
    if (c.what === 'deployment-deleted') {
      // At once, from the watch: the inference reads the Deployment as gone; the next poll adds Flink's last word.
      void evidence().then((k) => this.current(r) && this.apply(r, undefined, k));
      return;
    }
    if (r.inFlight) return;
    void evidence().then((k) => this.current(r) && !r.inFlight && this.apply(r, undefined, k));
  }

  private metricsRound(runtimes: Runtime[] = [...this.runtimes.values()]): Promise<void> {
    const timeoutMs = this.roundSettings['flink-k8s.tracking.polling-task-timeout-sec.cluster-metric'] * 1000;
    return metricsRound(runtimes, timeoutMs, {
      clock: this.deps.clock,
      scheduler: this.deps.scheduler,
      ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}),
      stopSignal: this.stopController.signal,
      counted: () => this.calls.metrics++,
      starting: (p) => void this.starting(p),
    });
  }
}

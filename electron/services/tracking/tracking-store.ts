// The tracked set and last states in the tracking repository, and every state transition in the history (never a
// poll that changed nothing). Writes are batched per round and made under the repository's lock with a re-read:
// when the app and a CLI that follows both see a transition, whichever writes second finds it stored and appends no
// second history line.
import type { AccessMode, PersistedState, StateView, TrackedEntry, TrackedRef, TrackingDoc } from '../../../shared/contracts/tracking';
import type { HistoryLog } from '../store/history-log';
import type { Repository } from '../store/json-repository';

export const HISTORY_KIND = 'tracking.state';

export function idOf(ref: TrackedRef): string {
  return ref.kind === 'rest' ? `rest:${ref.restUrl}` : `kube:${ref.context}/${ref.namespace}/${ref.clusterId}`;
}

export function toPersisted(v: StateView): PersistedState {
  return {
    state: v.state,
    source: v.source,
    reason: v.reason,
    since: v.since,
    final: v.final,
    ...(v.evidence.lastSuccessAt !== undefined ? { lastSuccessAt: v.evidence.lastSuccessAt } : {}),
    ...(v.evidence.lastFlinkState ? { lastFlinkState: v.evidence.lastFlinkState } : {}),
    ...(v.evidence.silentSince !== undefined ? { silentSince: v.evidence.silentSince } : {}),
  };
}

/**
 * A stored state as a view, when the services start again. The silence clock starts again too: nothing was
 * observed while no process tracked, which is not the same as a cluster that did not answer.
 */
export function fromPersisted(p: PersistedState, now: number): StateView {
  const silentSince = p.state === 'SILENT' ? now : p.silentSince;
  return {
    state: p.state,
    source: p.source,
    reason: p.reason,
    since: p.since,
    final: p.final,
    problems: [],
    evidence: {
      ...(p.lastSuccessAt !== undefined ? { lastSuccessAt: p.lastSuccessAt } : {}),
      ...(p.lastFlinkState ? { lastFlinkState: p.lastFlinkState } : {}),
      ...(silentSince !== undefined ? { silentSince } : {}),
    },
  };
}

export interface Transition {
  id: string;
  jobId?: string;
  jobName?: string;
  at: number;
  to: StateView;
}

/** What one cluster looks like after a round, to store. */
export interface ClusterRecord {
  id: string;
  mode: TrackedEntry['mode'];
  state: StateView;
  jobs: { id: string; name: string; state: StateView }[];
}

export class TrackingStore {
  constructor(
    private readonly repo: Repository<TrackingDoc>,
    private readonly history: HistoryLog,
  ) {}

  read(): TrackingDoc {
    return this.repo.read();
  }

  /** Changes whenever the stored document does (Repository.revision). */
  revision(): string | undefined {
    return this.repo.revision();
  }

  add(entry: TrackedEntry): TrackedEntry {
    let out = entry;
    this.repo.update((doc) => {
      const existing = doc.tracked.find((e) => e.id === entry.id);
      if (existing) {
        out = existing;
        return { ...doc, dismissed: doc.dismissed.filter((d) => d !== entry.id) };
      }
      return { tracked: [...doc.tracked, entry], dismissed: doc.dismissed.filter((d) => d !== entry.id) };
    });
    return out;
  }

  /** Pins the way a cluster on Kubernetes is reached (auto: none pinned). False when it is not tracked. */
  setAccess(id: string, access: AccessMode): boolean {
    let found = false;
    this.repo.update((doc) => {
      found = doc.tracked.some((e) => e.id === id);
      const tracked = doc.tracked.map((e) => {
        if (e.id !== id) return e;
        const { access: _old, ...rest } = e;
        return access === 'auto' ? rest : { ...rest, access };
      });
      return { ...doc, tracked };
    });
    return found;
  }

  /** Forgets a cluster; `dismiss` keeps a saved job's deploy from bringing it back. False when it was not tracked. */
  remove(id: string, dismiss: boolean): boolean {
    let found = false;
    this.repo.update((doc) => {
      found = doc.tracked.some((e) => e.id === id);
      return {
        tracked: doc.tracked.filter((e) => e.id !== id),
        dismissed: dismiss && !doc.dismissed.includes(id) ? [...doc.dismissed, id] : doc.dismissed,
      };
    });
    return found;
  }

  /** Stores the clusters' states and appends each transition not stored yet (by this process or another). */
  write(records: ClusterRecord[], transitions: Transition[]): void {
    if (records.length === 0 && transitions.length === 0) return;
    const byId = new Map(records.map((r) => [r.id, r]));
    this.repo.update((doc) => {
      const tracked = doc.tracked.map((e) => {
        const r = byId.get(e.id);
        if (!r) return e;
        const last = new Map<string, { state: string; source: string } | undefined>();
        for (const t of transitions.filter((x) => x.id === e.id)) {
          const key = t.jobId ?? '';
          const stored = last.has(key) ? last.get(key) : t.jobId ? e.jobs.find((j) => j.id === t.jobId)?.state : e.state;
          last.set(key, t.to);
          if (stored && stored.state === t.to.state && stored.source === t.to.source) continue;
          this.history.append({
            at: t.at,
            kind: HISTORY_KIND,
            subject: e.id,
            ...(t.jobId ? { jobId: t.jobId } : {}),
            ...(t.jobName ? { jobName: t.jobName } : {}),
            ...(stored ? { from: stored.state, fromSource: stored.source } : {}),
            to: t.to.state,
            source: t.to.source,
            reason: t.to.reason,
          });
        }
        return {
          ...e,
          mode: r.mode,
          state: toPersisted(r.state),
          jobs: r.jobs.map((j) => ({ id: j.id, name: j.name, state: toPersisted(j.state) })),
        };
      });
      return { ...doc, tracked };
    });
  }
}

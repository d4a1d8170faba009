// Every tracking.changed event of a test's services, with the moment it arrived (performance.now()), so a test
// waits on the change it expects — already seen, or still to come — instead of sleeping, and can time it.
import type { TrackingChange } from '../../shared/contracts/tracking';

export type StateChange = Extract<TrackingChange, { kind: 'state' }>;
export interface Seen {
  change: TrackingChange;
  /** performance.now() when it arrived. */
  t: number;
}

type Subscribe = (listener: (c: TrackingChange) => void) => () => void;

export class TrackingChanges {
  readonly seen: Seen[] = [];
  private waiters = new Set<() => void>();
  private readonly off: () => void;

  constructor(subscribe: Subscribe) {
    this.off = subscribe((change) => {
      this.seen.push({ change, t: performance.now() });
      for (const w of [...this.waiters]) w();
    });
  }

  /** A position in what has been seen: later waits can start from it. */
  mark(): number {
    return this.seen.length;
  }

  /** The first state change from position `from` on that matches (waiting for it if it has not come yet). */
  next(pred: (c: StateChange) => boolean, from = 0): Promise<StateChange & { t: number; index: number }> {
    const find = () => {
      for (let i = from; i < this.seen.length; i++) {
        const s = this.seen[i]!;
        if (s.change.kind === 'state' && pred(s.change)) return { ...s.change, t: s.t, index: i };
      }
      return undefined;
    };
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const check = () => {
        const f = find();
        if (!f) return;
        this.waiters.delete(check);
        resolve(f);
      };
      this.waiters.add(check);
    });
  }

  /** The state changes of cluster `id` (its own, not its jobs') between two positions. */
  of(id: string, from = 0, to = this.seen.length): StateChange[] {
    return this.seen
      .slice(from, to)
      .map((s) => s.change)
      .filter((c): c is StateChange => c.kind === 'state' && c.id === id && c.jobId === undefined);
  }

  close(): void {
    this.off();
  }
}

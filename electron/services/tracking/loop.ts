// A periodic tick on ctx.scheduler (so unit tests drive it with a manual clock). The interval is read at every tick,
// and retime() moves the pending tick at once when the setting changes: a new interval applies without a restart,
// counted from the last tick.
import type { Clock, Scheduler, TimerHandle } from '../ports';

export class Loop {
  private timer: TimerHandle | undefined;
  private lastStart: number | undefined;
  private running = false;

  constructor(
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly intervalMs: () => number,
    private readonly tick: () => void,
  ) {}

  /** `firstAfterInterval`: the first tick one interval from now, not at once. */
  start(firstAfterInterval = false): void {
    if (this.running) return;
    this.running = true;
    if (!firstAfterInterval) return this.schedule(0);
    this.lastStart = this.clock.now();
    this.schedule(this.intervalMs());
  }

  stop(): void {
    this.running = false;
    this.timer?.cancel();
    this.timer = undefined;
  }

  retime(): void {
    if (!this.running) return;
    this.timer?.cancel();
    const now = this.clock.now();
    this.schedule(Math.max(0, (this.lastStart ?? now) + this.intervalMs() - now));
  }

  private schedule(ms: number): void {
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = undefined;
      if (!this.running) return;
      this.lastStart = this.clock.now();
      // The next tick is timed from this one's start; the tick only dispatches (its calls settle on their own).
      this.schedule(this.intervalMs());
      this.tick();
    }, ms);
  }
}

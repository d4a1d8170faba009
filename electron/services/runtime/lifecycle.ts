// Background work of the services (the kubeconfig watcher; tracking loops, port-forwards and proxies next) is
// registered here, started by Services.start() and disposed by Services.stop() in reverse order. Work registered
// after start() starts at once; stop() never throws (one failing disposer does not keep the others running).
import type { Logger } from '../ports';

export interface BackgroundWork {
  name: string;
  start?(): Promise<void> | void;
  stop(): Promise<void> | void;
}

export class Lifecycle {
  private readonly work: BackgroundWork[] = [];
  private state: 'new' | 'started' | 'stopped' = 'new';

  constructor(private readonly logger: Logger) {}

  get running(): boolean {
    return this.state === 'started';
  }

  /** What is registered now (diagnostics, tests). */
  names(): string[] {
    return this.work.map((w) => w.name);
  }

  /** Registers work; returns a function that stops and forgets it (for work that ends on its own). */
  async register(work: BackgroundWork): Promise<() => Promise<void>> {
    this.work.push(work);
    if (this.state === 'started') await work.start?.();
    return async () => {
      const i = this.work.indexOf(work);
      if (i < 0) return;
      this.work.splice(i, 1);
      await this.stopOne(work);
    };
  }

  async start(): Promise<void> {
    if (this.state !== 'new') return;
    this.state = 'started';
    for (const w of this.work) await w.start?.();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    for (const w of this.work.splice(0).reverse()) await this.stopOne(w);
  }

  private async stopOne(w: BackgroundWork): Promise<void> {
    try {
      await w.stop();
    } catch (e) {
      this.logger.warn('background work failed to stop', { name: w.name, error: e instanceof Error ? e.message : String(e) });
    }
  }
}

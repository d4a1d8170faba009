// Followed logs: each a stream id whose new lines go out as `operate.log` events until it is closed, the log
// ends or the services stop. Bounded: the oldest stream is closed when a new one would pass the limit.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import type { PodLog } from '../kube';

const MAX_STREAMS = 16;

export class LogStreams {
  private readonly open = new Map<string, PodLog>();

  constructor(private readonly deps: Pick<ServiceContext, 'events' | 'logger'>) {}

  async start(follow: (onLines: (lines: string[]) => void) => Promise<PodLog>): Promise<string> {
    const streamId = randomUUID();
    const log = await follow((lines) => this.deps.events.emit('operate.log', { streamId, lines }));
    if (this.open.size >= MAX_STREAMS) this.close(this.open.keys().next().value!);
    this.open.set(streamId, log);
    void log.ended.then((error) => {
      if (!this.open.delete(streamId)) return;
      this.deps.events.emit('operate.log', { streamId, lines: [], ended: error ? { error: error.toInfo() } : {} });
    });
    return streamId;
  }

  close(streamId: string): boolean {
    const log = this.open.get(streamId);
    if (!log) return false;
    this.open.delete(streamId);
    void Promise.resolve(log.close()).catch(() => undefined);
    this.deps.events.emit('operate.log', { streamId, lines: [], ended: {} });
    return true;
  }

  closeAll(): void {
    for (const id of [...this.open.keys()]) this.close(id);
  }

  assertKnown(streamId: string): void {
    if (!this.open.has(streamId)) throw new AppError({ code: 'not-found', message: `No followed log ${streamId}` });
  }
}

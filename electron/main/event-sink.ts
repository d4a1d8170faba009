// Events for the window, queued until its preload says it is ready (a reload empties the page: queue again).
import type { WebContents } from 'electron';
import type { EventName, Events } from '../../shared/contract';
import type { EventSink } from '../services/ports';
import { IPC_EVENT } from './ipc-channels';

const MAX_QUEUED = 1000;

export class WindowEventSink implements EventSink {
  private target: Pick<WebContents, 'send' | 'isDestroyed'> | undefined;
  private readonly queue: [string, unknown][] = [];

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    if (this.target && !this.target.isDestroyed()) this.target.send(IPC_EVENT, event, payload);
    else {
      this.queue.push([event, payload]);
      if (this.queue.length > MAX_QUEUED) this.queue.shift();
    }
  }

  ready(target: Pick<WebContents, 'send' | 'isDestroyed'>): void {
    this.target = target;
    for (const [event, payload] of this.queue.splice(0)) target.send(IPC_EVENT, event, payload);
  }

  detach(): void {
    this.target = undefined;
  }
}

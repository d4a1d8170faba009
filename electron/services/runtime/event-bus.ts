// The in-process event bus: services emit here; other services subscribe (a loop re-timed on settings.changed),
// and every event is forwarded to the transport's sink (window, sockets) as before. A listener that throws is
// logged and never breaks the emitter or the other listeners.
import type { EventName, Events } from '../../../shared/contract';
import type { EventSink, Logger } from '../ports';

type Listener<E extends EventName> = (payload: Events[E]) => void;

export class EventBus implements EventSink {
  private readonly listeners = new Map<EventName, Set<Listener<never>>>();

  constructor(
    private readonly outward: EventSink,
    private readonly logger: Logger,
  ) {}

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of [...(this.listeners.get(event) ?? [])]) {
      try {
        (l as Listener<E>)(payload);
      } catch (e) {
        this.logger.error('event listener failed', { event, error: e instanceof Error ? e.message : String(e) });
      }
    }
    this.outward.emit(event, payload);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}

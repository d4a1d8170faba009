// A controller that a longer-lived signal (the services' stop, a round's deadline) also aborts, until it is disposed.
// AbortSignal.any does the same but, on Node 20, registers every signal it makes with its sources for good: combined
// with a signal that lives as long as the app, a thousand polls a round keep ~50 bytes each forever (measured: 50 MiB
// per million calls that a full collection does not free). And a listener of its own per scope would cost as much
// again: an EventTarget looks through all its listeners on every add and remove, and a round's signal has one per
// call in flight (the tracking benchmark: 4 % of the tracker's main thread). So an outer signal has one listener, which aborts
// the set of scopes open on it; a scope leaves the set when disposed, and the listener goes with the last one.
export interface AbortScope {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Lets go of the outer signal (call when the work the scope covers has ended). */
  dispose(): void;
}

interface Fanout {
  scopes: Set<AbortController>;
  onAbort: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();

export function abortScope(outer: AbortSignal): AbortScope {
  const controller = new AbortController();
  if (outer.aborted) {
    controller.abort(outer.reason);
    return { controller, signal: controller.signal, dispose: () => undefined };
  }
  let fan = fanouts.get(outer);
  if (!fan) {
    const scopes = new Set<AbortController>();
    const onAbort = () => {
      fanouts.delete(outer);
      for (const c of scopes) c.abort(outer.reason);
      scopes.clear();
    };
    fan = { scopes, onAbort };
    fanouts.set(outer, fan);
    outer.addEventListener('abort', onAbort, { once: true });
  }
  const f = fan;
  f.scopes.add(controller);
  return {
    controller,
    signal: controller.signal,
    dispose: () => {
      if (!f.scopes.delete(controller) || f.scopes.size > 0 || fanouts.get(outer) !== f) return;
      fanouts.delete(outer);
      outer.removeEventListener('abort', f.onAbort);
    },
  };
}

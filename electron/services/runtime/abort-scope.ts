// Work that a longer-lived signal (the services' stop, a round's deadline) also ends, until it is done.
// AbortSignal.any does the same but, on Node 20, registers every signal it makes with its sources for good: combined
// with a signal that lives as long as the app, a thousand polls a round keep ~50 bytes each forever (measured: 50 MiB
// per million calls that a full collection does not free). And a listener of its own per piece of work would cost as
// much again: an EventTarget looks through all its listeners on every add and remove, and a round's signal has one
// per call in flight (the tracking benchmark: 4 % of the tracker's main thread). So an outer signal has one listener,
// which runs the set of callbacks registered on it; a callback leaves the set when let go, and the listener goes with
// the last one.
export interface AbortScope {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Lets go of the outer signal (call when the work the scope covers has ended). */
  dispose(): void;
}

interface Fanout {
  callbacks: Set<() => void>;
  onAbort: () => void;
}

const fanouts = new WeakMap<AbortSignal, Fanout>();
const nothing = () => undefined;

/** Runs `fn` once when `outer` aborts (at once if it has); returns the function that lets go of it. */
export function onAbort(outer: AbortSignal, fn: () => void): () => void {
  if (outer.aborted) {
    fn();
    return nothing;
  }
  let fan = fanouts.get(outer);
  if (!fan) {
    const callbacks = new Set<() => void>();
    const onAbort = () => {
      fanouts.delete(outer);
      const all = [...callbacks];
      callbacks.clear();
      for (const c of all) c();
    };
    fan = { callbacks, onAbort };
    fanouts.set(outer, fan);
    outer.addEventListener('abort', onAbort, { once: true });
  }
  const f = fan;
  // Its own function: the same `fn` registered twice is two registrations.
  const entry = () => fn();
  f.callbacks.add(entry);
  return () => {
    if (!f.callbacks.delete(entry) || f.callbacks.size > 0 || fanouts.get(outer) !== f) return;
    fanouts.delete(outer);
    outer.removeEventListener('abort', f.onAbort);
  };
}

/** A controller that `outer` aborts too, with its reason, until disposed. */
export function abortScope(outer: AbortSignal): AbortScope {
  const controller = new AbortController();
  const dispose = onAbort(outer, () => controller.abort(outer.reason));
  return { controller, signal: controller.signal, dispose };
}

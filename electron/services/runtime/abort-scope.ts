// A controller that a longer-lived signal (the services' stop) also aborts, until it is disposed. AbortSignal.any
// does the same but, on Node 20, registers every signal it makes with its sources for good: combined with a signal
// that lives as long as the app, a thousand polls a round keep ~50 bytes each forever (measured: 50 MiB per million
// calls that a full collection does not free). The listener here goes when the scope ends.
export interface AbortScope {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Lets go of the outer signal (call when the work the scope covers has ended). */
  dispose(): void;
}

export function abortScope(outer: AbortSignal): AbortScope {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  if (outer.aborted) onAbort();
  else outer.addEventListener('abort', onAbort, { once: true });
  return { controller, signal: controller.signal, dispose: () => outer.removeEventListener('abort', onAbort) };
}

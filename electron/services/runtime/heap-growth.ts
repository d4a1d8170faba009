// How far V8 lets the old space grow past what was live after a major collection before it runs the next one. By
// default it lets it double or more, and the tracking loops make the kind of garbage that lands there: each poll's
// objects stay alive while its call is in flight, across young-generation collections, and so are moved to the old
// space, where they die. With a thousand polls a round the heap then grew ~5 MiB a round to ~180 MiB before a major
// collection (live: ~56 MiB), and the process's RSS peaked at 273–299 MiB against a 300 MB goal (the tracking
// benchmark). Growing by half before the next one, the peak was 230 MiB, the CPU share unchanged (a major collection
// of that heap every ~35 s). Set once per process, by every front end as it opens the services (node-runtime.ts).
import { setFlagsFromString } from 'node:v8';

/** The old space grows by this share of what was live before the next major collection. */
export const HEAP_GROWING_PERCENT = 50;

let set = false;

export function limitHeapGrowth(): void {
  if (set) return;
  set = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

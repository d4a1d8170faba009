// Starts a piece of work for each item, a slice at a time, the event loop taking in what has arrived (answers, their
// parsing) between two slices. The tracking loops start a call per cluster at each tick: all at once, a thousand
// calls are in flight together, and the young generation's collections find them all alive — copied, then moved to
// the old space, which a major collection must then sweep (the tracking benchmark: several MiB a second). A slice at
// a time, each call is mostly done before the next collection. It never waits for the work: a slow or dead cluster
// holds up nothing.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves when every item's work has been started (`start` is called for the first slice synchronously). */
export async function inSlices<T>(items: readonly T[], size: number, start: (item: T) => void): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await nextTurn();
    const end = Math.min(i + size, items.length);
    for (let k = i; k < end; k++) start(items[k]!);
  }
}

// inSlices: the first slice starts at once, each next one only after the event loop has had a turn (what arrived
// meanwhile is taken in first), every item exactly once and in order, and it never waits for the work it started.
import { describe, expect, it } from 'vitest';
import { inSlices } from '../../../electron/services/runtime/in-slices';

describe('inSlices', () => {
  it('starts a slice at a time, the event loop turning between two', async () => {
    const started: number[] = [];
    const log: string[] = [];
    const items = Array.from({ length: 10 }, (_, i) => i);
    const done = inSlices(items, 4, (i) => {
      started.push(i);
      // Work that "arrives" after this slice: taken in before the next slice starts.
      if (i % 4 === 3) setImmediate(() => log.push(`answer after ${i}`));
      log.push(`start ${i}`);
    });
    expect(started).toEqual([0, 1, 2, 3]);
    await done;
    expect(started).toEqual(items);
    expect(log.indexOf('answer after 3')).toBeGreaterThan(log.indexOf('start 3'));
    expect(log.indexOf('answer after 3')).toBeLessThan(log.indexOf('start 4'));
    expect(log.indexOf('answer after 7')).toBeLessThan(log.indexOf('start 8'));
  });

  it('does not wait for the work it started', async () => {
    const never: Promise<void>[] = [];
    await inSlices([1, 2, 3], 1, () => void never.push(new Promise<void>(() => undefined)));
    expect(never).toHaveLength(3);
  });
});

import { describe, expect, it } from 'vitest';
import { afterFailedRead, afterRead, checkpointsDue, intervalOf, RECHECK_MS } from '../../../electron/services/tracking/checkpoint-reads';

const counts = (completed: number, failed = 0, inProgress = 0) => ({ completed, failed, in_progress: inProgress });

describe('checkpoint reads', () => {
  it('reads a job not read yet', () => {
    expect(checkpointsDue(undefined, 0)).toBe(true);
  });

  it("keeps Flink's Long.MAX_VALUE interval, zero and none as no periodic checkpoints", () => {
    // Long.MAX_VALUE as JSON.parse reads it.
    expect(intervalOf(Number('9223372036854775807'))).toBeNull();
    expect(intervalOf(0)).toBeNull();
    expect(intervalOf(undefined)).toBeNull();
    expect(intervalOf(30_000)).toBe(30_000);
  });

  it('waits one interval after a read that saw an attempt settle, at most the recheck', () => {
    const first = afterRead(undefined, counts(3), 30_000, 1000);
    expect(first).toEqual({ interval: 30_000, settled: 3, nextAt: 31_000 });
    expect(checkpointsDue(first, 30_999)).toBe(false);
    expect(checkpointsDue(first, 31_000)).toBe(true);
    expect(afterRead(first, counts(3, 1), 30_000, 31_000).nextAt).toBe(61_000);
    expect(afterRead(undefined, counts(3), 10 * 60_000, 0).nextAt).toBe(RECHECK_MS);
  });

  it('reads at once again while one is in progress, or when one is due and none settled', () => {
    const first = afterRead(undefined, counts(3, 0, 1), 30_000, 1000);
    expect(first.nextAt).toBe(1000);
    const due = afterRead({ interval: 30_000, settled: 3, nextAt: 31_000 }, counts(3), 30_000, 31_000);
    expect(due.nextAt).toBe(31_000);
  });

  it('reads a job without periodic checkpoints, or whose read failed, at the recheck', () => {
    expect(afterRead(undefined, counts(0), null, 0).nextAt).toBe(RECHECK_MS);
    expect(afterRead({ interval: null, settled: 0, nextAt: 0 }, counts(0), null, 5).nextAt).toBe(5 + RECHECK_MS);
    expect(afterFailedRead(undefined, 10_000, 5)).toEqual({ interval: 10_000, settled: 0, nextAt: 10_005 });
  });
});

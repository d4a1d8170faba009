// Relative times pick the largest whole unit and say "now" under a minute; the words come from Intl.
import { describe, expect, it } from 'vitest';
import { timeAgo } from '../../../renderer/src/format/time';

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const now = Date.UTC(2026, 2, 3, 10, 42, 7);
const minute = 60_000;

describe('timeAgo', () => {
  it('says now under a minute', () => {
    expect(timeAgo(now - 59_000, now)).toBe(rtf.format(0, 'second'));
  });

  it('uses the largest whole unit, rounded down', () => {
    expect(timeAgo(now - 5 * minute - 30_000, now)).toBe(rtf.format(-5, 'minute'));
    expect(timeAgo(now - 119 * minute, now)).toBe(rtf.format(-1, 'hour'));
    expect(timeAgo(now - 26 * 60 * minute, now)).toBe(rtf.format(-1, 'day'));
    expect(timeAgo(now - 15 * 24 * 60 * minute, now)).toBe(rtf.format(-2, 'week'));
  });

  it('speaks of the future too (a clock that is ahead)', () => {
    expect(timeAgo(now + 3 * 60 * minute, now)).toBe(rtf.format(3, 'hour'));
  });
});

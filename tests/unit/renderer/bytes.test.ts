// Sizes through Intl in decimal units, whole bytes, one decimal under 10 of a unit.
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../renderer/src/format/bytes';

const unit = (unit: string, v: number, digits: number, display: 'long' | 'short' = 'short') =>
  new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: display, maximumFractionDigits: digits }).format(v);

describe('formatBytes', () => {
  it('says bytes under a kilobyte', () => {
    expect(formatBytes(0)).toBe(unit('byte', 0, 0, 'long'));
    expect(formatBytes(812)).toBe(unit('byte', 812, 0, 'long'));
  });

  it('moves to the next unit at 1000, with one decimal under 10', () => {
    expect(formatBytes(1000)).toBe(unit('kilobyte', 1, 1));
    expect(formatBytes(4_230_000)).toBe(unit('megabyte', 4.23, 1));
    expect(formatBytes(48_700_000)).toBe(unit('megabyte', 48.7, 0));
    expect(formatBytes(1_300_000_000)).toBe(unit('gigabyte', 1.3, 1));
  });
});

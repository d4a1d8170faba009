// Sizes through Intl in decimal units, whole bytes, one decimal under 10 of a unit.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatMemory } from '../../../renderer/src/format/bytes';

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

describe('formatMemory', () => {
  const n = (v: number, digits: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: digits }).format(v);

  it('says MiB as Flink’s options mean them (1600m is 1,600 MiB), GiB from 10 GiB', () => {
    expect(formatMemory(1600 * 1024 * 1024)).toBe(`${n(1600, 0)} MiB`);
    expect(formatMemory(1_140_850_688)).toBe(`${n(1088, 0)} MiB`);
    expect(formatMemory(12.5 * 1024 ** 3)).toBe(`${n(12.5, 1)} GiB`);
  });
});

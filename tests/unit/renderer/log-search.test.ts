// Searching the build log: every occurrence, case-insensitive and literal, in order, capped; a line cut at its
// matches for highlighting, each match numbered among all of the log's.
import { describe, expect, it } from 'vitest';
import { findMatches, matchesByLine, segmentsOf } from '../../../renderer/src/jobs/build/log-search';

const log = ['[INFO] Building flink-datagen-job 1.0', '[INFO] --- maven-shade-plugin:3.6.0:shade', 'info: BUILD SUCCESS [info]'];

describe('findMatches', () => {
  it('finds every occurrence, case-insensitive, in order of line and column', () => {
    expect(findMatches(log, 'info')).toEqual([
      { line: 0, start: 1, end: 5 },
      { line: 1, start: 1, end: 5 },
      { line: 2, start: 0, end: 4 },
      { line: 2, start: 21, end: 25 },
    ]);
  });

  it('takes the text literally (no pattern), finds nothing for nothing, and stops at the cap', () => {
    expect(findMatches(log, '3.6.0:')).toEqual([{ line: 1, start: 30, end: 36 }]);
    expect(findMatches(log, '.*')).toEqual([]);
    expect(findMatches(log, '')).toEqual([]);
    expect(findMatches(['aaaa'], 'a', 3)).toHaveLength(3);
    // Occurrences do not overlap.
    expect(findMatches(['aaaa'], 'aa')).toEqual([
      { line: 0, start: 0, end: 2 },
      { line: 0, start: 2, end: 4 },
    ]);
  });
});

describe('segmentsOf', () => {
  it('cuts a line at its matches, numbering them from the line’s first', () => {
    const matches = findMatches(log, 'info');
    const line2 = matchesByLine(matches).get(2)!;
    expect(line2.first).toBe(2);
    expect(segmentsOf(log[2]!, line2.matches, line2.first)).toEqual([
      { text: 'info', match: 2 },
      { text: ': BUILD SUCCESS [' },
      { text: 'info', match: 3 },
      { text: ']' },
    ]);
  });

  it('keeps a line without matches whole, an empty one too', () => {
    expect(segmentsOf('plain', [], 0)).toEqual([{ text: 'plain' }]);
    expect(segmentsOf('', [], 0)).toEqual([{ text: '' }]);
  });
});

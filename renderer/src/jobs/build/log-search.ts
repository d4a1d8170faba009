// Searching a log: every occurrence of the text (case-insensitive, as typed: no patterns), in order, and a line cut
// into plain and matching pieces for highlighting. Pure functions, so the view only renders.

export interface LogMatch {
  /** Index of the line. */
  line: number;
  start: number;
  end: number;
}

/** At most this many matches are collected (the count then says "1000+"). */
export const MAX_MATCHES = 1000;

export function findMatches(lines: readonly string[], query: string, max = MAX_MATCHES): LogMatch[] {
  const q = query.toLowerCase();
  const out: LogMatch[] = [];
  if (!q) return out;
  for (let i = 0; i < lines.length && out.length < max; i++) {
    const text = lines[i]!.toLowerCase();
    for (let at = text.indexOf(q); at !== -1 && out.length < max; at = text.indexOf(q, at + q.length))
      out.push({ line: i, start: at, end: at + q.length });
  }
  return out;
}

export interface Segment {
  text: string;
  /** Set on a match: its index among all the log's matches. */
  match?: number;
}

/** A line cut at its matches; `first` is the index of this line's first match among all of them. */
export function segmentsOf(text: string, matches: readonly LogMatch[], first: number): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  matches.forEach((m, k) => {
    if (m.start > at) out.push({ text: text.slice(at, m.start) });
    out.push({ text: text.slice(m.start, m.end), match: first + k });
    at = m.end;
  });
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at) });
  return out;
}

/** The matches of each line (lines without any are absent), with the index of each line's first match. */
export function matchesByLine(matches: readonly LogMatch[]): Map<number, { first: number; matches: LogMatch[] }> {
  const byLine = new Map<number, { first: number; matches: LogMatch[] }>();
  matches.forEach((m, i) => {
    const entry = byLine.get(m.line);
    if (entry) entry.matches.push(m);
    else byLine.set(m.line, { first: i, matches: [m] });
  });
  return byLine;
}

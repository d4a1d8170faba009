// The log of one step of a build: all of it (read from the host's log files, see step-log.ts), virtualised so a
// long Maven log stays fast. It follows the end while the view is scrolled to the bottom and stops when the user
// scrolls up ("Follow" takes it back there). Search finds every occurrence, highlights them, and Enter / Shift+Enter
// (or the arrows) go to the next / previous one. The parent keys it by build and step, so another one starts afresh
// at its end.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { findMatches, matchesByLine, MAX_MATCHES, segmentsOf } from './log-search';
import { useStepLog } from './use-step-log';

/** One line, never wrapped (long lines scroll sideways): a fixed height keeps the virtual list exact. */
const ROW = 20;
/** The log's window: 17 lines; a finished step's shorter log gets a window its size (at least 3 lines). */
const HEIGHT = 17 * ROW;
const count = new Intl.NumberFormat();

export function BuildLog({
  opId,
  stepId,
  stepTitle,
  running,
  onEngage,
}: {
  opId: string;
  stepId: string;
  stepTitle: string;
  running: boolean;
  /** The user searched or scrolled away from the end: this log is what they read now (the view keeps it shown). */
  onEngage?: () => void;
}) {
  const log = useStepLog(opId, stepId);
  const lines = log.lines;
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [follow, setFollow] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  /** A match was gone to: once its row is drawn, scroll sideways to it too (long lines run past the edge). */
  const reveal = useRef(false);
  const matches = useMemo(() => findMatches(lines, query), [lines, query]);
  const byLine = useMemo(() => matchesByLine(matches), [matches]);
  // TanStack Virtual hands out functions the React Compiler cannot memoise: this component is left uncompiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW,
    overscan: 12,
  });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [follow, lines.length]);

  useLayoutEffect(() => {
    const el = scroller.current;
    const mark = el?.querySelector<HTMLElement>('mark.build-log-mark-current');
    if (!reveal.current || !el || !mark) return;
    reveal.current = false;
    const box = el.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    const gutter = el.querySelector<HTMLElement>('.build-log-no')?.offsetWidth ?? 0;
    if (at.right > box.right || at.left < box.left + gutter)
      el.scrollLeft += at.left - box.left - gutter - Math.max(0, (box.width - gutter - at.width) / 2);
  });

  const goTo = (i: number) => {
    if (!matches.length) return;
    const n = ((i % matches.length) + matches.length) % matches.length;
    setCurrent(n);
    setFollow(false);
    reveal.current = true;
    virtualizer.scrollToIndex(matches[n]!.line, { align: 'center' });
  };
  // A new search shows its first match; new lines later keep the view where the user is.
  const search = (text: string) => {
    setQuery(text);
    setCurrent(0);
    if (text) onEngage?.();
    const first = text ? findMatches(lines, text, 1)[0] : undefined;
    if (first) {
      setFollow(false);
      reveal.current = true;
      virtualizer.scrollToIndex(first.line, { align: 'center' });
    }
  };

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < ROW / 2;
    if (atEnd !== follow) setFollow(atEnd);
    if (!atEnd) onEngage?.();
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      goTo(current + (e.shiftKey ? -1 : 1));
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      search('');
    }
  };

  const shown = Math.min(current, Math.max(0, matches.length - 1));
  const matchText = !query
    ? ''
    : matches.length === 0
      ? 'No match'
      : `${count.format(shown + 1)} of ${count.format(matches.length)}${matches.length >= MAX_MATCHES ? '+' : ''}`;

  return (
    <section className="build-log" aria-label={`Log of ${stepTitle}`}>
      <div className="build-log-bar">
        <h3 className="build-log-title">
          Log · {stepTitle}
          <span className="muted build-log-count" data-lines={lines.length}>
            {log.loading ? 'reading…' : `${count.format(lines.length)} line${lines.length === 1 ? '' : 's'}`}
          </span>
        </h3>
        <div className="build-log-tools">
          <input
            type="search"
            className="input build-log-search"
            placeholder="Search the log"
            aria-label="Search the log"
            value={query}
            onChange={(e) => search(e.target.value)}
            onKeyDown={onSearchKey}
          />
          <span className="build-log-matches" aria-live="polite">
            {matchText}
          </span>
          <Button variant="ghost" onClick={() => goTo(shown - 1)} disabled={!matches.length} aria-label="Previous match">
            ↑
          </Button>
          <Button variant="ghost" onClick={() => goTo(shown + 1)} disabled={!matches.length} aria-label="Next match">
            ↓
          </Button>
          <CopyButton text={lines.join('\n')} label={`the log of ${stepTitle}`} />
        </div>
      </div>
      <div className="build-log-frame">
        <div
          ref={scroller}
          className="build-log-scroll"
          role="log"
          aria-live="off"
          aria-label={`${stepTitle}: ${lines.length} lines`}
          tabIndex={0}
          onScroll={onScroll}
          style={{ height: running || log.loading ? HEIGHT : Math.min(HEIGHT, Math.max(3, lines.length) * ROW + ROW) }}
        >
          {lines.length === 0 ? (
            <div className="build-log-empty">
              {log.error
                ? `The log could not be read: ${log.error}`
                : log.loading
                  ? 'Reading the log…'
                  : running
                    ? 'Waiting for output…'
                    : 'This step wrote no log.'}
            </div>
          ) : (
            <div className="build-log-lines" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((row) => {
                const text = lines[row.index]!;
                const hits = byLine.get(row.index);
                return (
                  <div
                    key={row.key}
                    className="build-log-line"
                    data-index={row.index}
                    style={{ transform: `translateY(${row.start}px)`, height: ROW }}
                  >
                    <span className="build-log-no" aria-hidden>
                      {row.index + 1}
                    </span>
                    <span className="build-log-text">
                      {hits
                        ? segmentsOf(text, hits.matches, hits.first).map((s, k) =>
                            s.match === undefined ? (
                              s.text
                            ) : (
                              <mark key={k} className={s.match === shown ? 'build-log-mark-current' : undefined}>
                                {s.text}
                              </mark>
                            ),
                          )
                        : text}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
        {!follow && lines.length > 0 && (
          <Button className="build-log-follow" onClick={() => setFollow(true)}>
            ↓ Follow the end
          </Button>
        )}
      </div>
    </section>
  );
}

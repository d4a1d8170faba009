// The JobManager and TaskManager logs: pick the pod and container, the previous run (after a restart: what the
// crash said) or follow the live log; search with every match highlighted; the whole log virtualised.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PodEvidence } from '../../../../shared/contracts/tracking';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { usePodLog } from './use-pod-log';

function Highlighted({ text, query }: { text: string; query: string }) {
  if (!query) return <>{text}</>;
  const parts: React.ReactNode[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(query); i >= 0; i = lower.indexOf(query, i + query.length)) {
    parts.push(text.slice(at, i), <mark key={i}>{text.slice(i, i + query.length)}</mark>);
    at = i + query.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}

export function LogsTab({ id }: { id: string }) {
  const [pods, setPods] = useState<PodEvidence[]>([]);
  const [pod, setPod] = useState<string>();
  const [container, setContainer] = useState<string>();
  const [previous, setPrevious] = useState(false);
  const [follow, setFollow] = useState(true);
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [stick, setStick] = useState(true);
  useEffect(() => {
    void api.invoke('operate.pods', { id }).then(
      (r) => setPods(r.pods),
      () => setPods([]),
    );
  }, [id]);
  const chosen = pods.find((p) => p.name === pod) ?? pods[0];
  const { lines, status } = usePodLog(id, {
    ...(chosen ? { pod: chosen.name } : {}),
    ...(container ? { container } : {}),
    previous,
    follow: follow && !previous,
  });
  const q = query.trim().toLowerCase();
  const matches = useMemo(() => (q ? lines.flatMap((l, i) => (l.toLowerCase().includes(q) ? [i] : [])) : []), [lines, q]);
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library
  const rows = useVirtualizer({ count: lines.length, getScrollElement: () => scroller.current, estimateSize: () => 18, overscan: 20 });

  useEffect(() => {
    if (stick && lines.length) rows.scrollToIndex(lines.length - 1, { align: 'end' });
  }, [lines.length, stick, rows]);
  const goToMatch = (k: number) => {
    if (!matches.length) return;
    const n = (k + matches.length) % matches.length;
    setCurrent(n);
    setStick(false);
    rows.scrollToIndex(matches[n]!, { align: 'center' });
  };
  const restarted = chosen?.containers.some((c) => c.restartCount > 0);

  return (
    <section aria-labelledby="logs-title" className="page-stack">
      <div className="tab-head">
        <h3 id="logs-title">Logs</h3>
        <span className={status.error ? 'evidence-error' : 'muted'} role="status">
          {status.text}
        </span>
      </div>
      <div className="log-toolbar">
        <label>
          Pod{' '}
          <select value={chosen?.name ?? ''} onChange={(e) => (setPod(e.target.value), setContainer(undefined))}>
            {pods.length === 0 && <option value="">(no pod)</option>}
            {pods.map((p) => (
              <option key={p.name} value={p.name}>
                {p.component === 'jobmanager' ? 'JobManager' : p.component === 'taskmanager' ? 'TaskManager' : 'Pod'} · {p.name}
              </option>
            ))}
          </select>
        </label>
        {chosen && chosen.containers.length > 1 && (
          <label>
            Container{' '}
            <select value={container ?? chosen.containers[0]!.name} onChange={(e) => setContainer(e.target.value)}>
              {chosen.containers.map((c) => (
                <option key={c.name}>{c.name}</option>
              ))}
            </select>
          </label>
        )}
        <label title={restarted ? 'The log of the run before the last restart' : 'The container has not restarted'}>
          <input type="checkbox" checked={previous} onChange={(e) => setPrevious(e.target.checked)} /> Previous run
        </label>
        <label>
          <input type="checkbox" checked={follow && !previous} disabled={previous} onChange={(e) => setFollow(e.target.checked)} /> Follow
        </label>
        <input
          type="search"
          className="log-search"
          placeholder="Search the log"
          aria-label="Search the log"
          value={query}
          onChange={(e) => (setQuery(e.target.value), setCurrent(0))}
          onKeyDown={(e) => e.key === 'Enter' && goToMatch(current + (e.shiftKey ? -1 : 1))}
        />
        <span className="muted" aria-live="polite">
          {q ? `${matches.length ? current + 1 : 0} of ${matches.length}` : `${lines.length.toLocaleString()} lines`}
        </span>
        <Button className="btn-sm" onClick={() => goToMatch(current - 1)} disabled={!matches.length} aria-label="Previous match">
          ↑
        </Button>
        <Button className="btn-sm" onClick={() => goToMatch(current + 1)} disabled={!matches.length} aria-label="Next match">
          ↓
        </Button>
      </div>
      <div
        ref={scroller}
        className="log-view"
        role="log"
        aria-label="Log lines"
        onScroll={(e) => {
          const el = e.currentTarget;
          setStick(el.scrollHeight - el.scrollTop - el.clientHeight < 24);
        }}
      >
        <div style={{ height: rows.getTotalSize(), position: 'relative' }}>
          {rows.getVirtualItems().map((v) => (
            <div
              key={v.key}
              className={`log-line${matches[current] === v.index && q ? ' is-current' : ''}`}
              style={{ position: 'absolute', top: 0, transform: `translateY(${v.start}px)`, height: v.size }}
            >
              <Highlighted text={lines[v.index]!} query={q} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

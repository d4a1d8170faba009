// The stored transitions of what the details panel shows (tracking.history), newest first; read again when the
// state changes, so the newest transition is there as soon as the badge shows it.
import { useEffect, useState } from 'react';
import type { TrackingTransition } from '../../../../shared/contracts/tracking-history';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { formatDateTime, formatTime } from '../../format/time';
import { toneOf } from './state-look';

function Mini({ s }: { s: { state: string; source: string } }) {
  return (
    <span className={`state-badge state-badge-sm tone-${toneOf(s.state)} ${s.source === 'flink' ? 'is-reported' : 'is-inferred'}`}>
      {s.state}
      <span className="sr-only">{s.source === 'flink' ? ', reported by Flink' : ', inferred by Flink Desk'}</span>
    </span>
  );
}

/** Today's times to the second (transitions come seconds apart), older ones with their date. */
const when = (at: number) => (new Date(at).toDateString() === new Date().toDateString() ? formatTime(at) : formatDateTime(at));

export function StateHistory({ id, jobId, stateKey }: { id: string; jobId?: string; stateKey: string }) {
  const [transitions, setTransitions] = useState<TrackingTransition[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api.invoke('tracking.history', { id, ...(jobId ? { jobId } : {}), limit: 50 }).then(
      (r) => live && (setTransitions(r.transitions), setError(undefined)),
      (e: unknown) => live && setError(failureMessage('The history could not be read', e)),
    );
    return () => {
      live = false;
    };
  }, [id, jobId, stateKey]);
  if (error) return <p className="evidence-error">{error}</p>;
  if (!transitions) return <p className="muted">Reading the history…</p>;
  if (transitions.length === 0) return <p className="muted">No transition stored yet.</p>;
  return (
    <ol className="state-history" aria-label="State history">
      {transitions.map((t, i) => (
        <li key={`${t.at}-${i}`}>
          <time dateTime={new Date(t.at).toISOString()} title={formatDateTime(t.at)}>
            {when(t.at)}
          </time>
          <span className="state-history-change">
            {t.from ? <Mini s={t.from} /> : <span className="muted">first seen</span>} <span aria-hidden>→</span>
            <span className="sr-only">to</span> <Mini s={t.to} />
            {!jobId && t.jobId && <span className="muted"> job {t.jobName || t.jobId.slice(0, 8)}</span>}
          </span>
          <span className="cell-sub">{t.reason}</span>
        </li>
      ))}
    </ol>
  );
}

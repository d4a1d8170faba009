// The checkpoints and savepoints Flink remembers for the job (newest first), what it was restored from, and the
// root exception with the exception history.
import type { FlinkJobDetail } from '../../../../shared/contracts/flink';
import { CopyButton } from '../../components/CopyButton';
import { EmptyState } from '../../components/EmptyState';
import { formatBytes } from '../../format/bytes';
import { formatDateTime } from '../../format/time';

export function CheckpointsTab({ detail, error }: { detail?: FlinkJobDetail; error?: string }) {
  if (!detail) return <p className={error ? 'evidence-error' : 'muted'}>{error ?? 'Reading the job from Flink…'}</p>;
  const cp = detail.checkpoints;
  return (
    <div className="page-stack">
      <section aria-labelledby="cp-title">
        <h3 id="cp-title">Checkpoints and savepoints</h3>
        <p className="muted">
          {cp.counts.completed} completed, {cp.counts.failed} failed, {cp.counts.inProgress} in progress
          {cp.restoredFrom
            ? ` · restored from ${cp.restoredFrom.savepoint ? 'savepoint' : 'checkpoint'} ${cp.restoredFrom.id}${cp.restoredFrom.path ? ` (${cp.restoredFrom.path})` : ''}`
            : ''}
        </p>
        {cp.history.length === 0 ? (
          <EmptyState title="No checkpoint yet">
            Checkpointing is off, or the first one has not been taken. Savepoints taken from this page appear here.
          </EmptyState>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Taken</th>
                <th scope="col">Duration</th>
                <th scope="col">Size</th>
                <th scope="col">Path</th>
              </tr>
            </thead>
            <tbody>
              {cp.history.map((c) => (
                <tr key={c.id}>
                  <td>{c.id}</td>
                  <td>{c.savepoint ? 'savepoint' : 'checkpoint'}</td>
                  <td>{c.status.toLowerCase()}</td>
                  <td className="nowrap">{formatDateTime(c.at)}</td>
                  <td className="nowrap">{c.durationMs !== undefined ? `${c.durationMs.toLocaleString()} ms` : '–'}</td>
                  <td className="nowrap">{c.stateSize !== undefined ? formatBytes(c.stateSize) : '–'}</td>
                  <td className="cell-path">
                    {c.path ? (
                      <>
                        <code>{c.path}</code> <CopyButton text={c.path} label="Copy path" />
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="ex-title">
        <h3 id="ex-title">Exceptions</h3>
        {detail.exceptions.length === 0 ? (
          <p className="muted">Flink recorded no exception for this job.</p>
        ) : (
          <ol className="exception-list">
            {detail.exceptions.map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <details open={i === 0}>
                  <summary>
                    <strong>{e.name}</strong> <span className="muted">{formatDateTime(e.at)}</span>
                    {e.task ? <span className="muted"> · {e.task}</span> : null}
                    <div>{e.message}</div>
                  </summary>
                  <pre className="stacktrace">{e.stacktrace}</pre>
                </details>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

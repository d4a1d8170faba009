// The Kubernetes events of the cluster's Deployment, ReplicaSets, pods and Services, newest first (operate.events),
// warnings marked; read again on demand.
import { useEffect, useState } from 'react';
import type { OperateEvents } from '../../../../shared/contracts/operate';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { formatDateTime } from '../../format/time';

export function EventsTab({ id }: { id: string }) {
  const [events, setEvents] = useState<OperateEvents>();
  const [error, setError] = useState<string>();
  const [asked, setAsked] = useState(0);
  const [answered, setAnswered] = useState(-1);
  useEffect(() => {
    let live = true;
    api
      .invoke('operate.events', { id })
      .then(
        (r) => live && (setEvents(r), setError(undefined)),
        (e: unknown) => live && setError(failureMessage('The events could not be read', e)),
      )
      .finally(() => live && setAnswered(asked));
    return () => {
      live = false;
    };
  }, [id, asked]);
  const busy = answered !== asked;
  const read = () => setAsked((n) => n + 1);
  return (
    <section aria-labelledby="events-title" className="page-stack">
      <div className="tab-head">
        <h3 id="events-title">Kubernetes events</h3>
        <Button className="btn-sm" onClick={read} busy={busy}>
          Read again
        </Button>
      </div>
      {error && <p className="evidence-error">{error}</p>}
      {events && events.events.length === 0 && (
        <EmptyState title="No events">
          The API server keeps events for about an hour; none of this cluster’s objects has one now.
        </EmptyState>
      )}
      {events && events.events.length > 0 && (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Type</th>
              <th scope="col">Object</th>
              <th scope="col">Reason</th>
              <th scope="col">Message</th>
            </tr>
          </thead>
          <tbody>
            {events.events.map((e, i) => (
              <tr key={`${e.object}-${e.reason}-${e.at}-${i}`}>
                <td className="nowrap">{formatDateTime(e.at)}</td>
                <td>{e.type === 'Warning' ? <Badge tone="warn">Warning</Badge> : <span className="muted">Normal</span>}</td>
                <td className="cell-path">{e.object}</td>
                <td>
                  {e.reason}
                  {e.count > 1 ? <span className="muted"> ×{e.count}</span> : null}
                </td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

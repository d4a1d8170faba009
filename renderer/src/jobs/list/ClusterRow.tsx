// One Flink cluster found on Kubernetes: its id (and whether Flink Desk made it), mode, where, the JobManager's
// readiness, the rest Service, the image, and Delete.
import type { FlinkClusterView } from '../../../../shared/contracts/deploy';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatDateTime, timeAgo } from '../../format/time';

export function ClusterRow({ cluster: c, now, onDelete }: { cluster: FlinkClusterView; now: number; onDelete: () => void }) {
  const ready = c.jobManagers.ready >= c.jobManagers.desired && c.jobManagers.desired > 0;
  return (
    <tr>
      <th scope="row" className="job-name">
        <code>{c.clusterId}</code>
        {c.createdAt !== undefined && (
          <span className="cell-sub" title={formatDateTime(c.createdAt)}>
            created {timeAgo(c.createdAt, now)}
          </span>
        )}
        {!c.madeByFlinkDesk && (
          <div>
            <span className="outside-tag" title="Created by Flink’s own CLI or another tool">
              made outside Flink Desk
            </span>
          </div>
        )}
      </th>
      <td>
        <span className={`kind-pill kind-${c.mode === 'session' ? 'session-cluster' : 'application'}`}>
          {c.mode === 'session' ? 'Session' : c.mode === 'application' ? 'Application' : 'Unknown'}
        </span>
      </td>
      <td className="where">
        <span className="where-ns">{c.namespace}</span>
        <span className="cell-sub">{c.context}</span>
      </td>
      <td>
        <Badge tone={ready ? 'ok' : c.jobManagers.desired === 0 ? 'neutral' : 'warn'}>
          {c.jobManagers.ready}/{c.jobManagers.desired} ready
        </Badge>
      </td>
      <td>
        {c.rest ? (
          <span className="mono-sm">
            {c.rest.exposedType} :{c.rest.port}
            {c.rest.nodePort ? ` → node :${c.rest.nodePort}` : ''}
            {c.rest.loadBalancer ? ` → ${c.rest.loadBalancer}` : ''}
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td className="image-cell">
        <code title={c.image}>{c.image}</code>
      </td>
      <td className="cell-actions">
        <Button variant="ghost" className="btn-sm btn-danger" onClick={onDelete} aria-label={`Delete cluster ${c.clusterId}`}>
          Delete…
        </Button>
      </td>
    </tr>
  );
}

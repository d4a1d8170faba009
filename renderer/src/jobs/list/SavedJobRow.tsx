// One saved job in the list: name, mode, cluster id, where it goes, its version and deploy outcome, and its actions.
import type { SavedJobView } from '../../../../shared/contracts/deploy';
import type { JobDocument } from '../../../../shared/jobs/spec';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatDateTime, timeAgo } from '../../format/time';
import { kindLabel, kindOf } from '../job-labels';

const deployTone = { running: 'neutral', succeeded: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' } as const;

export function SavedJobRow({
  job,
  now,
  onDeploy,
  onEdit,
  onExport,
  onRemove,
}: {
  job: SavedJobView;
  now: number;
  onDeploy: () => void;
  onEdit: () => void;
  onExport: () => void;
  onRemove: () => void;
}) {
  const spec = job.latest.document.spec;
  const kind = kindOf(job.latest.document);
  const d = job.deployed;
  const changed = d !== undefined && d.version !== job.latest.version;
  return (
    <tr>
      <th scope="row" className="job-name">
        {job.name}
        <div className="cell-sub">saved {timeAgo(job.latest.at, now)}</div>
      </th>
      <td>
        <span className={`kind-pill kind-${kind}`}>{kindLabel[kind]}</span>
      </td>
      <td>
        <code>
          {kind === 'session-job' ? (spec.session && 'clusterId' in spec.session ? spec.session.clusterId : '—') : spec.clusterId}
        </code>
      </td>
      <td className="where">
        <Where doc={job.latest.document} />
      </td>
      <td>
        <span className="version-cell">
          <span className="version">v{job.latest.version}</span>
          {d ? (
            <Badge tone={deployTone[d.outcome]}>{d.version === job.latest.version ? d.outcome : `v${d.version} ${d.outcome}`}</Badge>
          ) : (
            <span className="muted">not deployed</span>
          )}
        </span>
        {changed && <span className="cell-sub changed-note">changed since deploy</span>}
        {d && (
          <span className="cell-sub" title={formatDateTime(d.at)}>
            deployed {timeAgo(d.at, now)}
          </span>
        )}
      </td>
      <td className="cell-actions">
        <Button variant="primary" className="btn-sm" onClick={onDeploy} aria-label={`Deploy ${job.name} (v${job.latest.version})`}>
          Deploy
        </Button>
        <Button className="btn-sm" onClick={onEdit} aria-label={`Edit ${job.name}`}>
          Edit
        </Button>
        <Button variant="ghost" className="btn-sm" onClick={onExport} aria-label={`Export YAML of ${job.name}`}>
          Export
        </Button>
        <Button variant="ghost" className="btn-sm btn-danger" onClick={onRemove} aria-label={`Remove saved job ${job.name}`}>
          Remove
        </Button>
      </td>
    </tr>
  );
}

/** Where a job goes: a session cluster's REST URL, or namespace over context. */
function Where({ doc }: { doc: JobDocument }) {
  const s = doc.spec;
  if (s.session && 'restUrl' in s.session) return <span className="mono-sm">{s.session.restUrl}</span>;
  return (
    <>
      <span className="where-ns">{s.namespace}</span>
      <span className="cell-sub">{s.context ?? '(no context)'}</span>
    </>
  );
}

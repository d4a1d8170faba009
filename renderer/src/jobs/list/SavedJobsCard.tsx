// The saved jobs: what a job is when there is none yet, else the table of them.
import type { SavedJobView } from '../../../../shared/contracts/deploy';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { JobsIcon } from '../../components/Icons';
import { SavedJobRow } from './SavedJobRow';

export interface SavedJobActions {
  onDeploy: (job: SavedJobView) => void;
  onEdit: (job: SavedJobView) => void;
  onExport: (job: SavedJobView) => void;
  onRemove: (job: SavedJobView) => void;
}

export function SavedJobsCard({
  jobs,
  now,
  onNew,
  actions,
}: {
  jobs: SavedJobView[];
  now: number;
  onNew: () => void;
  actions: SavedJobActions;
}) {
  if (jobs.length === 0)
    return (
      <Card>
        <EmptyState icon={<JobsIcon />} title="No saved jobs yet">
          <p>A job is a spec: what to run, on which image, with which resources, where. Create one and deploy it in a few steps.</p>
          <ul>
            <li>An Application cluster: one cluster per job, the jar inside a prebuilt image</li>
            <li>A Session cluster: a long-running cluster that jobs are submitted to</li>
            <li>A job for a session cluster, submitted through its REST URL</li>
          </ul>
          <p className="empty-actions">
            <Button variant="primary" onClick={onNew}>
              New job
            </Button>
          </p>
        </EmptyState>
      </Card>
    );
  return (
    <Card id="saved-jobs" title="Saved jobs" description="Each save is a version; the deployed one is recorded with its outcome.">
      <div className="table-scroll">
        <table className="data-table jobs-table" aria-label="Saved jobs">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Mode</th>
              <th scope="col">Cluster id</th>
              <th scope="col">Namespace</th>
              <th scope="col">Version</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <SavedJobRow
                key={j.name}
                job={j}
                now={now}
                onDeploy={() => actions.onDeploy(j)}
                onEdit={() => actions.onEdit(j)}
                onExport={() => actions.onExport(j)}
                onRemove={() => actions.onRemove(j)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

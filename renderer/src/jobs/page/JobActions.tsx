// The operations on the page's job: savepoint, stop with a savepoint, cancel, restart from a savepoint, delete the
// cluster. Each asks first — the destructive ones naming what will be lost — then runs as an operation whose steps
// show here; a failure says (from tracking) what state the job is really in.
import { useState } from 'react';
import type { TrackedClusterView } from '../../../../shared/contracts/tracking';
import type { OperationSnapshot } from '../../../../shared/operations';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { OperationSteps } from '../../components/OperationSteps';
import { useToast } from '../../components/Toasts';
import { useOperation } from '../../components/useOperation';
import { useTicker } from '../tracked/use-ticker';

export type Asking = 'savepoint' | 'stop' | 'cancel' | 'restart' | 'delete' | 'redeploy';

const ended = ['FINISHED', 'CANCELED', 'FAILED', 'TERMINATED', 'LOST'];

export function JobActions({
  cluster,
  jobId,
  asking,
  setAsking,
}: {
  cluster: TrackedClusterView;
  jobId?: string;
  asking?: Asking;
  setAsking: (a?: Asking) => void;
}) {
  const toast = useToast();
  const [opId, setOpId] = useState<string>();
  const [error, setError] = useState<string>();
  const [dir, setDir] = useState('');
  const [drain, setDrain] = useState(false);
  const [from, setFrom] = useState('');
  const [withHa, setWithHa] = useState(false);
  const [version, setVersion] = useState<number>();
  const [versions, setVersions] = useState<number>();
  const { snapshot } = useOperation(opId);
  const now = useTicker();
  const state = String((jobId ? cluster.jobs.find((j) => j.id === jobId)?.state : cluster.state)?.state ?? '');
  const running = !ended.includes(state);
  const target = { id: cluster.id, ...(jobId ? { jobId } : {}) };
  const jobLabel = jobId ? (cluster.jobs.find((j) => j.id === jobId)?.name ?? jobId) : (cluster.jobName ?? cluster.id);

  const start = (what: string, call: () => Promise<OperationSnapshot>) => {
    setAsking(undefined);
    setError(undefined);
    call().then(
      (s) => setOpId(s.id),
      (e: unknown) => setError(failureMessage(`Could not ${what}`, e)),
    );
  };
  const dirInput = (
    <label className="field-inline">
      Target directory (optional)
      <input
        type="text"
        value={dir}
        placeholder="the cluster’s execution.checkpointing.savepoint-dir"
        onChange={(e) => setDir(e.target.value)}
      />
    </label>
  );
  const targetDirectory = dir.trim() ? { targetDirectory: dir.trim() } : {};

  return (
    <div className="job-actions">
      <div className="job-actions-buttons" role="toolbar" aria-label="Job operations">
        <Button onClick={() => setAsking('savepoint')} disabled={!running}>
          Savepoint
        </Button>
        <Button onClick={() => setAsking('stop')} disabled={!running}>
          Stop with savepoint
        </Button>
        <Button onClick={() => setAsking('restart')}>Restart from savepoint</Button>
        <Button variant="danger" onClick={() => setAsking('cancel')} disabled={!running}>
          Cancel job
        </Button>
        {cluster.jobName && cluster.mode === 'application' && (
          <Button
            onClick={() => {
              void api.invoke('jobs.get', { name: cluster.jobName! }).then(
                (j) => (setVersions(j.latest.version), setVersion(Math.max(1, j.latest.version - 1))),
                (e: unknown) => setError(failureMessage('Could not read the saved job', e)),
              );
              setAsking('redeploy');
            }}
          >
            Redeploy a version…
          </Button>
        )}
        {cluster.ref.kind === 'kube' && (
          <Button variant="danger" onClick={() => setAsking('delete')}>
            Delete cluster
          </Button>
        )}
      </div>
      {error && <Banner tone="danger" title={error} />}
      {snapshot && (
        <div className="job-op" aria-live="polite">
          <strong>{snapshot.title}</strong>
          <OperationSteps steps={snapshot.steps} label={snapshot.title} now={now} />
          {snapshot.error && (
            <Banner tone="danger" title={snapshot.error.message} {...(snapshot.error.hint ? { hint: snapshot.error.hint } : {})} />
          )}
          {snapshot.status === 'succeeded' && <p className="muted">Done.</p>}
        </div>
      )}
      {asking === 'savepoint' && (
        <ConfirmDialog
          title={`Take a savepoint of ${jobLabel}?`}
          body={
            <>
              <p>The job keeps running. A large state takes a while; the savepoint is followed until Flink says it is written.</p>
              {dirInput}
            </>
          }
          confirmLabel="Take savepoint"
          onConfirm={() => start('take the savepoint', () => api.invoke('operate.savepoint', { ...target, ...targetDirectory }))}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'stop' && (
        <ConfirmDialog
          title={`Stop ${jobLabel} with a savepoint?`}
          body={
            <>
              <p>
                The job stops after the savepoint is written; it can start again from it. An application cluster shuts down with its job.
              </p>
              {dirInput}
              <label className="field-inline">
                <input type="checkbox" checked={drain} onChange={(e) => setDrain(e.target.checked)} /> Drain (emit the final watermark:
                timers fire, windows close — only when the job will not be resumed)
              </label>
            </>
          }
          confirmLabel="Stop with savepoint"
          danger
          onConfirm={() => start('stop the job', () => api.invoke('operate.stop', { ...target, ...targetDirectory, drain }))}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'cancel' && (
        <ConfirmDialog
          title={`Cancel ${jobLabel}?`}
          body={
            <p>
              The job stops <strong>without a savepoint</strong>: what it processed since its last completed checkpoint is lost unless
              checkpoints are retained. {cluster.mode === 'application' ? 'Its application cluster shuts down.' : ''}
            </p>
          }
          confirmLabel="Cancel the job"
          danger
          onConfirm={() => start('cancel the job', () => api.invoke('operate.cancel', target))}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'restart' && (
        <ConfirmDialog
          title={`Restart ${jobLabel} from a savepoint?`}
          body={
            <>
              <p>
                {from.trim()
                  ? 'The job starts again from the savepoint given.'
                  : 'The job is stopped with a new savepoint, then started again from it.'}{' '}
                {cluster.mode === 'application'
                  ? 'Its cluster is deployed again from the saved job (its HA data removed, so the savepoint is what it resumes from).'
                  : 'It is submitted again to the session cluster.'}
              </p>
              <label className="field-inline">
                Savepoint or retained checkpoint (optional)
                <input type="text" value={from} placeholder="file:///…/savepoint-…" onChange={(e) => setFrom(e.target.value)} />
              </label>
            </>
          }
          confirmLabel="Restart"
          danger
          onConfirm={() =>
            start('restart the job', () =>
              api.invoke('operate.restart', { ...target, ...(from.trim() ? { savepoint: from.trim() } : {}), ...targetDirectory }),
            )
          }
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'redeploy' && cluster.jobName && (
        <ConfirmDialog
          title={`Deploy an earlier version of ${cluster.jobName}?`}
          body={
            <>
              <p>
                The running cluster is replaced by the version chosen: its job stops <strong>without a savepoint</strong> (take one first,
                or use Restart from savepoint to keep the state).
              </p>
              <label className="field-inline">
                Version (the newest is {versions ?? '…'})
                <input
                  type="number"
                  min={1}
                  max={versions}
                  value={version ?? ''}
                  onChange={(e) => setVersion(Number(e.target.value) || undefined)}
                />
              </label>
            </>
          }
          confirmLabel="Deploy this version"
          danger
          onConfirm={() => {
            if (!version || (versions !== undefined && version > versions)) return setError(`Give a version from 1 to ${versions ?? '…'}`);
            start('deploy the version', () => api.invoke('jobs.apply', { name: cluster.jobName!, version, replace: true }));
          }}
          onCancel={() => setAsking(undefined)}
        />
      )}
      {asking === 'delete' && cluster.ref.kind === 'kube' && (
        <ConfirmDialog
          title={`Delete cluster ${cluster.ref.clusterId}?`}
          body={
            <>
              <p>
                Its Deployment goes, and with it the JobManager, the TaskManagers, its Services and ConfigMaps. Running jobs stop{' '}
                <strong>without a savepoint</strong>.
              </p>
              <label className="field-inline">
                <input type="checkbox" checked={withHa} onChange={(e) => setWithHa(e.target.checked)} /> Also delete its HA ConfigMaps (the
                job graph and checkpoint pointers a new cluster with this id would recover from)
              </label>
            </>
          }
          confirmLabel="Delete cluster"
          danger
          onConfirm={() => {
            setAsking(undefined);
            api.invoke('operate.delete', { id: cluster.id, withHa }).then(
              (r) => toast(`Deleted ${r.deleted.join(', ')}${r.haConfigMapsKept.length ? `; kept ${r.haConfigMapsKept.join(', ')}` : ''}`),
              (e: unknown) => setError(failureMessage('Could not delete the cluster', e)),
            );
          }}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </div>
  );
}

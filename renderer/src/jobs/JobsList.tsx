// The Jobs page's list: the saved jobs (what was changed, what is deployed, and how that went) and the Flink clusters
// found in the targets' namespaces — also those made outside Flink Desk — with Deploy, Edit, Export YAML, Remove and
// Delete cluster. Deletions are confirmed, each naming what goes.
import { useCallback, useEffect, useState } from 'react';
import type { ClusterListResult, FlinkClusterView, SavedJobView } from '../../../shared/contracts/deploy';
import { AppError } from '../../../shared/errors';
import { api, onReconnect } from '../api/client';
import { failureMessage } from '../api/failure';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmptyState } from '../components/EmptyState';
import { ClustersIcon, JobsIcon } from '../components/Icons';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useToast } from '../components/Toasts';
import { formatDateTime, timeAgo } from '../format/time';
import { DeployProgress } from './DeployProgress';
import { startDeploy, isSessionJob } from './deploy-actions';
import { setActiveDeploy, useActiveDeploy } from './deploy-state';
import { draftChanged, type JobDraft } from './draft';
import { ExportDialog } from './ExportDialog';
import { kindLabel, kindOf } from './job-labels';
import type { JobDocument } from '../../../shared/jobs/spec';

const asAppError = (e: unknown) => (e instanceof AppError ? e : new AppError({ code: 'internal', message: String(e) }));

export function JobsList({
  draft,
  onNew,
  onEdit,
  onResume,
  onDiscardDraft,
}: {
  draft: JobDraft | undefined;
  onNew: () => void;
  onEdit: (name: string) => void;
  onResume: () => void;
  onDiscardDraft: () => void;
}) {
  const toast = useToast();
  const [jobs, setJobs] = useState<SavedJobView[]>();
  const [jobsError, setJobsError] = useState<AppError>();
  const [clusters, setClusters] = useState<ClusterListResult>();
  const [clustersError, setClustersError] = useState<AppError>();
  const [loadingClusters, setLoadingClusters] = useState(false);
  const [deleting, setDeleting] = useState<FlinkClusterView>();
  const [withHa, setWithHa] = useState(false);
  const [removing, setRemoving] = useState<SavedJobView>();
  const [exporting, setExporting] = useState<SavedJobView>();
  const [replacing, setReplacing] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const active = useActiveDeploy();

  const loadJobs = useCallback(() => {
    api.invoke('jobs.list').then(
      (j) => {
        setJobs(j);
        setJobsError(undefined);
      },
      (e: unknown) => setJobsError(asAppError(e)),
    );
  }, []);
  // The first listing shows its own loading line; "Refresh" shows on its button.
  const loadClusters = useCallback(() => {
    api
      .invoke('clusters.list')
      .then(
        (c) => {
          setClusters(c);
          setClustersError(undefined);
        },
        (e: unknown) => setClustersError(asAppError(e)),
      )
      .finally(() => setLoadingClusters(false));
  }, []);
  const refresh = () => {
    setLoadingClusters(true);
    loadJobs();
    loadClusters();
  };
  useEffect(() => {
    loadJobs();
    loadClusters();
    const offJobs = api.on('jobs.changed', loadJobs);
    // A deploy that ends changes what runs: the clusters are listed again.
    const offOp = api.on('op', (ev) => {
      if ((ev.type === 'done' || ev.type === 'error') && ev.snapshot.kind === 'deploy') loadClusters();
    });
    const offReconnect = onReconnect(() => (loadJobs(), loadClusters()));
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      offJobs();
      offOp();
      offReconnect();
      clearInterval(tick);
    };
  }, [loadJobs, loadClusters]);

  const deploy = async (job: SavedJobView, replace = false) => {
    try {
      const op = await startDeploy({ name: job.name }, replace);
      setActiveDeploy({ opId: op.id, what: job.name, source: { name: job.name }, sessionJob: isSessionJob(job.latest.document) });
    } catch (e) {
      toast(failureMessage('Not deployed', e), 'error');
    }
  };
  const replace = async () => {
    if (!active) return;
    setReplacing(true);
    try {
      const op = await startDeploy(active.source, true);
      setActiveDeploy({ ...active, opId: op.id });
    } catch (e) {
      toast(failureMessage('Not replaced', e), 'error');
    } finally {
      setReplacing(false);
    }
  };
  const deleteCluster = async (c: FlinkClusterView) => {
    setDeleting(undefined);
    try {
      const r = await api.invoke('clusters.delete', {
        context: c.context,
        namespace: c.namespace,
        clusterId: c.clusterId,
        ...(withHa ? { withHa: true } : {}),
      });
      toast(
        `Deleted cluster ${c.clusterId}${r.haConfigMapsKept.length ? ` (kept ${r.haConfigMapsKept.length} HA ConfigMap${r.haConfigMapsKept.length > 1 ? 's' : ''})` : ''}`,
      );
      loadClusters();
    } catch (e) {
      toast(failureMessage('Not deleted', e), 'error');
    }
  };
  const removeJob = async (j: SavedJobView) => {
    setRemoving(undefined);
    try {
      await api.invoke('jobs.remove', { name: j.name });
      toast(`Removed saved job ${j.name}`);
      loadJobs();
    } catch (e) {
      toast(failureMessage('Not removed', e), 'error');
    }
  };

  const noTargets = clustersError?.code === 'invalid-input';

  return (
    <div className="page page-wide">
      <PageHeader
        title="Jobs"
        description="Saved Flink jobs and the Flink clusters running in your target namespaces, in Application and Session mode."
        actions={
          <>
            <Button onClick={refresh} busy={loadingClusters} disabled={loadingClusters}>
              Refresh
            </Button>
            <Button variant="primary" onClick={onNew}>
              New job
            </Button>
          </>
        }
      />
      {draftChanged(draft) && (
        <div className="draft-note" role="note">
          <span>
            <strong>Unsaved draft:</strong> {draft!.editing ? `changes to ${draft!.editing.name}` : draft!.form.name || 'a new job'} (
            {kindLabel[draft!.form.kind]})
          </span>
          <span className="page-actions">
            <Button variant="ghost" onClick={onDiscardDraft}>
              Discard draft
            </Button>
            <Button onClick={onResume}>Continue editing</Button>
          </span>
        </div>
      )}
      {active && (
        <DeployProgress
          key={active.opId}
          opId={active.opId}
          what={active.what}
          onClose={() => setActiveDeploy(undefined)}
          replacing={replacing}
          {...(active.sessionJob ? {} : { onReplace: () => void replace() })}
        />
      )}

      {jobsError && (
        <Banner
          tone="danger"
          title={`The saved jobs could not be read: ${jobsError.message}`}
          {...(jobsError.hint ? { hint: jobsError.hint } : {})}
        >
          <Button onClick={loadJobs}>Retry</Button>
        </Banner>
      )}
      {!jobs && !jobsError && <Loading label="Loading saved jobs…" rows={3} />}
      {jobs && jobs.length === 0 && (
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
      )}
      {jobs && jobs.length > 0 && (
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
                  <JobRow
                    key={j.name}
                    job={j}
                    now={now}
                    onDeploy={() => void deploy(j)}
                    onEdit={() => onEdit(j.name)}
                    onExport={() => setExporting(j)}
                    onRemove={() => setRemoving(j)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}

      <Card
        id="flink-clusters"
        title="Flink clusters"
        description="Every Flink native-Kubernetes cluster in the namespaces of your targets, including ones made with Flink’s own CLI or another tool."
      >
        {clusters?.problems.map((p) => (
          <Banner
            key={`${p.context}/${p.namespace}`}
            tone="warn"
            title={`${p.context} / ${p.namespace}: ${p.message}`}
            {...(p.hint ? { hint: p.hint } : {})}
          />
        ))}
        {clustersError && !noTargets && (
          <Banner
            tone="danger"
            title={`The clusters could not be listed: ${clustersError.message}`}
            {...(clustersError.hint ? { hint: clustersError.hint } : {})}
          >
            <Button onClick={loadClusters}>Retry</Button>
          </Banner>
        )}
        {noTargets && (
          <EmptyState icon={<ClustersIcon />} title="No namespace to look in">
            <p>Flink clusters are listed from the namespaces of your targets. Add one on the Clusters page.</p>
            <p className="empty-actions">
              <a className="btn" href="#/clusters">
                Go to Clusters
              </a>
            </p>
          </EmptyState>
        )}
        {!clusters && !clustersError && (
          <div role="status" className="loading-label">
            <span className="spinner" aria-hidden /> Looking for Flink clusters…
          </div>
        )}
        {clusters && clusters.clusters.length === 0 && (
          <p className="muted empty-inline">
            No Flink cluster runs in {clusters.problems.length ? 'the namespaces that answered' : 'your target namespaces'}.
          </p>
        )}
        {clusters && clusters.clusters.length > 0 && (
          <div className="table-scroll">
            <table className="data-table clusters-table" aria-label="Flink clusters">
              <thead>
                <tr>
                  <th scope="col">Cluster id</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Namespace</th>
                  <th scope="col">JobManager</th>
                  <th scope="col">Rest service</th>
                  <th scope="col">Image</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {clusters.clusters.map((c) => (
                  <ClusterRow
                    key={`${c.context}/${c.namespace}/${c.clusterId}`}
                    cluster={c}
                    now={now}
                    onDelete={() => (setWithHa(false), setDeleting(c))}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {deleting && (
        <ConfirmDialog
          title={`Delete cluster ${deleting.clusterId}?`}
          body={
            <>
              <p>
                Deletes the JobManager Deployment <code>{deleting.clusterId}</code> in {deleting.context} / {deleting.namespace}. Kubernetes
                then removes what it owns: the TaskManager pods, the Services <code>{deleting.clusterId}</code> and{' '}
                <code>{deleting.clusterId}-rest</code>, and the ConfigMaps <code>flink-config-{deleting.clusterId}</code> and{' '}
                <code>pod-template-{deleting.clusterId}</code>.
              </p>
              <p>
                {deleting.mode === 'session' ? 'Every job running in this session cluster stops' : 'The job stops'}; state that is not in a
                savepoint or a retained checkpoint is lost.
              </p>
              <label className="check">
                <input type="checkbox" checked={withHa} onChange={(e) => setWithHa(e.target.checked)} />
                <span>
                  Also delete the HA ConfigMaps
                  <span className="check-help">
                    Flink keeps them so a cluster started again with this id recovers its jobs from their latest checkpoints. Deleting them
                    forgets that.
                  </span>
                </span>
              </label>
            </>
          }
          confirmLabel={withHa ? 'Delete cluster and HA data' : 'Delete cluster'}
          danger
          onConfirm={() => void deleteCluster(deleting)}
          onCancel={() => setDeleting(undefined)}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove saved job ${removing.name}?`}
          body={
            <p>
              Flink Desk forgets this spec: its {removing.versions} version{removing.versions > 1 ? 's' : ''} and its deploy history.
              Nothing changes on Kubernetes: a cluster it deployed keeps running and stays in the clusters list. Export the YAML first to
              keep a copy.
            </p>
          }
          confirmLabel="Remove saved job"
          danger
          onConfirm={() => void removeJob(removing)}
          onCancel={() => setRemoving(undefined)}
        />
      )}
      {exporting && <ExportDialog name={exporting.name} version={exporting.latest.version} onClose={() => setExporting(undefined)} />}
    </div>
  );
}

const deployTone = { running: 'neutral', succeeded: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' } as const;

function JobRow({
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

function ClusterRow({ cluster: c, now, onDelete }: { cluster: FlinkClusterView; now: number; onDelete: () => void }) {
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

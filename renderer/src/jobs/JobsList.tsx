// The Jobs page's list: the saved jobs (what was changed, what is deployed, and how that went) and the Flink clusters
// found in the targets' namespaces — also those made outside Flink Desk — with Deploy, Edit, Export YAML, Remove and
// Delete cluster. Deletions are confirmed, each naming what goes. The parts are in list/; this file composes them
// and runs the actions.
import { useState } from 'react';
import type { FlinkClusterView, SavedJobView } from '../../../shared/contracts/deploy';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useToast } from '../components/Toasts';
import { DeployProgress } from './DeployProgress';
import { startDeploy, isSessionJob } from './deploy-actions';
import { setActiveDeploy, useActiveDeploy } from './deploy-state';
import { draftChanged, type JobDraft } from './draft';
import { ExportDialog } from './ExportDialog';
import { DeleteClusterDialog } from './list/DeleteClusterDialog';
import { DraftNote } from './list/DraftNote';
import { FlinkClustersCard } from './list/FlinkClustersCard';
import { RemoveJobDialog } from './list/RemoveJobDialog';
import { SavedJobsCard } from './list/SavedJobsCard';
import { useJobsList } from './list/use-jobs-list';
import { TrackedCard } from './tracked/TrackedCard';

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
  const { jobs, jobsError, clusters, clustersError, loadingClusters, now, loadJobs, loadClusters, refresh } = useJobsList();
  const [deleting, setDeleting] = useState<FlinkClusterView>();
  const [removing, setRemoving] = useState<SavedJobView>();
  const [exporting, setExporting] = useState<SavedJobView>();
  const [replacing, setReplacing] = useState(false);
  const active = useActiveDeploy();

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
  const deleteCluster = async (c: FlinkClusterView, withHa: boolean) => {
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

  return (
    <div className="page page-wide">
      <PageHeader
        title="Jobs"
        description="Saved Flink jobs, what Flink Desk tracks, and the Flink clusters running in your target namespaces, in Application and Session mode."
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
      {draftChanged(draft) && <DraftNote draft={draft!} onResume={onResume} onDiscard={onDiscardDraft} />}
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
      {jobs && (
        <SavedJobsCard
          jobs={jobs}
          now={now}
          onNew={onNew}
          actions={{
            onDeploy: (j) => void deploy(j),
            onEdit: (j) => onEdit(j.name),
            onExport: setExporting,
            onRemove: setRemoving,
          }}
        />
      )}

      <TrackedCard found={clusters?.clusters} />

      <FlinkClustersCard clusters={clusters} error={clustersError} now={now} onRetry={loadClusters} onDelete={setDeleting} />

      {deleting && (
        <DeleteClusterDialog
          cluster={deleting}
          onConfirm={(withHa) => void deleteCluster(deleting, withHa)}
          onCancel={() => setDeleting(undefined)}
        />
      )}
      {removing && <RemoveJobDialog job={removing} onConfirm={() => void removeJob(removing)} onCancel={() => setRemoving(undefined)} />}
      {exporting && <ExportDialog name={exporting.name} version={exporting.latest.version} onClose={() => setExporting(undefined)} />}
    </div>
  );
}

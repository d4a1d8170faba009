// "Delete cluster X?": what goes (the Deployment and what it owns), what stops, and the HA ConfigMaps on request.
import { useState } from 'react';
import type { FlinkClusterView } from '../../../../shared/contracts/deploy';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function DeleteClusterDialog({
  cluster: c,
  onConfirm,
  onCancel,
}: {
  cluster: FlinkClusterView;
  onConfirm: (withHa: boolean) => void;
  onCancel: () => void;
}) {
  const [withHa, setWithHa] = useState(false);
  return (
    <ConfirmDialog
      title={`Delete cluster ${c.clusterId}?`}
      body={
        <>
          <p>
            Deletes the JobManager Deployment <code>{c.clusterId}</code> in {c.context} / {c.namespace}. Kubernetes then removes what it
            owns: the TaskManager pods, the Services <code>{c.clusterId}</code> and <code>{c.clusterId}-rest</code>, and the ConfigMaps{' '}
            <code>flink-config-{c.clusterId}</code> and <code>pod-template-{c.clusterId}</code>.
          </p>
          <p>
            {c.mode === 'session' ? 'Every job running in this session cluster stops' : 'The job stops'}; state that is not in a savepoint
            or a retained checkpoint is lost.
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
      onConfirm={() => onConfirm(withHa)}
      onCancel={onCancel}
    />
  );
}

// "Remove saved job X?": Flink Desk forgets the spec and its history; nothing changes on Kubernetes.
import type { SavedJobView } from '../../../../shared/contracts/deploy';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function RemoveJobDialog({ job, onConfirm, onCancel }: { job: SavedJobView; onConfirm: () => void; onCancel: () => void }) {
  return (
    <ConfirmDialog
      title={`Remove saved job ${job.name}?`}
      body={
        <p>
          Flink Desk forgets this spec: its {job.versions} version{job.versions > 1 ? 's' : ''} and its deploy history. Nothing changes on
          Kubernetes: a cluster it deployed keeps running and stays in the clusters list. Export the YAML first to keep a copy.
        </p>
      }
      confirmLabel="Remove saved job"
      danger
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}

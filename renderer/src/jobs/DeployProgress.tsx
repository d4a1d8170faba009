// A deploy (or a session submission) as it runs: its steps live (useOperation follows the `op` events and re-reads
// the snapshot after a reconnect), then how it ended. A cluster id already taken is a conflict the user resolves
// explicitly: "Replace" deletes the running cluster first, and says so before it does.
import type { OperationSnapshot } from '../../../shared/operations';
import { api } from '../api/client';
import { Badge } from '../components/Badge';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { OperationSteps } from '../components/OperationSteps';
import { useOperation } from '../components/useOperation';

const outcomeTone = { running: 'neutral', succeeded: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' } as const;
const outcomeText = {
  running: 'deploying',
  succeeded: 'deployed',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
} as const;

export function DeployProgress({
  opId,
  what,
  onReplace,
  onClose,
  replacing,
}: {
  opId: string;
  what: string;
  /** Offered when the cluster id is taken; absent where replacing makes no sense (a session job). */
  onReplace?: () => void;
  onClose: () => void;
  replacing?: boolean;
}) {
  const { snapshot, error } = useOperation(opId);
  const status = snapshot?.status ?? 'running';
  const conflict = snapshot?.status === 'failed' && snapshot.error?.code === 'conflict';
  return (
    <section className="card deploy-progress" aria-labelledby={`deploy-${opId}-title`} data-status={status}>
      <div className="deploy-progress-head">
        <div>
          <h2 id={`deploy-${opId}-title`}>{snapshot?.title ?? `Deploying ${what}`}</h2>
          <p className="muted" aria-live="polite">
            <Badge tone={outcomeTone[status]}>{outcomeText[status]}</Badge> <Summary snapshot={snapshot} />
          </p>
        </div>
        <div className="page-actions">
          {status === 'running' && (
            <Button variant="ghost" onClick={() => void api.invoke('operations.cancel', { id: opId }).catch(() => undefined)}>
              Cancel
            </Button>
          )}
          {status !== 'running' && <Button onClick={onClose}>Dismiss</Button>}
        </div>
      </div>
      {error && (
        <Banner tone="danger" title="The deploy could not be followed" hint="Reload the page to read its state again.">
          {error}
        </Banner>
      )}
      {conflict && onReplace && (
        <Banner
          tone="warn"
          title={snapshot.error!.message}
          hint="Replacing deletes the running JobManager and TaskManagers first; its HA ConfigMaps are kept."
        >
          <div className="banner-actions">
            <Button variant="danger" onClick={onReplace} busy={replacing} disabled={replacing}>
              Replace the running cluster
            </Button>
          </div>
        </Banner>
      )}
      {snapshot && !conflict && snapshot.status === 'failed' && snapshot.error && (
        <Banner tone="danger" title={snapshot.error.message} {...(snapshot.error.hint ? { hint: snapshot.error.hint } : {})} />
      )}
      {snapshot && <OperationSteps steps={snapshot.steps} label={`Steps of ${snapshot.title}`} />}
    </section>
  );
}

function Summary({ snapshot }: { snapshot: OperationSnapshot | undefined }) {
  if (!snapshot) return <span>Starting…</span>;
  const r = snapshot.result as { jobManager?: { detail?: string }; jobId?: string; state?: string } | undefined;
  if (snapshot.status === 'succeeded' && r?.jobManager?.detail) return <span>{r.jobManager.detail}</span>;
  if (snapshot.status === 'succeeded' && r?.jobId)
    return (
      <span>
        Job {r.jobId} is {r.state}
      </span>
    );
  const running = snapshot.steps.find((s) => s.status === 'running');
  if (running) return <span>{running.title}…</span>;
  return null;
}

// The registry's verification card: the four steps (login, push, pull, cleanup) live while they run, the last
// result and when it was taken, cancel. A verification still running after a reload is picked up again.
import { useEffect, useState } from 'react';
import type { RegistryView } from '../../../shared/contracts/registry';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import { api } from '../api/client';
import { Badge } from './Badge';
import { Button } from './Button';
import { Card } from './Card';
import { OperationSteps, type StepView } from './OperationSteps';
import { useOperation } from './useOperation';
import { formatDateTime, timeAgo } from '../format/time';

const pendingSteps: StepView[] = [
  { id: 'login', title: 'Log in', status: 'pending' },
  { id: 'push', title: 'Push a probe image', status: 'pending' },
  { id: 'pull', title: 'Remove it locally and pull it back', status: 'pending' },
  { id: 'cleanup', title: 'Clean up', status: 'pending' },
];

export function RegistryVerification({
  view,
  unsaved,
  onStartError,
}: {
  view: RegistryView;
  /** The form has unsaved edits: verification uses the saved settings, so it waits. */
  unsaved: boolean;
  onStartError: (error: AppErrorInfo & { title: string }) => void;
}) {
  const last = view.lastVerification;
  // The page remounts this card (React key) whenever the settings are saved, so a finished verification of older
  // settings is not shown any more; one still running — also after a reload — is followed through the view.
  const [started, setStarted] = useState<string>();
  const opId = started ?? (last?.status === 'running' ? last.opId : undefined);
  const { snapshot } = useOperation(opId);
  const running = snapshot?.status === 'running';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  const verify = async () => {
    try {
      setStarted((await api.invoke('registry.verify')).id);
    } catch (e) {
      const info = e instanceof AppError ? e.toInfo() : { code: 'internal' as const, message: String(e) };
      onStartError({ ...info, title: 'Verification could not start' });
    }
  };

  const steps: StepView[] = snapshot?.steps ?? (last && last.status !== 'running' && last.steps.length ? last.steps : pendingSteps);
  const canVerify = Boolean(view.address && view.username && view.hasPassword) && !unsaved && !running;

  return (
    <Card
      id="registry-verify"
      title="Verification"
      description={
        <>
          Logs in, pushes a tiny probe image as <code>{`${view.address || '<address>'}/${view.namespace}/flink-desk-probe:<random>`}</code>,
          removes it locally and pulls it back, then cleans up — locally, and in the registry when it allows deletes.
        </>
      }
    >
      <div className="verify-head">
        <LastResult view={view} now={now} running={running} />
        <div className="page-actions">
          {unsaved && <span className="muted">Save first: Verify uses the saved settings.</span>}
          {!unsaved && !view.hasPassword && <span className="muted">Save a user and password first.</span>}
          {running && opId && (
            <Button variant="ghost" onClick={() => void api.invoke('operations.cancel', { id: opId }).catch(() => undefined)}>
              Cancel
            </Button>
          )}
          <Button variant="primary" onClick={() => void verify()} disabled={!canVerify} busy={running}>
            {running ? 'Verifying…' : 'Verify'}
          </Button>
        </div>
      </div>
      <OperationSteps steps={steps} label="Verification steps" />
    </Card>
  );
}

function LastResult({ view, now, running }: { view: RegistryView; now: number; running: boolean }) {
  const last = view.lastVerification;
  if (running) return <span className="verify-last">Verifying now…</span>;
  if (!last) return <span className="verify-last muted">Not verified yet.</span>;
  const tone = last.status === 'passed' ? 'ok' : last.status === 'failed' ? 'danger' : 'warn';
  return (
    <span className="verify-last">
      <Badge tone={tone}>{last.status}</Badge>
      <span>
        Verified {timeAgo(last.at, now)}{' '}
        <time className="muted" dateTime={new Date(last.at).toISOString()}>
          ({formatDateTime(last.at)})
        </time>
      </span>
    </span>
  );
}

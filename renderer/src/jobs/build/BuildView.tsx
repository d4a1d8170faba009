// One build of a job, live while it runs and the same afterwards: its steps with progress bars, start times and
// durations; cancel; how it ended (the image and digest, or the error with its hint); the log of the running step,
// or of the step the user picks. A build a deploy ran first is that deploy's operation: its steps are shown, the
// build's own step chosen, and the image from the job's build record.
import { useState } from 'react';
import type { BuildRecordView, BuildResult } from '../../../../shared/contracts/build';
import type { OperationSnapshot } from '../../../../shared/operations';
import { api } from '../../api/client';
import { Badge } from '../../components/Badge';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { formatDuration, OperationSteps } from '../../components/OperationSteps';
import { useOperation } from '../../components/useOperation';
import { useToast } from '../../components/Toasts';
import { failureMessage } from '../../api/failure';
import { formatDateTime } from '../../format/time';
import { BuildError } from './BuildError';
import { BuildLog } from './BuildLog';
import { BuildResultPanel, type ShownResult } from './BuildResultPanel';
import { defaultLogStep } from './log-step';
import { useNow } from './use-now';

const outcomeTone = { running: 'neutral', succeeded: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' } as const;
const outcomeText = {
  running: 'building',
  succeeded: 'built',
  failed: 'failed',
  cancelled: 'cancelled',
  interrupted: 'interrupted',
} as const;

export function BuildView({ opId, record }: { opId: string; record?: BuildRecordView }) {
  const { snapshot, error } = useOperation(opId);
  if (error)
    return (
      <Banner tone="danger" title="This build could not be read" hint="Reload the page to read it again.">
        {error}
      </Banner>
    );
  if (!snapshot)
    return (
      <div className="build-view build-view-loading" role="status">
        <span className="spinner" aria-hidden /> Reading the build…
      </div>
    );
  return <BuildOf key={snapshot.id} snapshot={snapshot} record={record} />;
}

/** What the panel shows of a finished build: the operation's own result, or (a deploy's build) the record's. */
function shownResult(snapshot: OperationSnapshot, record: BuildRecordView | undefined): ShownResult | undefined {
  if (snapshot.kind === 'build') return snapshot.status === 'succeeded' ? (snapshot.result as BuildResult | undefined) : undefined;
  if (record?.outcome !== 'succeeded' || !record.image || !record.digest) return undefined;
  return {
    image: record.image,
    digest: record.digest,
    uploadedBytes: record.uploadedBytes ?? 0,
    reused: record.reused ?? false,
    version: record.version,
    ...(record.engine ? { engine: record.engine } : {}),
  };
}

function BuildOf({ snapshot, record }: { snapshot: OperationSnapshot; record: BuildRecordView | undefined }) {
  const toast = useToast();
  const running = snapshot.status === 'running';
  const now = useNow(running);
  const [picked, setPicked] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const ofDeploy = snapshot.kind !== 'build';
  const logStep =
    snapshot.steps.find((s) => s.id === (picked ?? (ofDeploy ? record?.deployStep : undefined))) ?? defaultLogStep(snapshot.steps);
  const took = (snapshot.endedAt ?? now) - snapshot.startedAt;
  const result = shownResult(snapshot, record);
  // The error panel above says the failed step's message and hint already.
  const steps = snapshot.steps.map((s) =>
    s.status === 'failed'
      ? {
          ...s,
          hint: s.hint === snapshot.error?.hint ? undefined : s.hint,
          detail: s.detail === snapshot.error?.message ? 'See above.' : s.detail,
        }
      : s,
  );

  const cancel = async () => {
    setCancelling(true);
    try {
      await api.invoke('operations.cancel', { id: snapshot.id });
    } catch (e) {
      toast(failureMessage('Not cancelled', e), 'error');
      setCancelling(false);
    }
  };

  return (
    <section className="build-view" data-status={snapshot.status} aria-labelledby={`build-${snapshot.id}-title`}>
      <div className="build-view-head">
        <div>
          <h3 id={`build-${snapshot.id}-title`}>
            {snapshot.title}
            {result && <span className="muted"> · version {result.version}</span>}
          </h3>
          <p className="build-view-meta" aria-live="polite">
            <Badge tone={outcomeTone[snapshot.status]}>{outcomeText[snapshot.status]}</Badge>
            <span>
              started <time dateTime={new Date(snapshot.startedAt).toISOString()}>{formatDateTime(snapshot.startedAt)}</time>
            </span>
            <span>· {running ? `${formatDuration(took)} so far` : `took ${formatDuration(took)}`}</span>
          </p>
        </div>
        {running && (
          <Button
            variant="danger"
            onClick={() => void cancel()}
            busy={cancelling || snapshot.cancelRequested}
            disabled={cancelling || snapshot.cancelRequested}
          >
            {cancelling || snapshot.cancelRequested ? 'Cancelling…' : ofDeploy ? 'Cancel deploy' : 'Cancel build'}
          </Button>
        )}
      </div>
      {result && <BuildResultPanel result={result} />}
      {!running && snapshot.status !== 'succeeded' && <BuildError snapshot={snapshot} />}
      <OperationSteps
        steps={steps}
        label={`Steps of ${snapshot.title}`}
        now={now}
        {...(logStep ? { selected: logStep.id } : {})}
        onSelect={setPicked}
      />
      {logStep && (
        <BuildLog
          key={logStep.id}
          opId={snapshot.id}
          stepId={logStep.id}
          stepTitle={logStep.title}
          running={logStep.status === 'running'}
          onEngage={() => setPicked((p) => p ?? logStep.id)}
        />
      )}
    </section>
  );
}

// How a build ended badly: the error and what to do about it, with the step it happened in and that step's own
// account (a compile error's file and line) when it says more than the error.
import type { OperationSnapshot } from '../../../../shared/operations';
import { Banner } from '../../components/Banner';

export function BuildError({ snapshot }: { snapshot: OperationSnapshot }) {
  const failed = snapshot.steps.findIndex((s) => s.status === 'failed');
  const step = failed >= 0 ? snapshot.steps[failed] : undefined;
  const error = snapshot.error;
  const stopped = snapshot.status === 'cancelled' || snapshot.status === 'interrupted';
  const title = error?.message ?? (stopped ? 'Cancelled' : 'The build failed');
  const hint = error?.hint ?? step?.hint;
  return (
    <div className="build-error" data-outcome={snapshot.status}>
      <Banner tone={stopped ? 'warn' : 'danger'} title={title} {...(hint ? { hint: `What to do: ${hint}` } : {})}>
        {step && (
          <div className="build-error-step">
            In step {failed + 1}, {step.title.toLowerCase()}
            {step.detail && step.detail !== title && (
              <>
                : <code className="build-error-detail">{step.detail}</code>
              </>
            )}
          </div>
        )}
      </Banner>
    </div>
  );
}

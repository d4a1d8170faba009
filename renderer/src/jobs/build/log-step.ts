// Which step's log the build view shows when the user has picked none: the running one, else the failed one, else
// the last one that wrote anything (a finished build: its push, or the Maven log when that was the last).
import type { OperationStep } from '../../../../shared/operations';

export function defaultLogStep(steps: OperationStep[]): OperationStep | undefined {
  return (
    steps.find((s) => s.status === 'running') ??
    steps.find((s) => s.status === 'failed') ??
    [...steps].reverse().find((s) => (s.logLines ?? 0) > 0) ??
    steps[0]
  );
}

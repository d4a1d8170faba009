// A build run inside another operation (a deploy of a job on image.base) as ONE step of it: the build's steps
// become that step's detail and progress (each a fifth of it), their logs its log; the signal is the outer one, so
// cancelling the deploy stops the build's Maven tree or push too. The step's failure is left to the outer step.
import { buildSteps } from '../../../shared/contracts/build';
import type { OperationContext } from '../operations/operation-registry';

export function asOneStep(outer: OperationContext, stepId: string): OperationContext {
  const index = (id: string) =>
    Math.max(
      0,
      buildSteps.findIndex((s) => s.id === id),
    );
  const title = (id: string) => buildSteps.find((s) => s.id === id)?.title ?? id;
  const share = 1 / buildSteps.length;
  return {
    id: outer.id,
    signal: outer.signal,
    step: (id, patch) => {
      const at = index(id);
      const within =
        patch.status === 'succeeded' || patch.status === 'skipped' ? 1 : (patch.progress ?? (patch.status === 'running' ? 0 : undefined));
      outer.step(stepId, {
        ...(within !== undefined ? { progress: Math.min(1, (at + within) * share) } : {}),
        ...(patch.detail || patch.status === 'running' ? { detail: `${title(id)}${patch.detail ? `: ${patch.detail}` : ''}` } : {}),
        ...(patch.status === 'failed' && patch.hint ? { hint: patch.hint } : {}),
      });
    },
    log: (...lines) => outer.logTo(stepId, ...lines),
    logTo: (_id, ...lines) => outer.logTo(stepId, ...lines),
  };
}

// Running an operation's steps in order: a failing step shows its own message and hint (the UI shows the step, not
// only the operation's error), and the steps after it read "not tried" instead of staying pending.
import { AppError } from '../../../shared/errors';
import type { OperationContext } from '../operations/operation-registry';

export async function inStep<T>(ctx: OperationContext, id: string, later: string[], fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const info = e instanceof AppError ? e : undefined;
    if (!ctx.signal.aborted)
      ctx.step(id, { status: 'failed', ...(info ? { detail: info.message } : {}), ...(info?.hint ? { hint: info.hint } : {}) });
    const why = ctx.signal.aborted ? 'Not tried: the operation was stopped' : 'Not tried: a step before it failed';
    for (const s of later) ctx.step(s, { status: 'skipped', detail: why });
    throw e;
  }
}

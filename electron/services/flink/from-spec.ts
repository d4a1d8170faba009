// A job spec's session submission (what `jobs.render` derives from `mode: session` + `session:`) as the request the
// submit operation takes. The REST URL is resolved by the caller: the spec's restUrl as it is, or, for a session
// cluster on Kubernetes (clusterId), the address the access layer reaches it at.
import type { SessionSubmission } from '../../../shared/contracts/jobs';
import { AppError } from '../../../shared/errors';
import { restoreModes, type RestoreMode } from './rest-schemas';
import type { SessionSubmitRequest } from './session-submit';

const isRestoreMode = (v: string): v is RestoreMode => (restoreModes as readonly string[]).includes(v);

export function submitRequestFromSpec(
  s: SessionSubmission,
  restUrl: string,
  options: { keepJar?: boolean; wait?: boolean; waitSec?: number } = {},
): SessionSubmitRequest {
  if (s.restoreMode !== undefined && !isRestoreMode(s.restoreMode))
    throw new AppError({
      code: 'invalid-input',
      message: `spec.job.savepoint.restoreMode: must be CLAIM, NO_CLAIM or LEGACY (got '${s.restoreMode}')`,
      fields: { 'spec.job.savepoint.restoreMode': 'must be CLAIM, NO_CLAIM or LEGACY' },
    });
  const restoreMode = s.restoreMode;
  return {
    restUrl,
    jar: s.jar,
    ...(s.entryClass ? { entryClass: s.entryClass } : {}),
    ...(s.args.length ? { args: s.args } : {}),
    ...(s.parallelism !== undefined ? { parallelism: s.parallelism } : {}),
    ...(s.savepointPath
      ? {
          savepoint: {
            path: s.savepointPath,
            ...(s.allowNonRestoredState !== undefined ? { allowNonRestoredState: s.allowNonRestoredState } : {}),
            ...(restoreMode ? { restoreMode } : {}),
          },
        }
      : {}),
    keepJar: options.keepJar ?? false,
    wait: options.wait ?? true,
    waitSec: options.waitSec ?? 180,
  };
}

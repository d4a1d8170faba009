// Starting a deploy from the renderer: an application or session cluster goes through jobs.apply (saved as a
// version, then created step by step); a job for a session cluster reached by REST URL is saved, then submitted
// through flink.session.submit. Either way the answer is an operation to follow.
import type { JobDocument } from '../../../shared/jobs/spec';
import type { OperationSnapshot } from '../../../shared/operations';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';

export type DeploySource = { document: Record<string, unknown> } | { name: string };

export function isSessionJob(doc: { spec?: { mode?: unknown; session?: unknown } }): boolean {
  return doc.spec?.mode === 'session' && doc.spec.session !== undefined;
}

async function submitSessionJob(doc: JobDocument): Promise<OperationSnapshot> {
  const s = doc.spec;
  if (!s.session || !('restUrl' in s.session))
    throw new AppError({
      code: 'not-available',
      message: 'Submitting to a session cluster on Kubernetes by its cluster id needs its REST address',
      hint: 'Give the session cluster’s REST URL (a NodePort or LoadBalancer address, or a port-forward) until the access layer can reach it',
    });
  const jar = s.artifact && 'jar' in s.artifact ? s.artifact.jar : '';
  const sp = s.job?.savepoint;
  return api.invoke('flink.session.submit', {
    restUrl: s.session.restUrl,
    jar,
    ...(s.job?.entryClass ? { entryClass: s.job.entryClass } : {}),
    ...(s.job?.args?.length ? { args: s.job.args } : {}),
    ...(s.job?.parallelism ? { parallelism: s.job.parallelism } : {}),
    ...(sp?.path
      ? {
          savepoint: {
            path: sp.path,
            ...(sp.allowNonRestoredState !== undefined ? { allowNonRestoredState: sp.allowNonRestoredState } : {}),
            ...(sp.restoreMode ? { restoreMode: sp.restoreMode } : {}),
          },
        }
      : {}),
    ...(s.flinkConfiguration && Object.keys(s.flinkConfiguration).length ? { flinkConfiguration: s.flinkConfiguration } : {}),
  });
}

/** Saves and deploys; the operation it started. */
export async function startDeploy(source: DeploySource, replace = false): Promise<OperationSnapshot> {
  if ('document' in source && isSessionJob(source.document)) {
    const { job } = await api.invoke('jobs.save', { document: source.document });
    return submitSessionJob(job.latest.document);
  }
  if ('name' in source) {
    const job = await api.invoke('jobs.get', { name: source.name });
    if (isSessionJob(job.latest.document)) return submitSessionJob(job.latest.document);
  }
  return api.invoke('jobs.apply', { ...source, ...(replace ? { replace: true } : {}) });
}

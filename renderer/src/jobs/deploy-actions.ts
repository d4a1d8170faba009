// Starting a deploy from the renderer: everything goes through jobs.apply — an application or session cluster is
// saved as a version and created step by step; a job for a session cluster reached by REST URL is saved and
// submitted through the cluster's REST API. Either way the answer is an operation to follow, and the deployment is
// recorded with its version.
import type { OperationSnapshot } from '../../../shared/operations';
import { api } from '../api/client';

export type DeploySource = { document: Record<string, unknown> } | { name: string };

export function isSessionJob(doc: { spec?: { mode?: unknown; session?: unknown } }): boolean {
  return doc.spec?.mode === 'session' && doc.spec.session !== undefined;
}

/** Saves and deploys; the operation it started. `replace` deletes a running cluster of the same id first. */
export function startDeploy(source: DeploySource, replace = false): Promise<OperationSnapshot> {
  return api.invoke('jobs.apply', { ...source, ...(replace ? { replace: true } : {}) });
}

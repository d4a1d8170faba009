// Starting a build from the job's page: the document as edited is saved as the job's newest version and built
// (build.start); the answer is the operation to follow, chosen as the build the page shows.
import type { OperationSnapshot } from '../../../../shared/operations';
import { api } from '../../api/client';
import { selectBuild } from './build-selection';

export async function startJobBuild(document: Record<string, unknown>, job: string): Promise<OperationSnapshot> {
  const op = await api.invoke('build.start', { document });
  selectBuild(job, op.id);
  return op;
}

/** Only an application cluster built FROM a base image has an image to build. */
export const isBuildable = (form: { kind: string; imageSource: string }): boolean =>
  form.kind === 'application' && form.imageSource === 'base';

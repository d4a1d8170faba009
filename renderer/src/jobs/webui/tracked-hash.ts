// The job page's address of a tracked cluster (or a session cluster's job), as the Jobs page's router writes it.
import { hashOf } from '../jobs-route';

export function trackedPageHash(id: string, jobId?: string): string {
  return hashOf({ view: 'tracked', id, ...(jobId ? { jobId } : {}) });
}

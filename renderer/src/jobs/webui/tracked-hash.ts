// The job page's address of a tracked cluster (or a session cluster's job): #/jobs/tracked/<id>[/<jobId>], as the
// Jobs page's router reads it.
export function trackedPageHash(id: string, jobId?: string): string {
  return `#/jobs/tracked/${encodeURIComponent(id)}${jobId ? `/${encodeURIComponent(jobId)}` : ''}`;
}

// How a job is named on the page: its kind, and where it runs.
import type { JobDocument } from '../../../shared/jobs/spec';
import type { JobKind } from './job-form';

export const kindLabel: Record<JobKind, string> = {
  application: 'Application',
  'session-cluster': 'Session cluster',
  'session-job': 'Session job',
};

export function kindOf(doc: JobDocument): JobKind {
  return doc.spec.mode === 'application' ? 'application' : doc.spec.session ? 'session-job' : 'session-cluster';
}

// Jobs (issue: Jobs and Deploy): rendering a job spec into the Kubernetes objects Flink's own client would create.
// The spec's rules live in shared/jobs/spec.ts; a bad spec comes back as an invalid-input error whose fields name
// each problem (spec.jobManager.memory, spec.flinkConfiguration.execution.target, …).
import { z } from 'zod';
import { channel } from '../channel';

const renderInput = z.strictObject({
  /** A job document (apiVersion flinkdesk/v1, kind FlinkJob, metadata, spec), as parsed from YAML or edited in a form. */
  document: z.unknown(),
  /** The directory relative paths in the document resolve against (the spec file's); absolute paths need none. */
  baseDir: z.string().min(1).optional(),
});

export type KubeObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string } & Record<string, unknown>;
};

export interface SessionSubmission {
  target: { clusterId: string; namespace: string } | { restUrl: string };
  /** The jar to upload (absolute path on this machine). */
  jar: string;
  entryClass?: string;
  args: string[];
  parallelism?: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
  restoreMode?: string;
}

export interface JobRenderResult {
  /** What the spec describes: a cluster of its own, or a job for a session cluster that already runs. */
  kind: 'application-cluster' | 'session-cluster' | 'session-job';
  /** The JobManager Deployment first, then the objects it owns, in the order Flink's client creates them. */
  resources: KubeObject[];
  /** Every entry of the Flink configuration the cluster gets, as Flink lists it. */
  flinkConfiguration: Record<string, string>;
  /** For a session job: what is uploaded and run through the session cluster's REST API. */
  submission?: SessionSubmission;
}

export const jobsRequests = {
  /** The Kubernetes objects a spec would create, without contacting any cluster. */
  'jobs.render': channel<typeof renderInput, JobRenderResult>(renderInput),
} as const;

// What a failure's evidence means, as the job page shows it (issue: Operate): each common signature of a failing
// Flink cluster on Kubernetes turned into a finding that names the evidence and says what to change.

export const diagnosisIds = [
  'image-pull',
  'out-of-memory',
  'class-not-found',
  'method-mismatch',
  'crash-loop',
  'unschedulable',
  'forbidden',
  'ha-leftovers',
] as const;
export type DiagnosisId = (typeof diagnosisIds)[number];

/** Where a finding's fix is made in the app. */
export type DiagnosisAction =
  { kind: 'open-page'; page: 'clusters' | 'registry' | 'job-form'; field?: string } | { kind: 'delete-with-ha' };

export interface Diagnosis {
  id: DiagnosisId;
  /** One line: what is wrong. */
  title: string;
  /** The evidence it was read from: the pod and container, the event, the log line. */
  evidence: string[];
  /** What to change. */
  hint: string;
  action?: DiagnosisAction;
}

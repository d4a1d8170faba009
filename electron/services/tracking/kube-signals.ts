// What the Kubernetes evidence says about a Flink cluster, in sentences the state inference uses: whether the
// JobManager cannot run (and why), what a cluster that is still coming up is waiting for, and what else is wrong.
// Pure functions of KubeEvidence.
import type { ContainerEvidence, KubeEvidence, PodEvidence } from '../../../shared/contracts/tracking';

/** Waiting reasons that do not go away by waiting: the pod needs a change (image, config, the job's code). */
export const STUCK_REASONS = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/**
 * Flink's ClusterEntrypoint exits with ApplicationStatus's code: SUCCEEDED and CANCELED exit 0, FAILED exits 1443,
 * UNKNOWN 1445. So 1443 from an application cluster's JobManager says the job failed; 0 cannot tell which way it ended.
 */
export const FLINK_FAILED_EXIT = 1443;

const WARNING_REASONS = new Set([
  'FailedScheduling',
  'FailedMount',
  'FailedCreate',
  'BackOff',
  'Failed',
  'Evicted',
  'OOMKilling',
  'Unhealthy',
]);

export const jobManagerPods = (k: KubeEvidence): PodEvidence[] => k.pods.filter((p) => p.component === 'jobmanager');

function lastRun(c: ContainerEvidence): string {
  const t = c.lastTermination;
  if (!t) return '';
  const parts = [t.reason, t.exitCode !== undefined ? `exit code ${t.exitCode}` : undefined].filter(Boolean);
  return parts.length ? `; its last run ended: ${parts.join(', ')}` : '';
}

/** A container that will not run as it is: backing off, failing to pull, or killed (OOMKilled, a non-zero exit). */
export function containerFailure(c: ContainerEvidence): string | undefined {
  const restarts = c.restartCount > 0 ? ` (restarted ${c.restartCount} time${c.restartCount === 1 ? '' : 's'}${lastRun(c)})` : '';
  if (c.state === 'waiting' && c.reason && STUCK_REASONS.has(c.reason))
    return `container ${c.name} is in ${c.reason}${restarts}${c.message ? `: ${c.message}` : ''}`;
  if (c.state === 'terminated' && (c.reason === 'OOMKilled' || (c.exitCode !== undefined && c.exitCode !== 0)))
    return `container ${c.name} was ${c.reason === 'OOMKilled' ? 'killed: OOMKilled' : `terminated: ${c.reason ?? 'Error'}`}${c.exitCode !== undefined ? ` (exit code ${c.exitCode})` : ''}${restarts}`;
  return undefined;
}

/** Why the JobManager cannot run, from the Deployment's conditions and the JobManager pods; undefined when it can. */
export function jobManagerFailure(k: KubeEvidence): string | undefined {
  const d = k.deployment;
  if (d) {
    const deadline = d.conditions.find((c) => c.type === 'Progressing' && c.status === 'False');
    if (deadline)
      return `the Deployment stopped progressing (${deadline.reason ?? 'Progressing=False'}${deadline.message ? `: ${deadline.message}` : ''})`;
    const replica = d.conditions.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    if (replica)
      return `its pods cannot be created (${replica.reason ?? 'ReplicaFailure'}${replica.message ? `: ${replica.message}` : ''})`;
  }
  for (const p of jobManagerPods(k)) {
    for (const c of p.containers) {
      const f = containerFailure(c);
      if (f) return `JobManager pod ${p.name}: ${f}`;
    }
  }
  return undefined;
}

/** The JobManager exited with Flink's FAILED exit code (now, or in its last run). */
export function jobManagerExitedFailed(k: KubeEvidence): boolean {
  return jobManagerPods(k).some((p) =>
    p.containers.some(
      (c) => (c.state === 'terminated' && c.exitCode === FLINK_FAILED_EXIT) || c.lastTermination?.exitCode === FLINK_FAILED_EXIT,
    ),
  );
}

export function jobManagerReady(k: KubeEvidence): boolean {
  return jobManagerPods(k).some((p) => p.phase === 'Running' && p.containers.length > 0 && p.containers.every((c) => c.ready));
}

/** What a cluster that has not answered yet is waiting for: scheduling, image pull, container start, readiness. */
export function startingDetail(k: KubeEvidence): string {
  const jm = jobManagerPods(k);
  if (jm.length === 0) {
    const created = recentWarning(k);
    return created ? `no JobManager pod yet (${created})` : 'no JobManager pod yet';
  }
  const p = jm[0]!;
  if (p.unschedulable) return `JobManager pod ${p.name} is not scheduled: ${p.unschedulable}`;
  const waiting = p.containers.find((c) => c.state === 'waiting');
  if (waiting) return `JobManager pod ${p.name} is ${waiting.reason ?? 'waiting'}${waiting.message ? ` (${waiting.message})` : ''}`;
  if (p.phase === 'Running') return `JobManager pod ${p.name} is running, not ready yet`;
  return `JobManager pod ${p.name} is ${p.phase || 'Pending'}`;
}

function recentWarning(k: KubeEvidence): string | undefined {
  const e = [...k.events].filter((x) => x.type === 'Warning').sort((a, b) => b.at - a.at)[0];
  return e ? `${e.reason}: ${e.message}` : undefined;
}

/** Things wrong beside the state: TaskManager pods that cannot run, JobManager restarts, recent warnings. */
export function kubeProblems(k: KubeEvidence | undefined): string[] {
  if (!k?.reachable) return [];
  const out: string[] = [];
  for (const p of k.pods) {
    for (const c of p.containers) {
      const f = containerFailure(c);
      if (f && p.component !== 'jobmanager') out.push(`${p.component === 'taskmanager' ? 'TaskManager' : 'Pod'} ${p.name}: ${f}`);
      else if (!f && p.component === 'jobmanager' && c.restartCount > 0)
        out.push(`JobManager pod ${p.name} restarted ${c.restartCount} time${c.restartCount === 1 ? '' : 's'}${lastRun(c)}`);
    }
  }
  const warnings = k.events
    .filter((e) => e.type === 'Warning' && WARNING_REASONS.has(e.reason))
    .sort((a, b) => b.at - a.at)
    .slice(0, 3);
  for (const e of warnings) out.push(`${e.object}: ${e.reason}: ${e.message}`);
  return out;
}

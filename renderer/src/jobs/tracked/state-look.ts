// How a state looks: its tone (the colour family) and, for the tooltip and the details, the evidence it rests on in a
// few lines. A state Flink reported is drawn solid; one Flink Desk inferred is drawn outlined (tracked.css), and both
// say which in words, so the difference never rests on colour or shape alone.
import type { KubeEvidence, StateView } from '../../../../shared/contracts/tracking';
import { formatTime } from '../../format/time';

export type Tone = 'ok' | 'warn' | 'danger' | 'info' | 'neutral';

const tones: Record<string, Tone> = {
  RUNNING: 'ok',
  FINISHED: 'ok',
  FAILED: 'danger',
  FAILING: 'danger',
  LOST: 'danger',
  RESTARTING: 'warn',
  SILENT: 'warn',
  CANCELLING: 'warn',
  CANCELED: 'neutral',
  TERMINATED: 'neutral',
  SUSPENDED: 'neutral',
  INITIALIZING: 'info',
  CREATED: 'info',
  DEPLOYING: 'info',
  RECONCILING: 'info',
};
export const toneOf = (state: string): Tone => tones[state] ?? 'neutral';

export const sourceLabel = (v: StateView): string =>
  v.source === 'flink' ? 'Reported by Flink' : 'Inferred by Flink Desk (Flink did not say)';

export function kubeSummary(k: KubeEvidence): string {
  if (!k.reachable) return `API server cannot be read${k.error ? `: ${k.error}` : ''}`;
  if (k.deployment === null) return 'Deployment: gone';
  if (!k.deployment) return 'Deployment: not read yet';
  const d = k.deployment;
  const crashing = k.pods.flatMap((p) =>
    p.containers.filter((c) => c.reason && c.state === 'waiting').map((c) => `${p.name}: ${c.reason}`),
  );
  return `Deployment ${d.name}: ${d.readyReplicas}/${d.replicas} ready${crashing.length ? ` · ${crashing.join(', ')}` : ''}`;
}

/** The state's evidence in a few lines, for the badge's tooltip. */
export function evidenceLines(v: StateView): string[] {
  const e = v.evidence;
  const lines = [sourceLabel(v), v.reason];
  lines.push(e.lastSuccessAt !== undefined ? `Last answer from Flink at ${formatTime(e.lastSuccessAt)}` : 'Flink has not answered yet');
  if (e.lastError) lines.push(`Last error: ${e.lastError.message}`);
  if (e.lastFlinkState && v.source === 'inferred')
    lines.push(`Flink last reported ${e.lastFlinkState.state} at ${formatTime(e.lastFlinkState.at)}`);
  if (e.kube) lines.push(kubeSummary(e.kube));
  for (const p of v.problems) lines.push(`! ${p}`);
  return lines;
}

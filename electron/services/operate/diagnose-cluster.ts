// Reads what the diagnosis needs for a tracked cluster — its pods, events and HA ConfigMaps, the previous log of a
// container that restarted (what the crash said) and the JobManager's log tail — and runs the pure diagnosis over
// it. What could not be read is said, and an API server's refusal is evidence itself (forbidden → RBAC).
import type { OperateDiagnosis } from '../../../shared/contracts/operate';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { diagnose } from '../diagnosis/diagnose';
import type { LogText } from '../diagnosis/jvm-failures';
import type { JobStore } from '../jobs/job-store';
import type { ClusterKube } from './cluster-kube';
import { kubePlace, savedJobNameOf, trackedCluster, type TrackerView } from './tracked-target';

const TAIL = 300;
const MAX_LOGS = 4;

export async function diagnoseTracked(
  deps: Pick<ServiceContext, 'clock'> & { tracker: TrackerView; kube: ClusterKube; jobs: Pick<JobStore, 'get' | 'list'> },
  id: string,
): Promise<OperateDiagnosis> {
  const view = trackedCluster(deps.tracker, id);
  const place = kubePlace(view);
  const read: string[] = [];
  const errors: { code: string; message: string }[] = [];
  const attempt = async <T>(what: string, f: () => Promise<T>): Promise<T | undefined> => {
    try {
      const r = await f();
      read.push(what);
      return r;
    } catch (e) {
      const info = e instanceof AppError ? e.toInfo() : { code: 'internal', message: String(e) };
      errors.push({ code: info.code, message: info.message });
      read.push(`${what}: not read (${info.message})`);
      return undefined;
    }
  };
  const [pods, events, haConfigMaps] = await Promise.all([
    attempt('pods', () => deps.kube.pods(place)),
    attempt('events', () => deps.kube.events(place)),
    attempt('HA ConfigMaps', () => deps.kube.haConfigMaps(place)),
  ]);
  const texts: LogText[] = [];
  const wanted = (pods ?? [])
    .flatMap((p) => p.containers.map((c) => ({ p, c })))
    .filter(({ p, c }) => c.restartCount > 0 || c.state === 'terminated' || p.component === 'jobmanager')
    .slice(0, MAX_LOGS);
  for (const { p, c } of wanted) {
    const previous = c.restartCount > 0 && c.state !== 'terminated';
    const lines = await attempt(`log of ${p.name}/${c.name}${previous ? ' (previous)' : ''}`, () =>
      deps.kube.readLog(place, p.name, c.name, { previous, tailLines: TAIL }),
    );
    if (lines) texts.push({ from: `${p.name}${previous ? ' (previous)' : ''}`, lines });
  }
  for (const s of [view.state, ...view.jobs.map((j) => j.state)])
    if (s.reason) texts.push({ from: 'tracking', lines: [s.reason, ...s.problems] });
  let entryClass: string | undefined;
  const saved = savedJobNameOf(deps.jobs, view);
  if (saved)
    try {
      entryClass = deps.jobs.get(saved).latest.document.spec.job?.entryClass;
    } catch {
      entryClass = undefined;
    }
  const diagnoses = diagnose({
    clusterId: place.clusterId,
    kube: {
      observedAt: deps.clock.now(),
      reachable: pods !== undefined,
      deployment: view.state.evidence.kube?.deployment,
      pods: pods ?? [],
      events: events ?? [],
    },
    texts,
    errors,
    ...(entryClass ? { entryClass } : {}),
    ...(haConfigMaps ? { haConfigMaps } : {}),
  });
  return { diagnoses, read, at: deps.clock.now() };
}

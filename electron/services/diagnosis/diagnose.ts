// Diagnosis: the evidence of a failing cluster (pods' container states, the Kubernetes events, the log and
// exception texts, errors from the API server, HA ConfigMaps left behind) turned into findings that say what to
// change. A pure function: the job page and the CLI feed it what tracking and the log channels already read.
import type { Diagnosis } from '../../../shared/contracts/diagnosis';
import type { ContainerEvidence, EventEvidence, KubeEvidence, PodEvidence } from '../../../shared/contracts/tracking';
import { jvmFailures, optionForJavaOom, type LogText } from './jvm-failures';

export interface DiagnoseInput {
  clusterId: string;
  kube?: KubeEvidence;
  /** Log tails (the previous container's log after a restart explains a crash loop best) and exception texts. */
  texts?: LogText[];
  /** Errors the API server gave for this cluster (code and message, as the Kubernetes client layer maps them). */
  errors?: { code: string; message: string }[];
  /** The job's entry class, to tell "the entry class is wrong" from "a dependency is missing". */
  entryClass?: string;
  /** High-availability ConfigMaps of this cluster id found in its namespace. */
  haConfigMaps?: string[];
}

const IMAGE_PULL = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable']);
const componentOf = (p: PodEvidence): 'jobmanager' | 'taskmanager' => (p.component === 'taskmanager' ? 'taskmanager' : 'jobmanager');
const where = (p: PodEvidence, c: ContainerEvidence) => `${p.name}/${c.name}`;
const eventLine = (e: EventEvidence) => `${e.object}: ${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`;

function imagePull(pods: PodEvidence[], events: EventEvidence[]): Diagnosis | undefined {
  const evidence = pods.flatMap((p) =>
    p.containers
      .filter((c) => c.reason && IMAGE_PULL.has(c.reason))
      .map((c) => `${where(p, c)}: ${c.reason}${c.message ? `: ${c.message}` : ''}`),
  );
  const pullEvents = events.filter((e) =>
    /Failed to pull image|ErrImagePull|ImagePullBackOff|InvalidImageName/i.test(`${e.reason} ${e.message}`),
  );
  evidence.push(...pullEvents.map(eventLine));
  if (!evidence.length) return undefined;
  const text = evidence.join('\n');
  const denied = /unauthorized|authentication required|401|403|denied|no basic auth credentials/i.test(text);
  const missing = /not found|manifest unknown|does not exist|404/i.test(text);
  const hint = denied
    ? 'The registry refused the cluster: give the namespace a pull secret for it (kubernetes.container.image.pull-secrets) or check its credentials'
    : missing
      ? 'The image is not in the registry the cluster asked: check the registry address and image namespace (Registry page), rebuild and push the image, or fix spec.image'
      : 'The cluster cannot pull the image: check that the registry address is reachable from the cluster’s nodes (not only from this workstation), the image namespace, and the pull secret (kubernetes.container.image.pull-secrets)';
  return { id: 'image-pull', title: 'The image cannot be pulled', evidence, hint, action: { kind: 'open-page', page: 'registry' } };
}

function outOfMemory(pods: PodEvidence[], events: EventEvidence[], texts: LogText[]): Diagnosis | undefined {
  const killed: { pod: PodEvidence; line: string }[] = [];
  for (const p of pods)
    for (const c of p.containers) {
      const now = c.state === 'terminated' && (c.reason === 'OOMKilled' || c.exitCode === 137);
      const before = c.lastTermination && (c.lastTermination.reason === 'OOMKilled' || c.lastTermination.exitCode === 137);
      if (now) killed.push({ pod: p, line: `${where(p, c)}: terminated ${c.reason ?? ''} (exit ${c.exitCode ?? '?'})`.replace('  ', ' ') });
      else if (before)
        killed.push({
          pod: p,
          line: `${where(p, c)}: last run ended ${c.lastTermination?.reason ?? ''} (exit ${c.lastTermination?.exitCode ?? '?'}), restarted ${c.restartCount}×`.replace(
            '  ',
            ' ',
          ),
        });
    }
  const oomEvents = events.filter((e) => /OOMKill/i.test(`${e.reason} ${e.message}`));
  const java = jvmFailures(texts).find((f) => f.kind === 'java-oom');
  if (!killed.length && !oomEvents.length && !java) return undefined;
  const evidence = [...killed.map((k) => k.line), ...oomEvents.map(eventLine), ...(java ? [java.line] : [])];
  const component = killed[0] ? componentOf(killed[0].pod) : java?.line.includes('taskmanager') ? 'taskmanager' : 'jobmanager';
  const field = component === 'taskmanager' ? 'spec.taskManager.memory' : 'spec.jobManager.memory';
  const hint =
    killed.length || oomEvents.length
      ? `The ${component === 'taskmanager' ? 'TaskManager' : 'JobManager'} used more memory than its container limit (exit 137: killed by the kernel): raise ${field} (${component}.memory.process.size), or lower what runs in it (parallelism, slots, state in memory); kubernetes.${component}.memory.limit-factor gives headroom above the request`
      : `The JVM ran out of ${java!.subject}: raise ${optionForJavaOom(java!.subject, component)} (or ${field} as a whole)`;
  return { id: 'out-of-memory', title: 'Out of memory', evidence, hint, action: { kind: 'open-page', page: 'job-form', field } };
}

function classProblems(input: DiagnoseInput, texts: LogText[]): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (const f of jvmFailures(texts)) {
    if (f.kind === 'class-not-found') {
      const isEntry = input.entryClass !== undefined && f.subject === input.entryClass;
      const flinkClass = f.subject.startsWith('org.apache.flink.');
      const hint = isEntry
        ? `The entry class ${f.subject} is not in the job jar: check spec.job.entryClass against the jar’s packages (the jar’s manifest Main-Class is offered on a build)`
        : flinkClass
          ? `${f.subject} is a Flink class the base image does not have: a connector or format must be in the job jar (shaded) or in spec.dependencies, and the job must be built against the base image’s Flink version`
          : `${f.subject} is not on the classpath: shade it into the job jar (maven-shade-plugin, scope compile) or add its Maven coordinates to spec.dependencies (they go to /opt/flink/lib)`;
      out.push({
        id: 'class-not-found',
        title: `Class not found: ${f.subject}`,
        evidence: [f.line],
        hint,
        action: { kind: 'open-page', page: 'job-form', field: isEntry ? 'spec.job.entryClass' : 'spec.dependencies' },
      });
    } else if (f.kind === 'method-mismatch')
      out.push({
        id: 'method-mismatch',
        title: 'A class of another version than the job was built against',
        evidence: [f.line],
        hint: 'The job was compiled against other versions of these classes than it runs with: build it against the base image’s Flink version (Flink dependencies with scope provided), and relocate libraries that clash with Flink’s own (maven-shade-plugin relocations)',
      });
  }
  return out;
}

function crashLoop(pods: PodEvidence[]): Diagnosis | undefined {
  const evidence = pods.flatMap((p) =>
    p.containers
      .filter((c) => c.reason === 'CrashLoopBackOff' || (c.state === 'terminated' && c.reason === 'Error'))
      .map(
        (c) =>
          `${where(p, c)}: ${c.reason}, restarted ${c.restartCount}×${c.lastTermination?.exitCode !== undefined ? `, last exit ${c.lastTermination.exitCode}` : ''}`,
      ),
  );
  if (!evidence.length) return undefined;
  return {
    id: 'crash-loop',
    title: 'A Flink process keeps crashing',
    evidence,
    hint: 'Read the previous container’s log (Logs, “previous”): the first exception says what to change — often the Flink configuration, the entry class or a missing file',
  };
}

function unschedulable(pods: PodEvidence[], events: EventEvidence[]): Diagnosis | undefined {
  const evidence = [
    ...pods.filter((p) => p.unschedulable).map((p) => `${p.name}: ${p.unschedulable}`),
    ...events.filter((e) => e.reason === 'FailedScheduling' || /exceeded quota/i.test(e.message)).map(eventLine),
  ];
  if (!evidence.length) return undefined;
  const quota = /exceeded quota|quota/i.test(evidence.join('\n'));
  return {
    id: 'unschedulable',
    title: quota ? 'The namespace’s quota is used up' : 'No node has room for a pod',
    evidence,
    hint: quota
      ? 'Lower spec.jobManager/taskManager cpu and memory, or the number of TaskManagers (parallelism ÷ slots), or ask for a larger ResourceQuota in the namespace'
      : 'Lower spec.jobManager/taskManager cpu and memory (or the limit factors), check node selectors and tolerations in the pod template, or add nodes',
    action: { kind: 'open-page', page: 'job-form', field: 'spec.taskManager' },
  };
}

function forbidden(events: EventEvidence[], errors: { code: string; message: string }[], texts: LogText[]): Diagnosis | undefined {
  const evidence = [
    ...errors.filter((e) => e.code === 'forbidden').map((e) => e.message),
    ...events.filter((e) => /forbidden/i.test(e.message) && !/exceeded quota/i.test(e.message)).map(eventLine),
    ...texts.flatMap((t) =>
      t.lines
        .filter((l) => /is forbidden|Forbidden!|cannot (create|get|list|watch|delete) resource/i.test(l))
        .slice(0, 2)
        .map((l) => `${t.from}: ${l.trim()}`),
    ),
  ];
  if (!evidence.length) return undefined;
  const serviceAccount = /system:serviceaccount:/.test(evidence.join('\n'));
  return {
    id: 'forbidden',
    title: serviceAccount ? 'The JobManager’s service account lacks rights' : 'Kubernetes refused a request (RBAC)',
    evidence,
    hint: serviceAccount
      ? 'The JobManager creates TaskManager pods, ConfigMaps and Services: give its service account (kubernetes.service-account) a Role with those rights — the Clusters page checks and creates it'
      : 'Your kubeconfig user lacks a right this needs: the Clusters page shows which ones and can create the Role Flink needs',
    action: { kind: 'open-page', page: 'clusters' },
  };
}

function haLeftovers(input: DiagnoseInput, texts: LogText[]): Diagnosis | undefined {
  const maps = input.haConfigMaps ?? [];
  const gone = input.kube?.reachable === true && input.kube.deployment === null;
  const noLeader = texts.flatMap((t) =>
    t.lines
      .filter((l) => /no leader|leader (is )?not (yet )?(elected|available)|Could not retrieve the (leader|dispatcher)/i.test(l))
      .slice(0, 1)
      .map((l) => `${t.from}: ${l.trim()}`),
  );
  if (!(maps.length && (gone || noLeader.length))) return undefined;
  return {
    id: 'ha-leftovers',
    title: gone ? 'High-availability ConfigMaps are left from a deleted cluster' : 'No leader: high-availability data may be stale',
    evidence: [...maps.map((m) => `ConfigMap/${m}`), ...noLeader],
    hint: `A cluster deployed again as ${input.clusterId} would recover the old job graph and checkpoints from them: delete the cluster with its HA ConfigMaps (or give the new deployment another cluster id)`,
    action: { kind: 'delete-with-ha' },
  };
}

/** The findings, most specific first; a crash loop another finding explains is not repeated. */
export function diagnose(input: DiagnoseInput): Diagnosis[] {
  const pods = input.kube?.pods ?? [];
  const events = input.kube?.events ?? [];
  const texts = input.texts ?? [];
  const found: Diagnosis[] = [];
  const push = (d: Diagnosis | undefined) => d && found.push(d);
  push(imagePull(pods, events));
  push(outOfMemory(pods, events, texts));
  found.push(...classProblems(input, texts));
  push(unschedulable(pods, events));
  push(forbidden(events, input.errors ?? [], texts));
  push(haLeftovers(input, texts));
  if (!found.some((d) => d.id === 'out-of-memory' || d.id === 'class-not-found' || d.id === 'method-mismatch')) push(crashLoop(pods));
  return found;
}

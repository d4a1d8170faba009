// Creating a cluster the way Flink's own client does (KubernetesClusterDescriptor): the JobManager Deployment first,
// then — with owner references to the uid the API server gave it — the Services and ConfigMaps it owns. Before
// anything is created, every object goes through a server-side dry run (dryRun=All), so the cluster's validation
// and admission speak first. When a step fails, what this apply created is removed and the error names the step.
// An existing cluster of the same id is refused unless the user chose replace.
import { AppError } from '../../../shared/errors';
import type { JobDocument } from '../../../shared/jobs/spec';
import type { OperationSnapshot } from '../../../shared/operations';
import type { KubeClient, KubeClients, Manifest } from '../kube';
import type { OperationContext, OperationRegistry } from '../operations/operation-registry';
import type { Scheduler } from '../ports';
import type { JobStore } from '../jobs/job-store';
import { renderJob } from './render';
import { shippedLogConfig } from './handlers';

export interface DeployerDeps {
  kube: Pick<KubeClients, 'for'>;
  operations: Pick<OperationRegistry, 'start'>;
  jobs: Pick<JobStore, 'save' | 'recordDeployment'>;
  scheduler: Scheduler;
  /** The image build (issue: Build), run as the deploy's first step (`stepId`) for an application on image.base;
   * `version` is the job version this deploy saved. */
  build?: (document: JobDocument, op: OperationContext, at: { stepId: string; version: number }) => Promise<BuiltImage>;
}

/** What the deploy needs of a build: the image by digest and the jar's name inside it. */
export interface BuiltImage {
  pinned: string;
  jarName: string;
}

const buildStep = { id: 'build', title: 'Build and push the image' };

async function buildFirst(deps: DeployerDeps, req: ApplyRequest, op: OperationContext, version: number): Promise<BuiltImage> {
  op.step('build', { status: 'running' });
  try {
    const built = await deps.build!(req.document, op, { stepId: buildStep.id, version });
    op.step('build', { status: 'succeeded', progress: 1, detail: built.pinned });
    return built;
  } catch (e) {
    const info = e instanceof AppError ? e : undefined;
    op.step('build', { status: 'failed', detail: info?.message ?? 'failed', ...(info?.hint ? { hint: info.hint } : {}) });
    for (const s of applySteps) op.step(s.id, { status: 'skipped', detail: 'Not run: the image build failed' });
    throw e;
  }
}

export interface ApplyRequest {
  document: JobDocument;
  /** Where the spec came from (a file), kept with its version. */
  source?: string;
  /** Delete an existing cluster of the same id first. */
  replace?: boolean;
  kubeconfig?: string;
  /** How long to wait for the JobManager pod to run before leaving it to tracking (default 90 s). */
  startWaitMs?: number;
  /** Set by the build step: the image to run (by digest) and the jar's name in /opt/flink/usrlib. */
  built?: BuiltImage;
}

export interface ApplyResult {
  clusterId: string;
  namespace: string;
  context: string;
  version: number;
  created: string[];
  deploymentUid: string;
  jobManager: { running: boolean; detail: string };
}

export const applySteps = [
  { id: 'check', title: 'Check the namespace for a cluster of that id' },
  { id: 'dry-run', title: 'Server-side dry run of every object' },
  { id: 'deployment', title: 'Create the JobManager Deployment' },
  { id: 'owned', title: 'Create the Services and ConfigMaps it owns' },
  { id: 'start', title: 'Wait for the JobManager pod' },
];

/** The waiting reasons that will not go away by waiting: the pod needs a change. */
const STUCK = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'InvalidImageName',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

export function startApply(deps: DeployerDeps, req: ApplyRequest): OperationSnapshot {
  const spec = req.document.spec;
  if (spec.mode === 'session' && spec.session)
    throw new AppError({
      code: 'invalid-input',
      message: 'This spec is a job for a session cluster that already runs: it creates no Kubernetes objects',
      hint: 'Submit it to the session cluster instead (flink-desk session submit)',
    });
  // An application on image.base is built first (a `build` step), then deployed pinned to the pushed digest.
  const builds = !spec.image?.ref && spec.mode === 'application' && Boolean(spec.image?.base);
  if (!spec.image?.ref && (!builds || !deps.build))
    throw new AppError({
      code: 'invalid-input',
      message: 'spec.image: this job names a base image to build from, and this version of Flink Desk cannot build images yet',
      fields: { 'spec.image': 'give a prebuilt image as image.ref' },
      hint: 'Build and push the image yourself, then set spec.image.ref to it',
    });
  const { context, namespace } = placeOf(req.document);
  const where = `${namespace}/${spec.clusterId}`;
  const { job } = deps.jobs.save(req.document, req.source);
  const version = job.latest.version;
  const { snapshot, done } = deps.operations.start({
    kind: 'deploy',
    title: `Deploy ${spec.clusterId} to ${context}/${namespace}`,
    steps: builds ? [buildStep, ...applySteps] : applySteps,
    lock: { resource: `deploy:${context}/${where}`, what: `A deploy of cluster ${spec.clusterId} in ${context}/${namespace}` },
    run: async (op) => {
      const built = builds ? await buildFirst(deps, req, op, version) : undefined;
      if (built) record('running', built.pinned);
      return runApply(deps, { ...req, ...(built ? { built } : {}) }, op).then((r) => ({
        ...r,
        version,
        ...(built ? { image: built.pinned } : {}),
      }));
    },
  });
  function record(outcome: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted', image?: string) {
    deps.jobs.recordDeployment(req.document.metadata.name, {
      version,
      at: snapshot.startedAt,
      ...((image ?? spec.image?.ref) ? { image: image ?? spec.image!.ref! } : {}),
      opId: snapshot.id,
      outcome,
    });
  }
  record('running');
  void done.then((end) =>
    record(end.status === 'running' ? 'interrupted' : end.status, (end.result as { image?: string } | undefined)?.image),
  );
  return snapshot;
}

/** Where a spec deploys to: its context (required) and namespace (Flink's default, "default", when none). */
export function placeOf(document: JobDocument): { context: string; namespace: string } {
  const { context, namespace } = document.spec;
  if (!context)
    throw new AppError({
      code: 'invalid-input',
      message: 'spec.context: say which kubeconfig context to deploy to',
      fields: { 'spec.context': 'give the kubeconfig context to deploy to' },
      hint: 'The contexts are listed on the Clusters page and by "flink-desk contexts"',
    });
  return { context, namespace: namespace ?? 'default' };
}

async function runApply(deps: DeployerDeps, req: ApplyRequest, op: OperationContext): Promise<Omit<ApplyResult, 'version'>> {
  const spec = req.document.spec;
  const { clusterId } = spec;
  const { context, namespace } = placeOf(req.document);
  const client = await deps.kube.for(context, { kubeconfig: req.kubeconfig });
  const deploymentPath = `/apis/apps/v1/namespaces/${namespace}/deployments/${clusterId}`;
  // The objects as Flink renders them, placed in the spec's namespace (Flink's client sets it on the request).
  const render = (uid?: string) =>
    (
      renderJob({
        document: req.document,
        logConfig: { ...shippedLogConfig },
        ...(uid ? { deploymentUid: uid } : {}),
        ...(req.built ? { image: req.built.pinned, jarUri: `local:///opt/flink/usrlib/${req.built.jarName}` } : {}),
      }).resources as Manifest[]
    ).map((m) => ({ ...m, metadata: { ...m.metadata, namespace } }));

  await step(op, 'check', async () => {
    const existing = await client.request<{ metadata?: { creationTimestamp?: string } }>('GET', deploymentPath);
    if (existing.status === 404) return `no cluster ${clusterId} in ${namespace}`;
    if (existing.status !== 200) await client.expect('GET', deploymentPath, `read Deployment ${namespace}/${clusterId}`);
    if (!req.replace)
      throw new AppError({
        code: 'conflict',
        message: `A cluster named ${clusterId} already exists in ${context}/${namespace} (created ${existing.body?.metadata?.creationTimestamp ?? 'earlier'})`,
        hint: 'Choose another cluster id, or replace it (flink-desk apply --replace): its JobManager and TaskManagers are deleted first',
      });
    op.log(`replacing the existing cluster ${clusterId}: deleting it first`);
    await deleteAndWait(client, deploymentPath, op.signal, deps.scheduler);
    return `the old ${clusterId} is deleted`;
  });

  await step(op, 'dry-run', async () => {
    for (const m of render()) {
      op.log(`dry run: ${m.kind} ${m.metadata.name}`);
      await client.apply(m, { dryRun: true, what: `create ${m.kind} ${namespace}/${m.metadata.name}` });
    }
    return 'the API server accepts every object';
  });

  const created: Manifest[] = [];
  let uid = '';
  try {
    await step(op, 'deployment', async () => {
      const [deployment] = render();
      const r = await client.apply<{ metadata: { uid: string } }>(deployment!, { what: `create Deployment ${namespace}/${clusterId}` });
      created.push(deployment!);
      uid = r.object.metadata.uid;
      return `Deployment ${clusterId} (uid ${uid})`;
    });
    await step(op, 'owned', async () => {
      const owned = render(uid).slice(1);
      for (const m of owned) {
        if (op.signal.aborted) throw new AppError({ code: 'cancelled', message: 'Cancelled' });
        await client.apply(m, { what: `create ${m.kind} ${namespace}/${m.metadata.name}` });
        created.push(m);
        op.log(`created ${m.kind} ${m.metadata.name}`);
      }
      return owned.map((m) => `${m.kind} ${m.metadata.name}`).join(', ');
    });
  } catch (e) {
    await rollBack(client, created, op);
    throw e;
  }

  const jobManager = await waitForJobManager(client, namespace, clusterId, op, deps.scheduler, req.startWaitMs ?? 90_000);
  return { clusterId, namespace, context, created: created.map((m) => `${m.kind}/${m.metadata.name}`), deploymentUid: uid, jobManager };
}

async function step(op: OperationContext, id: string, run: () => Promise<string>): Promise<void> {
  op.step(id, { status: 'running' });
  try {
    const detail = await run();
    op.step(id, { status: 'succeeded', detail });
  } catch (e) {
    const info = e instanceof AppError ? e : undefined;
    op.step(id, {
      status: 'failed',
      detail: info?.message ?? 'failed',
      ...(info?.code === 'forbidden'
        ? {
            hint: 'Your user lacks a right this step needs: check the namespace on the Clusters page (RBAC preflight) and grant what is missing',
          }
        : info?.hint
          ? { hint: info.hint }
          : {}),
    });
    if (info?.code === 'forbidden')
      throw new AppError({
        ...info.toInfo(),
        message: `${applySteps.find((s) => s.id === id)?.title ?? id}: ${info.message}`,
        hint: 'Check the namespace on the Clusters page (RBAC preflight) and grant what is missing, or ask an administrator',
      });
    throw e;
  }
}

/** Deletes what this apply created: the Deployment (its dependents follow by garbage collection) and the rest. */
async function rollBack(client: KubeClient, created: Manifest[], op: OperationContext): Promise<void> {
  for (const m of [...created].reverse()) {
    try {
      const path = await client.pathOf(m);
      await client.request('DELETE', path, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
      op.log(`rolled back: deleted ${m.kind} ${m.metadata.name}`);
    } catch (e) {
      op.log(`could not roll back ${m.kind} ${m.metadata.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Foreground deletion: the Deployment is gone only once its dependents are, so a new one starts clean. */
async function deleteAndWait(client: KubeClient, path: string, signal: AbortSignal, scheduler: Scheduler, waitMs = 120_000): Promise<void> {
  await client.expect('DELETE', path, 'delete the existing Deployment', {
    kind: 'DeleteOptions',
    apiVersion: 'v1',
    propagationPolicy: 'Foreground',
  });
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    if ((await client.request('GET', path)).status === 404) return;
    await sleep(scheduler, 500, signal);
  }
  throw new AppError({
    code: 'timeout',
    message: 'The old cluster was not deleted in time',
    hint: 'Look at its pods and finalizers, then try again',
  });
}

interface PodList {
  items: {
    metadata: { name: string };
    status?: {
      phase?: string;
      conditions?: { type: string; status: string; reason?: string; message?: string }[];
      containerStatuses?: { state?: { waiting?: { reason?: string; message?: string }; running?: unknown } }[];
    };
  }[];
}

async function waitForJobManager(
  client: KubeClient,
  namespace: string,
  clusterId: string,
  op: OperationContext,
  scheduler: Scheduler,
  waitMs: number,
): Promise<ApplyResult['jobManager']> {
  op.step('start', { status: 'running' });
  const selector = encodeURIComponent(`app=${clusterId},component=jobmanager,type=flink-native-kubernetes`);
  const until = Date.now() + waitMs;
  let last = 'no JobManager pod yet';
  while (Date.now() < until && !op.signal.aborted) {
    const pods = await client.expect<PodList>(
      'GET',
      `/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`,
      'list the JobManager pods',
    );
    for (const p of pods.items) {
      const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting;
      const unschedulable = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      if (p.status?.phase === 'Running') {
        const detail = `pod ${p.metadata.name} is running`;
        op.step('start', { status: 'succeeded', detail });
        return { running: true, detail };
      }
      if (waiting?.reason && STUCK.has(waiting.reason)) {
        const detail = `pod ${p.metadata.name}: ${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`;
        op.step('start', { status: 'failed', detail, hint: hintFor(waiting.reason) });
        throw new AppError({
          code: 'failed-to-start',
          message: `The cluster was created, but its JobManager cannot start: ${detail}`,
          hint: hintFor(waiting.reason),
        });
      }
      last = unschedulable
        ? `pod ${p.metadata.name} is not scheduled: ${unschedulable.message ?? unschedulable.reason ?? 'no node fits'}`
        : `pod ${p.metadata.name} is ${waiting?.reason ?? p.status?.phase ?? 'pending'}`;
    }
    op.step('start', { detail: last });
    await sleep(scheduler, 1000, op.signal);
  }
  const detail = `${last} after ${Math.round(waitMs / 1000)} s; tracking follows it from here`;
  op.step('start', { status: 'skipped', detail });
  return { running: false, detail };
}

function hintFor(reason: string): string {
  if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull' || reason === 'InvalidImageName')
    return 'Check spec.image.ref and the registry address, and that the namespace has the pull secret (Registry page → Pull secret)';
  if (reason === 'CrashLoopBackOff')
    return 'The JobManager exits at start: read its log (entry class, jar path, Flink version of the image)';
  return 'Read the pod events: a Secret or ConfigMap it mounts may be missing';
}

function sleep(scheduler: Scheduler, ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = scheduler.setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (t.cancel(), resolve()), { once: true });
  });
}

// The saved-jobs, deploy and clusters channels of the contract (shared/contracts/deploy.ts): the job store, the
// deployer and the cluster listing, each over the narrow part of the services it uses.
import { stringify } from 'yaml';
import type { deployRequests, FlinkClusterView, ClusterListResult } from '../../../shared/contracts/deploy';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { deleteCluster, listClusters } from '../deploy/clusters';
import { startApply } from '../deploy/deployer';
import { loadDocument } from '../deploy/spec-loader';
import { TargetStore } from '../kube/targets';
import type { Handlers } from '../rpc/dispatcher';
import { JobStore, type JobDeployment } from './job-store';
import type { JobDocument } from '../../../shared/jobs/spec';
import type { OperationContext } from '../operations/operation-registry';
import { shippedLogConfig } from '../deploy/handlers';
import { renderJob } from '../deploy/render';
import { submitRequestFromSpec } from '../flink/from-spec';
import { startSessionSubmit } from '../flink/session-submit';
import { buildInDeploy } from '../build/deploy-build';
import type { BuildDeps } from '../build/pipeline';

/** A deploy of an application on image.base builds its image first, as the deploy's `build` step: recorded with
 * the job's builds and bounded by the build time limit (build/deploy-build.ts). */
function buildForDeploy(ctx: Deps, jobs: JobStore) {
  return {
    build: async (document: JobDocument, op: OperationContext, at: { stepId: string; version: number }) => {
      const r = await buildInDeploy({ ...ctx, jobs }, document, op, at);
      return { pinned: r.pinned, jarName: r.jar.name };
    },
  };
}

type Deps = Pick<ServiceContext, 'stores' | 'clock' | 'kube' | 'operations' | 'scheduler' | 'events' | 'logger'> & BuildDeps;
// (startSessionSubmit takes operations, scheduler, clock and logger from the same context.)

export function deployHandlers(ctx: Deps): Pick<Handlers, keyof typeof deployRequests> {
  const jobs = new JobStore(ctx.stores.jobs, ctx.clock);
  const changed = (name: string) => ctx.events.emit('jobs.changed', { name });
  const deployer = { kube: ctx.kube, operations: ctx.operations, jobs, scheduler: ctx.scheduler, ...buildForDeploy(ctx, jobs) };
  return {
    'jobs.list': () => jobs.list(),
    'jobs.get': ({ name }) => jobs.get(name),
    'jobs.save': async ({ document, baseDir, source }) => {
      const r = jobs.save(await loadDocument(document, baseDir), source);
      if (r.changed) changed(r.job.name);
      return r;
    },
    'jobs.remove': ({ name }) => {
      jobs.remove(name);
      changed(name);
      return { removed: name };
    },
    'jobs.yaml': ({ name, version }) => {
      const v = version ? jobs.version(name, version) : jobs.get(name).latest;
      return { yaml: stringify(v.document, { lineWidth: 0 }), fileName: `${name}.yaml` };
    },
    'jobs.apply': async (input) => {
      const request =
        'name' in input
          ? { document: (input.version ? jobs.version(input.name, input.version) : jobs.get(input.name).latest).document }
          : { document: await loadDocument(input.document, input.baseDir), ...(input.source ? { source: input.source } : {}) };
      const spec = request.document.spec;
      if (spec.mode === 'session' && spec.session) {
        // A job for a session cluster: saved as a version, then uploaded and run through the cluster's REST API.
        if (!('restUrl' in spec.session) || !spec.session.restUrl)
          throw new AppError({
            code: 'not-available',
            message: 'spec.session.clusterId: reaching a session cluster on Kubernetes from this workstation comes with the access layer',
            fields: { 'spec.session': 'give the session cluster’s REST address as session.restUrl for now' },
            hint: 'Give session: { restUrl: http://host:port } (a NodePort or LoadBalancer address, or a port-forward)',
          });
        const rendered = renderJob({ document: request.document, logConfig: { ...shippedLogConfig } });
        const { job } = jobs.save(request.document, 'source' in request ? request.source : undefined);
        const { snapshot, done } = startSessionSubmit(ctx, submitRequestFromSpec(rendered.submission!, spec.session.restUrl));
        const record = (outcome: JobDeployment['outcome']) =>
          jobs.recordDeployment(job.name, { version: job.latest.version, at: snapshot.startedAt, opId: snapshot.id, outcome });
        record('running');
        void done.then((end) => {
          record(end.status === 'running' ? 'interrupted' : end.status);
          changed(job.name);
        });
        changed(job.name);
        return snapshot;
      }
      const snapshot = startApply(deployer, {
        ...request,
        ...(input.replace ? { replace: true } : {}),
        ...(input.kubeconfig ? { kubeconfig: input.kubeconfig } : {}),
      });
      changed(request.document.metadata.name);
      return snapshot;
    },
    'clusters.delete': async ({ context, namespace, clusterId, withHa, kubeconfig }) => {
      const client = await ctx.kube.for(context, { kubeconfig });
      return deleteCluster(client, namespace, clusterId, withHa ?? false);
    },
    'clusters.list': async (input) => {
      const where =
        input?.context && input.namespace
          ? [{ context: input.context, namespace: input.namespace }]
          : new TargetStore(ctx.stores.targets, ctx.logger).list().filter((t) => !input?.context || t.context === input.context);
      if (where.length === 0)
        throw new AppError({
          code: 'invalid-input',
          message: 'There is no namespace to look in',
          hint: 'Add a target (context and namespace) on the Clusters page, or give --context and --namespace',
        });
      const result: ClusterListResult = { clusters: [], problems: [] };
      await Promise.all(
        where.map(async ({ context, namespace }) => {
          try {
            const client = await ctx.kube.for(context, { kubeconfig: input?.kubeconfig });
            result.clusters.push(...(await listClusters(client, context, namespace)));
          } catch (e) {
            const info = e instanceof AppError ? e.toInfo() : { message: 'unexpected error (see the log)' };
            if (!(e instanceof AppError)) ctx.logger.error('cluster listing failed', { context, namespace, error: String(e) });
            result.problems.push({
              context,
              namespace,
              message: info.message,
              ...('hint' in info && info.hint ? { hint: info.hint } : {}),
            });
          }
        }),
      );
      result.clusters.sort(byPlace);
      return result;
    },
  };
}

const byPlace = (a: FlinkClusterView, b: FlinkClusterView) =>
  `${a.context}/${a.namespace}/${a.clusterId}`.localeCompare(`${b.context}/${b.namespace}/${b.clusterId}`);

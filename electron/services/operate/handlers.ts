// The operate channels (shared/contracts/operate.ts): operations on a tracked cluster's jobs, its deletion, and what
// explains a failure (pods, events, logs followed or read, the diagnosis), each by the id tracking gives it.
import type { operateRequests } from '../../../shared/contracts/operate';
import type { ServiceContext } from '../context';
import { deleteCluster } from '../deploy/clusters';
import { JobStore } from '../jobs/job-store';
import type { Handlers } from '../rpc/dispatcher';
import { ClusterKube } from './cluster-kube';
import { diagnoseTracked } from './diagnose-cluster';
import { cancelTracked, savepointTracked, stopTracked } from './job-ops';
import { LogStreams } from './log-streams';
import { startRestart, type ApplyDocument } from './restart';
import { kubePlace, trackedCluster, type TrackerView } from './tracked-target';

type Deps = Pick<ServiceContext, 'stores' | 'clock' | 'kube' | 'operations' | 'scheduler' | 'events' | 'logger' | 'lifecycle'>;

export function operateHandlers(
  ctx: Deps,
  parts: { tracker: TrackerView; apply: ApplyDocument; fetch?: typeof fetch },
): Pick<Handlers, keyof typeof operateRequests> {
  const kube = new ClusterKube(ctx.kube);
  const jobs = new JobStore(ctx.stores.jobs, ctx.clock);
  const streams = new LogStreams(ctx);
  void ctx.lifecycle.register({ name: 'operate', start: () => undefined, stop: () => streams.closeAll() });
  const deps = { ...ctx, ...parts, kube, jobs };
  const place = (id: string) => kubePlace(trackedCluster(parts.tracker, id));
  return {
    'operate.cancel': (input) => cancelTracked(deps, input),
    'operate.stop': (input) => stopTracked(deps, input),
    'operate.savepoint': (input) => savepointTracked(deps, input),
    'operate.restart': (input) => startRestart(deps, input),
    'operate.delete': async ({ id, withHa }) => {
      const p = place(id);
      const result = await deleteCluster(await kube.client(p), p.namespace, p.clusterId, withHa ?? false);
      await parts.tracker.refresh().catch(() => undefined);
      return result;
    },
    'operate.pods': async ({ id }) => ({ pods: await kube.pods(place(id)), at: ctx.clock.now() }),
    'operate.events': async ({ id }) => ({ events: await kube.events(place(id)), at: ctx.clock.now() }),
    'operate.logs': async ({ id, previous, tailLines, ...choice }) => {
      const p = place(id);
      const { pod, container } = await kube.choose(p, choice);
      const lines = await kube.readLog(p, pod, container, { ...(previous ? { previous } : {}), ...(tailLines ? { tailLines } : {}) });
      return { pod, container, previous: previous ?? false, lines };
    },
    'operate.logs.follow': async ({ id, tailLines, previous: _previous, ...choice }) => {
      const p = place(id);
      const { pod, container } = await kube.choose(p, choice);
      const streamId = await streams.start((onLines) => kube.followLog(p, pod, container, tailLines, onLines));
      return { streamId, pod, container };
    },
    'operate.logs.close': ({ streamId }) => ({ closed: streams.close(streamId) }),
    'operate.diagnose': ({ id }) => diagnoseTracked(deps, id),
  };
}

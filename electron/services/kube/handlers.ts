// The Kubernetes channels of the contract (shared/contracts/kube.ts), over the kube services.
import type { ServiceContext } from '../context';
import type { Handlers } from '../rpc/dispatcher';
import type { kubeRequests } from '../../../shared/contracts/kube';
import { KubeService } from './kube-service';

export function kubeHandlers(
  ctx: Pick<ServiceContext, 'stores' | 'events' | 'clock' | 'logger' | 'env' | 'lifecycle' | 'kube'>,
): Pick<Handlers, keyof typeof kubeRequests> {
  const kube = new KubeService(ctx);
  return {
    'kube.contexts': (input) => kube.contexts(input?.kubeconfig),
    'kube.files.add': ({ path }) => kube.addFile(path),
    'kube.files.remove': ({ path }) => kube.removeFile(path),
    'kube.targets.list': () => kube.targets.list(),
    'kube.targets.add': (t) => kube.addTarget(t),
    'kube.targets.remove': ({ id }) => kube.targets.remove(id),
    'kube.check': (input) => kube.check(input),
    'kube.rbac.plan': (input) => kube.plan(input),
    'kube.rbac.grant': (input) => kube.grant(input),
    'kube.namespace.create': (input) => kube.createNamespace(input),
  };
}

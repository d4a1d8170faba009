// The Kubernetes channels of the contract (shared/contracts/kube.ts), over the kube services.
import type { ServiceContext } from '../app';
import type { Handlers } from '../rpc/dispatcher';
import type { kubeRequests } from '../../../shared/contracts/kube';

export function kubeHandlers(_ctx: ServiceContext): Pick<Handlers, keyof typeof kubeRequests> {
  return {};
}

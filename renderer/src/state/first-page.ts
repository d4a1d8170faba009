// The page a user without a remembered page lands on: the one with something to do. No kubeconfig context or no
// target yet → Clusters; else no registry → Registry; else Jobs. Decided from what the contract already answers.
import type { Client } from '../../../shared/client';
import type { Route } from './routes';

export interface Setup {
  contexts: number;
  targets: number;
  registryAddress: string;
}

export function firstPage(s: Setup): Route {
  if (s.contexts === 0 || s.targets === 0) return 'clusters';
  if (!s.registryAddress) return 'registry';
  return 'jobs';
}

/** Jobs when the host cannot tell (it is not reachable yet): a page with a banner beats a blank one. */
export async function chooseFirstPage(api: Client): Promise<Route> {
  try {
    const [kube, targets, registry] = await Promise.all([
      api.invoke('kube.contexts'),
      api.invoke('kube.targets.list'),
      api.invoke('registry.get'),
    ]);
    return firstPage({ contexts: kube.contexts.length, targets: targets.length, registryAddress: registry.address });
  } catch {
    return 'jobs';
  }
}

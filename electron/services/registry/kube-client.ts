// The kube side of the registry's pull secrets, through the Clusters capability's kubeconfig loader (same files,
// same merge as kubectl, the files added on the Clusters page, client-node loaded on first use so other CLI commands
// do not pay for its import).
import type { KubeConfig } from '@kubernetes/client-node';
import type { ServiceContext } from '../context';
import { loadClientNode } from '../kube/client-node';
import { kubeConfigFor, kubeconfigSources, loadKubeconfigs } from '../kube/kubeconfig-loader';
import { TargetStore } from '../kube/targets';

/** A KubeConfig for `context` (from `file`, the CLI's --kubeconfig, when given). */
export async function kubeConfigForContext(ctx: ServiceContext, context: string, file?: string): Promise<KubeConfig> {
  await loadClientNode();
  const added = new TargetStore(ctx.stores.targets, ctx.logger).files();
  return kubeConfigFor(loadKubeconfigs(kubeconfigSources(ctx.env, added, file)), context).kc;
}

// The kubeconfig contexts for the pull-secret picker (names, default namespace, cluster — no credentials). A stopgap
// channel until the Clusters capability lists contexts itself.
import type { RegistryKubeContexts } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { ServiceContext } from '../app';
import { loadKubeConfig } from './kube-client';

export function listKubeContexts(ctx: ServiceContext, file?: string): RegistryKubeContexts {
  try {
    const kc = loadKubeConfig(ctx.env, file);
    return {
      contexts: kc.contexts.map((c) => ({ name: c.name, cluster: c.cluster, ...(c.namespace ? { namespace: c.namespace } : {}) })),
      ...(kc.currentContext ? { current: kc.currentContext } : {}),
    };
  } catch (e) {
    if (e instanceof AppError) return { contexts: [], problem: { message: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
    throw e;
  }
}

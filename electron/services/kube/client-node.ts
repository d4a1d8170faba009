// @kubernetes/client-node takes about a second to import; every CLI command would pay for it. It is loaded on the
// first Kubernetes request instead: callers `await loadClientNode()` before using the synchronous helpers.
import type * as ClientNode from '@kubernetes/client-node';

let loaded: typeof ClientNode | undefined;

export async function loadClientNode(): Promise<typeof ClientNode> {
  loaded ??= await import('@kubernetes/client-node');
  return loaded;
}

export function clientNode(): typeof ClientNode {
  if (!loaded) throw new Error('client-node is not loaded yet: await loadClientNode() first');
  return loaded;
}

// @kubernetes/client-node takes about a second to import; every CLI command would pay for it. It is loaded on the
// first Kubernetes request instead: callers `await loadClientNode()` before using the synchronous helpers.
import type * as ClientNode from '@kubernetes/client-node';
import { nodeFetchFirst } from '../runtime/node-fetch-first';

let loaded: typeof ClientNode | undefined;

export async function loadClientNode(): Promise<typeof ClientNode> {
  if (loaded) return loaded;
  // It imports the undici package, which must not take Node's fetch over (node-fetch-first.ts).
  nodeFetchFirst();
  loaded = await import('@kubernetes/client-node');
  return loaded;
}

export function clientNode(): typeof ClientNode {
  if (!loaded) throw new Error('client-node is not loaded yet: await loadClientNode() first');
  return loaded;
}

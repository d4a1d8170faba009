// Which ways to try for a cluster, in order — a pure function of the mode and what the rest Service says:
// - auto, with a REST URL the user gave: that URL;
// - auto, NodePort or LoadBalancer: direct (the address Flink computes), then a port-forward, then the service proxy;
// - auto, ClusterIP (or no rest Service to read): a port-forward, then the service proxy — a ClusterIP address is
//   reachable only from inside the cluster's network;
// - a mode the user pinned: that way only (its failure is shown, never silently replaced).
import type { AccessMode, AccessWay } from '../../../shared/contracts/tracking';

export interface Exposure {
  /** The rest Service's type; undefined when it could not be read or does not exist. */
  type?: string;
  /** A REST URL the user gave for the cluster. */
  restUrl?: string;
}

export function waysFor(mode: AccessMode, exposure: Exposure): AccessWay[] {
  if (mode !== 'auto') return [mode];
  if (exposure.restUrl) return ['rest-url'];
  if (exposure.type === 'NodePort' || exposure.type === 'LoadBalancer') return ['direct', 'port-forward', 'service-proxy'];
  return ['port-forward', 'service-proxy'];
}

/** Whether choosing needs the rest Service read (its type, its port, the direct address). */
export const needsService = (mode: AccessMode, restUrl: string | undefined): boolean =>
  mode === 'direct' || mode === 'service-proxy' || (mode === 'auto' && !restUrl);

export const wayLabel: Record<AccessWay, string> = {
  'rest-url': 'REST URL',
  direct: 'direct',
  'port-forward': 'port-forward',
  'service-proxy': 'service proxy',
};

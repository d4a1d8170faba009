// The `direct` way: the address Flink's own client computes for a NodePort or LoadBalancer rest Service
// (KubernetesClusterDescriptor, ServiceType): a LoadBalancer's ingress IP or host name with the Service port; a
// NodePort — or a LoadBalancer whose ingress is not provisioned yet — at a node's InternalIP
// (kubernetes.rest-service.exposed.node-port-address-type defaults to InternalIP) and the node port. A ClusterIP
// Service has no address reachable from outside the cluster's network.
import { AppError } from '../../../shared/errors';
import type { KubeConnection } from '../kube';
import type { RestService } from './rest-service';

interface NodeList {
  items: { status?: { addresses?: { type: string; address: string }[] } }[];
}

export interface DirectAddress {
  url: string;
  via: string;
}

const host = (h: string) => (h.includes(':') ? `[${h}]` : h);

export async function directAddress(client: KubeConnection, clusterId: string, svc: RestService): Promise<DirectAddress> {
  const { port, ingress } = svc;
  if (svc.type === 'LoadBalancer' && ingress && port) {
    const address = ingress.ip ?? ingress.hostname ?? '';
    if (address) return { url: `http://${host(address)}:${port.port}`, via: `LoadBalancer ${host(address)}:${port.port}` };
  }
  if ((svc.type === 'NodePort' || svc.type === 'LoadBalancer') && port?.nodePort) {
    const nodes = await client.expect<NodeList>('GET', '/api/v1/nodes', 'list the nodes (for the NodePort address)');
    const address = nodes.items.flatMap((n) => n.status?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address;
    if (!address)
      throw new AppError({
        code: 'not-available',
        message: `No node has an InternalIP address for the NodePort of ${clusterId}`,
        hint: 'Reach it through a port-forward or the service proxy instead',
      });
    return { url: `http://${host(address)}:${port.nodePort}`, via: `NodePort ${host(address)}:${port.nodePort}` };
  }
  throw new AppError({
    code: 'not-available',
    message: `${clusterId} exposes its REST endpoint as ${svc.type}, which has no address outside the cluster's network`,
    hint: 'Use a port-forward or the service proxy (access auto picks one), or expose it as NodePort or LoadBalancer',
  });
}

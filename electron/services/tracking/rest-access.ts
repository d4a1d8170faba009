// How tracking reaches a cluster's REST endpoint: the seam the access layer (electron/services/access/: direct,
// port-forward, the API server's service proxy) plugs into. Until then: the REST URL the user gave, or the address
// Flink's own client computes for a NodePort or LoadBalancer rest Service. A ClusterIP Service is not reachable from
// a workstation without the access layer, and says so.
import { AppError } from '../../../shared/errors';
import type { TrackedRef } from '../../../shared/contracts/tracking';
import type { KubeClients } from '../kube';

export interface RestEndpoint {
  restUrl: string;
  /** How it is reached, for the user: "REST URL", "NodePort 10.0.0.5:30081", "LoadBalancer". */
  via: string;
}

export interface RestAccess {
  /** The REST base URL of this cluster now; an AppError (with a hint) when there is none. */
  resolve(ref: TrackedRef, signal: AbortSignal): Promise<RestEndpoint>;
}

interface ServiceShape {
  spec?: { type?: string; ports?: { name?: string; port: number; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}
interface NodeList {
  items: { status?: { addresses?: { type: string; address: string }[] } }[];
}

const host = (h: string) => (h.includes(':') ? `[${h}]` : h);

/** The REST URL given, else Flink's own rules for the rest Service (KubernetesClusterDescriptor / ServiceType). */
export class DirectRestAccess implements RestAccess {
  constructor(private readonly kube: Pick<KubeClients, 'for'>) {}

  async resolve(ref: TrackedRef, signal: AbortSignal): Promise<RestEndpoint> {
    if (ref.kind === 'rest') return { restUrl: ref.restUrl, via: 'REST URL' };
    if (ref.restUrl) return { restUrl: ref.restUrl, via: 'REST URL given' };
    if (signal.aborted) throw new AppError({ code: 'timeout', message: 'The round ended before the REST endpoint was found' });
    const client = await this.kube.for(ref.context, { kubeconfig: ref.kubeconfig });
    const svc = await client.request<ServiceShape>('GET', `/api/v1/namespaces/${ref.namespace}/services/${ref.clusterId}-rest`);
    if (svc.status === 404)
      throw new AppError({
        code: 'not-found',
        message: `Cluster ${ref.clusterId} has no rest Service (${ref.clusterId}-rest) in ${ref.namespace}`,
        hint: 'The cluster may be gone or still starting',
      });
    if (svc.status !== 200)
      await client.expect(
        'GET',
        `/api/v1/namespaces/${ref.namespace}/services/${ref.clusterId}-rest`,
        `read the rest Service of ${ref.clusterId}`,
      );
    const spec = svc.body?.spec ?? {};
    const port = spec.ports?.find((p) => p.name === 'rest') ?? spec.ports?.[0];
    const ingress = svc.body?.status?.loadBalancer?.ingress?.[0];
    if (spec.type === 'LoadBalancer' && ingress && port) {
      const address = ingress.ip ?? ingress.hostname ?? '';
      return { restUrl: `http://${host(address)}:${port.port}`, via: `LoadBalancer ${address}` };
    }
    // A LoadBalancer not provisioned yet is reached through its node port, as Flink's client does.
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && port?.nodePort) {
      const nodes = await client.expect<NodeList>('GET', '/api/v1/nodes', 'list the nodes (for the NodePort address)');
      // Flink's kubernetes.rest-service.exposed.node-port-address-type defaults to InternalIP.
      const address = nodes.items.flatMap((n) => n.status?.addresses ?? []).find((a) => a.type === 'InternalIP')?.address;
      if (!address)
        throw new AppError({ code: 'not-available', message: `No node of ${ref.context} has an InternalIP address for the NodePort` });
      return { restUrl: `http://${host(address)}:${port.nodePort}`, via: `NodePort ${address}:${port.nodePort}` };
    }
    throw new AppError({
      code: 'not-available',
      message: `Cluster ${ref.clusterId} exposes its REST endpoint as ${spec.type ?? 'ClusterIP'}, which is not reachable from this machine yet`,
      hint: 'Give its REST URL, e.g. through kubectl port-forward service/<cluster-id>-rest 8081 (flink-desk track --context … --cluster-id … --rest-url http://127.0.0.1:8081), or expose it as NodePort or LoadBalancer',
    });
  }
}

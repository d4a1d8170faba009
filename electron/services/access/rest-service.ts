// The rest Service Flink's native-Kubernetes client creates for a cluster (`<cluster-id>-rest`): its exposed type
// (ClusterIP, NodePort, LoadBalancer), the REST port and, for a LoadBalancer, its ingress. Read at each choice of a
// way, so an exposed type changed by a redeploy is followed.
import { AppError } from '../../../shared/errors';
import type { KubeConnection } from '../kube';

export interface RestService {
  name: string;
  namespace: string;
  type: string;
  /** The port named `rest` (Flink's name), else the first. */
  port?: { name?: string; port: number; nodePort?: number; targetPort?: number | string };
  ingress?: { ip?: string; hostname?: string };
}

interface ServiceShape {
  spec?: { type?: string; ports?: { name?: string; port: number; nodePort?: number; targetPort?: number | string }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export const restServiceName = (clusterId: string) => `${clusterId}-rest`;

/** The cluster's rest Service; null when the API server says there is none. */
export async function readRestService(client: KubeConnection, namespace: string, clusterId: string): Promise<RestService | null> {
  const name = restServiceName(clusterId);
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}`;
  const r = await client.request<ServiceShape>('GET', path);
  if (r.status === 404) return null;
  if (r.status !== 200) await client.expect('GET', path, `read the rest Service of ${clusterId}`);
  if (!r.body) throw new AppError({ code: 'internal', message: `The API server sent an empty answer for Service ${namespace}/${name}` });
  const spec = r.body.spec ?? {};
  const port = spec.ports?.find((p) => p.name === 'rest') ?? spec.ports?.[0];
  const ingress = r.body.status?.loadBalancer?.ingress?.[0];
  return { name, namespace, type: spec.type ?? 'ClusterIP', ...(port ? { port } : {}), ...(ingress ? { ingress } : {}) };
}

// The JobManager pod a port-forward goes to: the pods Flink labels app=<cluster-id>, component=jobmanager,
// type=flink-native-kubernetes, not being deleted; a ready one first, then a running one, the newest first (after a
// restart the old pod may linger while terminating). The REST port is the main container's port named `rest`
// (rest.port, 8081 by default).
import { AppError } from '../../../shared/errors';
import type { KubeConnection } from '../kube';

export const jobManagerSelector = (clusterId: string) => `app=${clusterId},component=jobmanager,type=flink-native-kubernetes`;

export interface JobManagerPod {
  name: string;
  namespace: string;
  restPort: number;
}

interface PodShape {
  metadata: { name: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec?: { containers?: { name: string; ports?: { name?: string; containerPort: number }[] }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

const DEFAULT_REST_PORT = 8081;

export async function findJobManagerPod(client: KubeConnection, namespace: string, clusterId: string): Promise<JobManagerPod> {
  const list = await client.expect<{ items: PodShape[] }>(
    'GET',
    `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    `list the JobManager pods of ${clusterId}`,
    undefined,
    { query: { labelSelector: jobManagerSelector(clusterId) } },
  );
  const ready = (p: PodShape) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const rank = (p: PodShape) => (ready(p) ? 2 : p.status?.phase === 'Running' ? 1 : 0);
  const pods = list.items
    .filter((p) => !p.metadata.deletionTimestamp && p.status?.phase === 'Running')
    .sort((a, b) => rank(b) - rank(a) || Date.parse(b.metadata.creationTimestamp ?? '') - Date.parse(a.metadata.creationTimestamp ?? ''));
  const pod = pods[0];
  if (!pod)
    throw new AppError({
      code: 'not-available',
      message: list.items.length
        ? `No JobManager pod of ${clusterId} in ${namespace} is running (${list.items.map((p) => `${p.metadata.name}: ${p.metadata.deletionTimestamp ? 'terminating' : (p.status?.phase ?? 'Pending')}`).join(', ')})`
        : `${clusterId} has no JobManager pod in ${namespace}`,
      hint: 'The cluster may be starting, restarting or gone: its pods and events say which',
    });
  const containers = pod.spec?.containers ?? [];
  const main = containers.find((c) => c.name === 'flink-main-container');
  const restPort =
    main?.ports?.find((p) => p.name === 'rest')?.containerPort ??
    containers.flatMap((c) => c.ports ?? []).find((p) => p.name === 'rest')?.containerPort ??
    DEFAULT_REST_PORT;
  return { name: pod.metadata.name, namespace, restPort };
}

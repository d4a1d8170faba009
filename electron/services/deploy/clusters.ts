// The Flink clusters in a namespace, however they were made (Flink Desk, Flink's own CLI, another tool): every
// JobManager Deployment labelled type=flink-native-kubernetes, with its mode read from the JobManager's start
// command — and their deletion: the Deployment (its Services, ConfigMaps and TaskManager pods go by garbage
// collection) and, on request, the HA ConfigMaps, which Flink creates without an owner so they survive it.
import { AppError } from '../../../shared/errors';
import type { FlinkClusterView } from '../../../shared/contracts/deploy';
import type { KubeClient } from '../kube';

interface DeploymentList {
  items: {
    metadata: {
      name: string;
      namespace: string;
      creationTimestamp?: string;
      labels?: Record<string, string>;
      managedFields?: { manager?: string; operation?: string }[];
    };
    spec?: {
      replicas?: number;
      template?: { spec?: { containers?: { name: string; image?: string; args?: string[]; command?: string[] }[] } };
    };
    status?: { readyReplicas?: number; replicas?: number };
  }[];
}

interface ServiceShape {
  spec?: { type?: string; ports?: { name?: string; port: number; nodePort?: number }[] };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

export async function listClusters(client: KubeClient, context: string, namespace: string): Promise<FlinkClusterView[]> {
  const selector = encodeURIComponent('type=flink-native-kubernetes,component=jobmanager');
  const list = await client.expect<DeploymentList>(
    'GET',
    `/apis/apps/v1/namespaces/${namespace}/deployments?labelSelector=${selector}`,
    `list the Flink clusters in ${namespace}`,
  );
  return Promise.all(
    list.items.map(async (d) => {
      const main = d.spec?.template?.spec?.containers?.find((c) => c.name === 'flink-main-container');
      const start = [...(main?.command ?? []), ...(main?.args ?? [])].join(' ');
      const mode: FlinkClusterView['mode'] = start.includes('kubernetes-session')
        ? 'session'
        : start.includes('kubernetes-application')
          ? 'application'
          : 'unknown';
      const rest = await client.request<ServiceShape>('GET', `/api/v1/namespaces/${namespace}/services/${d.metadata.name}-rest`);
      const port = rest.body?.spec?.ports?.find((p) => p.name === 'rest') ?? rest.body?.spec?.ports?.[0];
      return {
        context,
        namespace,
        clusterId: d.metadata.name,
        mode,
        image: main?.image ?? '',
        ...(d.metadata.creationTimestamp ? { createdAt: Date.parse(d.metadata.creationTimestamp) } : {}),
        jobManagers: { ready: d.status?.readyReplicas ?? 0, desired: d.spec?.replicas ?? 1 },
        // Our deployer writes by server-side apply; any other write (even one with our user agent) is not ours.
        madeByFlinkDesk: (d.metadata.managedFields ?? []).some((f) => f.manager === 'flink-desk' && f.operation === 'Apply'),
        ...(rest.status === 200 && rest.body?.spec?.type
          ? {
              rest: {
                exposedType: rest.body.spec.type,
                port: port?.port ?? 8081,
                ...(port?.nodePort ? { nodePort: port.nodePort } : {}),
                ...(rest.body.status?.loadBalancer?.ingress?.[0]
                  ? { loadBalancer: rest.body.status.loadBalancer.ingress[0].ip ?? rest.body.status.loadBalancer.ingress[0].hostname ?? '' }
                  : {}),
              },
            }
          : {}),
      };
    }),
  );
}

export interface DeleteResult {
  deleted: string[];
  /** HA ConfigMaps left in place (when not asked to delete them), so the user knows they are there. */
  haConfigMapsKept: string[];
}

export async function deleteCluster(client: KubeClient, namespace: string, clusterId: string, withHa: boolean): Promise<DeleteResult> {
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments/${clusterId}`;
  const r = await client.request('DELETE', path, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });
  const deleted: string[] = [];
  if (r.status === 200 || r.status === 202) deleted.push(`Deployment/${clusterId}`);
  else if (r.status !== 404) await client.expect('DELETE', path, `delete Deployment ${namespace}/${clusterId}`);
  const selector = encodeURIComponent(`app=${clusterId},configmap-type=high-availability,type=flink-native-kubernetes`);
  const ha = await client.expect<{ items: { metadata: { name: string } }[] }>(
    'GET',
    `/api/v1/namespaces/${namespace}/configmaps?labelSelector=${selector}`,
    `list the HA ConfigMaps of ${clusterId}`,
  );
  const haNames = ha.items.map((c) => c.metadata.name);
  if (withHa) {
    for (const name of haNames) {
      await client.expect('DELETE', `/api/v1/namespaces/${namespace}/configmaps/${name}`, `delete the HA ConfigMap ${name}`);
      deleted.push(`ConfigMap/${name}`);
    }
  }
  if (deleted.length === 0)
    throw new AppError({
      code: 'not-found',
      message: `There is no Flink cluster ${clusterId} in ${namespace}${haNames.length ? '' : ' (and no HA ConfigMaps of it)'}`,
      hint: 'List the clusters with "flink-desk session list" or look at the Jobs page',
    });
  return { deleted, haConfigMapsKept: withHa ? [] : haNames };
}

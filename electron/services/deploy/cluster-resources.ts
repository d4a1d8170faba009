// The objects Flink's client creates for a cluster, besides the JobManager pod itself: the Deployment around it, the
// internal (headless, non-HA only) and rest Services, the flink-config ConfigMap and the TaskManager pod-template
// ConfigMap — with owner references to the Deployment, as Fabric8FlinkKubeClient.setOwnerReference puts them.
import type { EffectiveConfig } from './flink-config';
import { writeConfFile } from './flink-conf-file';
import { assemble, setMap, type FlinkPod, type Obj } from './flink-pod';
import { commonLabels, jobManagerSelectors, podTemplateFileName } from './jobmanager-pod';
import { ports } from './flink-config';

/** The uid the API server gives the Deployment is known only after it is created; until then, this placeholder. */
export const placeholderUid = '00000000-0000-0000-0000-000000000000';

export function ownerReference(clusterId: string, uid: string): Obj {
  return { apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'Deployment', name: clusterId, uid };
}

function meta(name: string, labels: Record<string, string>, extra: Obj = {}): Obj {
  return { name, labels, ...extra };
}

export function jobManagerDeployment(
  p: FlinkPod,
  c: EffectiveConfig,
  userLabels: Record<string, string>,
  annotations: Record<string, string>,
): Obj {
  const clusterId = String(c.entries.get('kubernetes.cluster-id'));
  const metadata = meta(clusterId, { ...userLabels, ...jobManagerSelectors(clusterId) });
  setMap(metadata, 'annotations', annotations);
  const replicas = c.entries.get('kubernetes.jobmanager.replicas');
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata,
    spec: {
      replicas: typeof replicas === 'string' ? Number(replicas) : 1,
      selector: { matchLabels: jobManagerSelectors(clusterId) },
      template: assemble(p),
    },
  };
}

export function internalService(c: EffectiveConfig, clusterId: string, uid: string): Obj {
  const pt = ports(c);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(clusterId, commonLabels(clusterId), { ownerReferences: [ownerReference(clusterId, uid)] }),
    spec: {
      clusterIP: 'None',
      ports: [
        { name: 'jobmanager-rpc', port: pt.rpc },
        { name: 'blobserver', port: pt.blob },
      ],
      selector: jobManagerSelectors(clusterId),
    },
  };
}

export function restService(
  c: EffectiveConfig,
  clusterId: string,
  uid: string,
  exposedType: string,
  annotations: Record<string, string>,
): Obj {
  const pt = ports(c);
  const metadata = meta(`${clusterId}-rest`, commonLabels(clusterId), { ownerReferences: [ownerReference(clusterId, uid)] });
  setMap(metadata, 'annotations', annotations);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata,
    spec: {
      ports: [{ name: 'rest', port: pt.rest, targetPort: pt.restBind }],
      selector: jobManagerSelectors(clusterId),
      type: exposedType,
    },
  };
}

export function flinkConfigMap(c: EffectiveConfig, clusterId: string, uid: string, logFiles: Record<string, string>): Obj {
  const conf = writeConfFile(c);
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(`flink-config-${clusterId}`, commonLabels(clusterId), { ownerReferences: [ownerReference(clusterId, uid)] }),
    data: { ...logFiles, [conf.name]: conf.text },
  };
}

export function podTemplateConfigMap(clusterId: string, uid: string, templateText: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(`pod-template-${clusterId}`, commonLabels(clusterId), { ownerReferences: [ownerReference(clusterId, uid)] }),
    data: { [podTemplateFileName]: templateText },
  };
}

// The rights Flink Desk needs (for the user, in the target namespace) and the rights the running JobManager needs
// (for its service account). The JobManager list follows what Flink's Fabric8FlinkKubeClient calls (shared reference
// flink-native-kubernetes.md §5); the least-privilege Role is built from exactly these rows.

export interface Requirement {
  resource: string;
  subresource?: string;
  group: string;
  verbs: string[];
  scope: 'namespace' | 'cluster';
  optional?: boolean;
  why: string;
}

export const userRequirements: Requirement[] = [
  {
    resource: 'deployments',
    group: 'apps',
    verbs: ['get', 'list', 'watch', 'create', 'delete'],
    scope: 'namespace',
    why: 'create, track and delete the JobManager Deployment',
  },
  {
    resource: 'services',
    group: '',
    verbs: ['get', 'list', 'create', 'update', 'delete'],
    scope: 'namespace',
    why: 'the REST and internal Services of a Flink cluster',
  },
  {
    resource: 'configmaps',
    group: '',
    verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'],
    scope: 'namespace',
    why: 'Flink configuration, pod templates, HA clean-up',
  },
  { resource: 'pods', group: '', verbs: ['get', 'list', 'watch'], scope: 'namespace', why: 'JobManager and TaskManager status' },
  { resource: 'pods', subresource: 'log', group: '', verbs: ['get'], scope: 'namespace', why: 'JobManager and TaskManager logs' },
  { resource: 'events', group: '', verbs: ['list', 'watch'], scope: 'namespace', why: 'the events that explain a failure' },
  {
    resource: 'secrets',
    group: '',
    // patch: the pull secret is written by server-side apply.
    verbs: ['get', 'create', 'update', 'patch'],
    scope: 'namespace',
    why: 'image pull secrets for your registry',
  },
  { resource: 'nodes', group: '', verbs: ['list'], scope: 'cluster', optional: true, why: 'NodePort addresses of the Flink Web UI' },
];

export const jobManagerRequirements: Requirement[] = [
  { resource: 'pods', group: '', verbs: ['get', 'list', 'watch', 'create', 'delete'], scope: 'namespace', why: 'TaskManager pods' },
  {
    resource: 'configmaps',
    group: '',
    verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
    scope: 'namespace',
    why: 'leader election and HA metadata',
  },
  { resource: 'services', group: '', verbs: ['get'], scope: 'namespace', why: 'its own REST and internal Services' },
  {
    resource: 'deployments',
    group: 'apps',
    verbs: ['get', 'delete'],
    scope: 'namespace',
    why: 'owner of TaskManager pods; deleted when the job ends',
  },
];

export const resourceLabel = (r: Pick<Requirement, 'resource' | 'subresource' | 'group'>): string =>
  `${r.resource}${r.subresource ? `/${r.subresource}` : ''}${r.group ? `.${r.group}` : ''}`;

/** RBAC PolicyRules for a Role that grants exactly `reqs` (namespaced rows only), one rule per API group + verbs. */
export function policyRules(reqs: Requirement[]): { apiGroups: string[]; resources: string[]; verbs: string[] }[] {
  return reqs
    .filter((r) => r.scope === 'namespace')
    .map((r) => ({
      apiGroups: [r.group],
      resources: [r.subresource ? `${r.resource}/${r.subresource}` : r.resource],
      verbs: [...r.verbs],
    }));
}

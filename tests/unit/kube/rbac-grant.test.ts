// The grant's YAML: exactly the JobManager's rules in `role` mode, the seed's ClusterRoleBinding in `edit` mode.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { applyGrant, grantPlan } from '../../../electron/services/kube/rbac-grant';
import { jobManagerRequirements } from '../../../electron/services/kube/rbac-requirements';

const docs = (yaml: string) =>
  parseAllDocuments(yaml).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string } } & Record<string, unknown>,
  );

describe('rbac grant plan', () => {
  it('role mode: ServiceAccount, a Role with exactly the JobManager rules, a RoleBinding', () => {
    const plan = grantPlan('flink-dev', 'flink', 'role', false);
    const objs = docs(plan.yaml);
    expect(objs.map((o) => o.kind)).toEqual(['ServiceAccount', 'Role', 'RoleBinding']);
    const role = objs[1]!;
    const granted = (role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]).flatMap((r) =>
      r.resources.flatMap((res) => r.verbs.map((v) => `${r.apiGroups[0]}/${res}/${v}`)),
    );
    const needed = jobManagerRequirements.flatMap((r) => r.verbs.map((v) => `${r.group}/${r.resource}/${v}`));
    expect(granted.sort()).toEqual(needed.sort());
    expect(objs[2]).toMatchObject({
      roleRef: { kind: 'Role', name: role.metadata.name },
      subjects: [{ kind: 'ServiceAccount', name: 'flink', namespace: 'flink-dev' }],
    });
    expect(plan.objects).toEqual(objs.map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: 'flink-dev' })));
  });

  it("edit mode: the seed's ClusterRoleBinding of `edit`; the namespace first when asked", () => {
    const objs = docs(grantPlan('flink-dev', 'default', 'edit', true).yaml);
    expect(objs.map((o) => o.kind)).toEqual(['Namespace', 'ServiceAccount', 'ClusterRoleBinding']);
    expect(objs[2]).toMatchObject({
      metadata: { name: 'flink-role-binding-flink-dev-default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'flink-dev' }],
    });
  });
});

describe('rbac grant apply', () => {
  it('treats an object created by the cluster between our read and our create as existing (the `default` SA race)', async () => {
    // A scripted connection (test double): the ServiceAccount is absent on the first read, its create then conflicts
    // because the service-account controller made it meanwhile, and it is there on the second read.
    const calls: string[] = [];
    let saReads = 0;
    const conn = {
      where: { context: 'c', server: 'https://127.0.0.1:1' },
      timeoutMs: 1000,
      request: (method: string, path: string) => {
        calls.push(`${method} ${path}`);
        if (method === 'GET' && path.endsWith('/serviceaccounts/default')) {
          return Promise.resolve(
            saReads++ === 0 ? { status: 404, body: undefined } : { status: 200, body: { metadata: { name: 'default' } } },
          );
        }
        if (method === 'POST' && path.endsWith('/serviceaccounts')) return Promise.resolve({ status: 409, body: undefined });
        if (method === 'GET') return Promise.resolve({ status: 404, body: undefined });
        return Promise.resolve({ status: 201, body: {} });
      },
      expect: () => Promise.reject(new Error('not expected in this test')),
      close: () => undefined,
    };
    const plan = grantPlan('fresh-ns', 'default', 'role', true);
    const result = await applyGrant(conn as never, plan, true);
    expect(result.applied.map((a) => `${a.kind}:${a.action}`)).toEqual([
      'Namespace:created',
      'ServiceAccount:unchanged',
      'Role:created',
      'RoleBinding:created',
    ]);
    expect(calls.filter((c) => c.includes('serviceaccounts'))).toEqual([
      'GET /api/v1/namespaces/fresh-ns/serviceaccounts/default',
      'POST /api/v1/namespaces/fresh-ns/serviceaccounts',
      'GET /api/v1/namespaces/fresh-ns/serviceaccounts/default',
    ]);
  });
});

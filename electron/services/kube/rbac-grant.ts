// The fix for a missing service-account RBAC, as YAML first and applied only on confirmation:
//   role — ServiceAccount (if missing), a namespaced Role with exactly the JobManager's rules, a RoleBinding;
//   edit — the seed's way: ServiceAccount (if missing) and a ClusterRoleBinding of ClusterRole `edit`.
// Applying is idempotent: each object is created, or updated by server-side apply (field manager flink-desk) when it
// differs, or left alone — applying twice changes nothing, not even the object's resourceVersion.
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import type { GrantMode, GrantObject, GrantPlan, GrantResult } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import type { KubeConnection } from './kube-connection';
import { applyAt, type Manifest } from './server-side-apply';
import { jobManagerRequirements, policyRules } from './rbac-requirements';

const rbacApi = 'rbac.authorization.k8s.io/v1';
const managedBy = { 'app.kubernetes.io/managed-by': 'flink-desk' };

export function grantNames(namespace: string, sa: string, mode: GrantMode) {
  return mode === 'role' ? { role: `flink-desk-${sa}`, binding: `flink-desk-${sa}` } : { binding: `flink-role-binding-${namespace}-${sa}` };
}

export function grantManifests(namespace: string, sa: string, mode: GrantMode, createNamespace: boolean): Manifest[] {
  const subject = { kind: 'ServiceAccount', name: sa, namespace };
  const out: Manifest[] = [];
  if (createNamespace) out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: managedBy } });
  out.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace, labels: managedBy } });
  const names = grantNames(namespace, sa, mode);
  if (mode === 'role') {
    out.push({
      apiVersion: rbacApi,
      kind: 'Role',
      metadata: { name: names.role!, namespace, labels: managedBy },
      rules: policyRules(jobManagerRequirements),
    });
    out.push({
      apiVersion: rbacApi,
      kind: 'RoleBinding',
      metadata: { name: names.binding, namespace, labels: managedBy },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: names.role! },
      subjects: [subject],
    });
  } else {
    out.push({
      apiVersion: rbacApi,
      kind: 'ClusterRoleBinding',
      metadata: { name: names.binding, labels: managedBy },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
      subjects: [subject],
    });
  }
  return out;
}

export function toYaml(manifests: Manifest[]): string {
  return manifests.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
}

export function grantPlan(namespace: string, sa: string, mode: GrantMode, createNamespace: boolean): GrantPlan {
  const manifests = grantManifests(namespace, sa, mode, createNamespace);
  return { mode, namespace, serviceAccount: sa, objects: manifests.map(objectOf), yaml: toYaml(manifests) };
}

function objectOf(m: Manifest): GrantObject {
  return { kind: m.kind, name: m.metadata.name, ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}) };
}

function pathOf(m: Manifest, named: boolean): string {
  const plural = `${m.kind.toLowerCase()}s`;
  const root = m.apiVersion === 'v1' ? '/api/v1' : `/apis/${m.apiVersion}`;
  const ns = m.metadata.namespace ? `/namespaces/${m.metadata.namespace}` : '';
  return `${root}${ns}/${plural}${named ? `/${m.metadata.name}` : ''}`;
}

/** The fields that matter per kind: what "already as we want it" compares. */
function desiredPart(m: Record<string, unknown>): unknown {
  return { rules: m.rules, roleRef: m.roleRef, subjects: m.subjects };
}

async function applyOne(conn: KubeConnection, m: Manifest, retried = false): Promise<GrantResult['applied'][number]> {
  const obj = objectOf(m);
  const what = `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;
  // Namespaces and ServiceAccounts are only ever created (POST): their other fields belong to the cluster and the
  // user, so an existing one is left exactly as it is — an apply would add our label to the user's `default`.
  const createOnly = m.kind === 'Namespace' || m.kind === 'ServiceAccount';
  const current = await conn.request<Record<string, unknown>>('GET', pathOf(m, true));
  if (current.status === 404) {
    if (!createOnly) {
      const applied = await applyAt(conn, pathOf(m, true), m, { force: true, what: `create ${what}` });
      return { ...obj, action: applied.created ? 'created' : 'updated' };
    }
    const created = await conn.request('POST', pathOf(m, false), m);
    if (created.status === 201 || created.status === 200) return { ...obj, action: 'created' };
    // Someone created it between our read and our create — in a namespace just made, the cluster's service-account
    // controller creates `default` itself. Read it again and treat it as existing.
    if (created.status === 409 && !retried) return applyOne(conn, m, true);
    await conn.expect('POST', pathOf(m, false), `create ${what}`, m);
    return { ...obj, action: 'created' };
  }
  if (current.status === 403) {
    // May not read it: try to create; a 409 then means it exists and we leave it.
    const r = await conn.request('POST', pathOf(m, false), m);
    if (r.status === 201 || r.status === 200) return { ...obj, action: 'created' };
    if (r.status !== 409) await conn.expect('POST', pathOf(m, false), `create ${what}`, m);
    return { ...obj, action: 'unchanged' };
  }
  if (current.status !== 200 || !current.body) {
    await conn.expect('GET', pathOf(m, true), `read ${what}`);
    return { ...obj, action: 'unchanged' };
  }
  if (createOnly) return { ...obj, action: 'unchanged' };
  // Compared first, so a second grant writes nothing (not even a managedFields entry for an object made elsewhere).
  if (isDeepStrictEqual(desiredPart(current.body), desiredPart(m))) return { ...obj, action: 'unchanged' };
  if (!isDeepStrictEqual(current.body.roleRef, m.roleRef) && m.roleRef !== undefined) {
    // roleRef is immutable: a binding to another role is replaced by deleting and re-creating it.
    await conn.expect('DELETE', pathOf(m, true), `delete ${what} (its roleRef differs)`);
  }
  // force: these objects are ours (the user confirmed the grant); fields another manager set are taken over.
  await applyAt(conn, pathOf(m, true), m, { force: true, what: `update ${what}` });
  return { ...obj, action: 'updated' };
}

export async function applyGrant(conn: KubeConnection, plan: GrantPlan, createNamespace: boolean): Promise<GrantResult> {
  const manifests = grantManifests(plan.namespace, plan.serviceAccount, plan.mode, createNamespace);
  if (!createNamespace) {
    const ns = await conn.request('GET', `/api/v1/namespaces/${plan.namespace}`);
    if (ns.status === 404) {
      throw new AppError({
        code: 'not-found',
        message: `Namespace '${plan.namespace}' does not exist`,
        hint: 'Create it first (confirm "create the namespace", or --create-namespace on the command line)',
        fields: { namespace: 'Does not exist' },
      });
    }
  }
  const applied: GrantResult['applied'] = [];
  for (const m of manifests) applied.push(await applyOne(conn, m));
  return { ...plan, applied };
}

// Checks one target the way `kubectl cluster-info` and `kubectl auth whoami` would: GET /version (reachability,
// server version, round-trip time), SelfSubjectReview (who am I), the namespace, then the RBAC preflight.
import type { KubeCheckResult } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import type { Clock } from '../ports';
import type { KubeConnection } from './kube-connection';
import { reviewRbac } from './rbac-review';

interface VersionInfo {
  gitVersion?: string;
  platform?: string;
}

export async function identityOf(conn: KubeConnection): Promise<KubeCheckResult['identity']> {
  const r = await conn.request<{ status?: { userInfo?: { username?: string; groups?: string[] } } }>(
    'POST',
    '/apis/authentication.k8s.io/v1/selfsubjectreviews',
    { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  );
  if (r.status === 201 || r.status === 200) {
    const info = r.body?.status?.userInfo;
    return { username: info?.username ?? '(anonymous)', groups: info?.groups ?? [] };
  }
  if (r.status === 404) return { unknown: 'This API server does not serve SelfSubjectReview (authentication.k8s.io/v1, Kubernetes 1.28+)' };
  if (r.status === 403) return { unknown: 'You may not create a SelfSubjectReview on this cluster' };
  return { unknown: `The API server answered ${r.status} to a SelfSubjectReview` };
}

export async function namespaceStatus(conn: KubeConnection, namespace: string): Promise<NonNullable<KubeCheckResult['namespaceStatus']>> {
  const r = await conn.request('GET', `/api/v1/namespaces/${namespace}`);
  if (r.status === 200) return { exists: true };
  if (r.status === 404) return { exists: false, reason: `Namespace '${namespace}' does not exist` };
  if (r.status === 403) return { exists: null, reason: `You may not read namespace '${namespace}', so its existence is unknown` };
  return { exists: null, reason: `The API server answered ${r.status} for namespace '${namespace}'` };
}

export async function checkTarget(
  conn: KubeConnection,
  target: { context: string; namespace: string; serviceAccount: string; rbac: boolean },
  clock: Clock,
): Promise<KubeCheckResult> {
  const base = { context: target.context, namespace: target.namespace, server: conn.where.server, checkedAt: clock.now() };
  const started = performance.now();
  let version: VersionInfo;
  try {
    version = await conn.expect<VersionInfo>('GET', '/version', 'read the server version');
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ...base, ...failure(e) };
  }
  const rttMs = Math.round((performance.now() - started) * 10) / 10;
  const result: KubeCheckResult = {
    ...base,
    reachable: true,
    rttMs,
    version: { gitVersion: version.gitVersion ?? 'unknown', ...(version.platform ? { platform: version.platform } : {}) },
    verdict: 'ok',
  };
  try {
    const ready = await conn.request('GET', '/readyz');
    result.health = ready.status === 200 ? 'ready' : ready.status === 500 || ready.status === 503 ? 'not ready' : 'unknown';
    result.identity = await identityOf(conn);
    result.namespaceStatus = await namespaceStatus(conn, target.namespace);
    if (target.rbac) {
      const rbac = await reviewRbac(conn, target.namespace, target.serviceAccount);
      result.rbac = rbac;
      if (rbac.missing.user > 0 || rbac.missing.serviceAccount > 0 || rbac.serviceAccount.exists === false) result.verdict = 'rbac-missing';
    }
    if (result.namespaceStatus.exists === false) result.verdict = 'rbac-missing';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ...result, ...failure(e) };
  }
  return result;
}

/** A server that answers but refuses the credentials counts as reachable, yet unusable: verdict 'unreachable'. */
function failure(e: AppError): Pick<KubeCheckResult, 'reachable' | 'error' | 'verdict'> {
  const reachable = e.code !== 'unreachable' && e.code !== 'timeout' && e.code !== 'tool-missing';
  return { reachable, error: e.toInfo(), verdict: e.code === 'forbidden' ? 'rbac-missing' : 'unreachable' };
}

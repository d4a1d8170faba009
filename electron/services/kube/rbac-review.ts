// The RBAC preflight: SelfSubjectAccessReview for every right the user needs, and SubjectAccessReview (or the
// namespaced LocalSubjectAccessReview) for the Flink service account when the user may ask about other subjects.
// The API server answers with its own authorizers, so the result is what it will do, not a reading of Roles.
import type { RbacReport, RbacRow } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import type { KubeConnection } from './kube-connection';
import { jobManagerRequirements, userRequirements, type Requirement } from './rbac-requirements';

interface ReviewStatus {
  allowed?: boolean;
  denied?: boolean;
  reason?: string;
  evaluationError?: string;
}

const authz = '/apis/authorization.k8s.io/v1';

function rowsOf(reqs: Requirement[]): { req: Requirement; verb: string }[] {
  return reqs.flatMap((req) => req.verbs.map((verb) => ({ req, verb })));
}

function attributes(req: Requirement, verb: string, namespace: string) {
  return {
    verb,
    group: req.group,
    resource: req.resource,
    ...(req.subresource ? { subresource: req.subresource } : {}),
    ...(req.scope === 'namespace' ? { namespace } : {}),
  };
}

function row(req: Requirement, verb: string, status: RbacRow['status'], reason?: string): RbacRow {
  return {
    resource: req.subresource ? `${req.resource}/${req.subresource}` : req.resource,
    group: req.group,
    verb,
    scope: req.scope,
    optional: req.optional ?? false,
    why: req.why,
    status,
    ...(reason ? { reason } : {}),
  };
}

function fromStatus(req: Requirement, verb: string, s: ReviewStatus | undefined): RbacRow {
  if (s?.allowed) return row(req, verb, 'allowed');
  if (s?.evaluationError && !s.denied) return row(req, verb, 'denied', `not allowed (${s.evaluationError})`);
  return row(req, verb, 'denied', s?.reason || undefined);
}

async function pool<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

export async function reviewUser(conn: KubeConnection, namespace: string): Promise<RbacRow[]> {
  return pool(rowsOf(userRequirements), 8, async ({ req, verb }) => {
    const r = await conn.request<{ status?: ReviewStatus }>('POST', `${authz}/selfsubjectaccessreviews`, {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attributes(req, verb, namespace) },
    });
    if (r.status === 201 || r.status === 200) return fromStatus(req, verb, r.body?.status);
    return row(req, verb, 'unknown', `the API server answered ${r.status} to a SelfSubjectAccessReview`);
  });
}

export function serviceAccountUser(namespace: string, sa: string) {
  return {
    user: `system:serviceaccount:${namespace}:${sa}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
}

export async function reviewServiceAccount(conn: KubeConnection, namespace: string, sa: string): Promise<RbacReport['serviceAccount']> {
  const subject = serviceAccountUser(namespace, sa);
  const exists = await serviceAccountExists(conn, namespace, sa);
  const endpoints = [
    { path: `${authz}/subjectaccessreviews`, kind: 'SubjectAccessReview', namespaced: false },
    { path: `${authz}/namespaces/${namespace}/localsubjectaccessreviews`, kind: 'LocalSubjectAccessReview', namespaced: true },
  ];
  const rows = rowsOf(jobManagerRequirements);
  for (const ep of endpoints) {
    const ask = (req: Requirement, verb: string) =>
      conn.request<{ status?: ReviewStatus }>('POST', ep.path, {
        apiVersion: 'authorization.k8s.io/v1',
        kind: ep.kind,
        ...(ep.namespaced ? { metadata: { namespace } } : {}),
        spec: { ...subject, resourceAttributes: attributes(req, verb, namespace) },
      });
    const first = rows[0]!;
    const probe = await ask(first.req, first.verb);
    if (probe.status === 403 || probe.status === 404) continue;
    if (probe.status !== 201 && probe.status !== 200) break;
    const results = await pool(rows.slice(1), 8, async ({ req, verb }) => {
      const r = await ask(req, verb);
      return r.status === 201 || r.status === 200
        ? fromStatus(req, verb, r.body?.status)
        : row(req, verb, 'unknown', `the API server answered ${r.status} to a ${ep.kind}`);
    });
    return { name: sa, exists, rows: [fromStatus(first.req, first.verb, probe.body?.status), ...results] };
  }
  const reason =
    'You may not create SubjectAccessReviews (cluster-wide) or LocalSubjectAccessReviews (in this namespace), so Flink Desk cannot ask what this service account may do';
  return { name: sa, exists, rows: rows.map(({ req, verb }) => row(req, verb, 'unknown', reason)), unknownReason: reason };
}

async function serviceAccountExists(conn: KubeConnection, namespace: string, sa: string): Promise<boolean | null> {
  try {
    const r = await conn.request('GET', `/api/v1/namespaces/${namespace}/serviceaccounts/${encodeURIComponent(sa)}`);
    return r.status === 200 ? true : r.status === 404 ? false : null;
  } catch (e) {
    if (e instanceof AppError) return null;
    throw e;
  }
}

export async function reviewRbac(conn: KubeConnection, namespace: string, sa: string): Promise<RbacReport> {
  const [user, serviceAccount] = await Promise.all([reviewUser(conn, namespace), reviewServiceAccount(conn, namespace, sa)]);
  const missing = (rows: RbacRow[]) => rows.filter((r) => !r.optional && r.status === 'denied').length;
  return { user, serviceAccount, missing: { user: missing(user), serviceAccount: missing(serviceAccount.rows) } };
}

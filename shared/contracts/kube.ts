// Kubernetes: kubeconfig contexts, targets, connectivity check, RBAC preflight and grant (issue: Clusters).
// Nothing here carries a credential: contexts travel as name, server, user name, namespace and source file only.
import { z } from 'zod';
import { channel, none } from '../channel';
import type { AppErrorInfo } from '../errors';

/** RFC 1123 label, as Kubernetes requires for namespace names. */
const dnsLabel = z
  .string()
  .trim()
  .min(1, 'Enter a namespace')
  .max(63, 'At most 63 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'Lowercase letters, digits and "-", starting and ending with a letter or digit');
/** RFC 1123 subdomain, as Kubernetes requires for service account names. */
const dnsSubdomain = z
  .string()
  .trim()
  .min(1, 'Enter a service account')
  .max(253, 'At most 253 characters')
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'Lowercase letters, digits, "-" and "."');
const contextName = z.string().min(1, 'Choose a context');
/** A kubeconfig file to use instead of KUBECONFIG / ~/.kube/config (the CLI's --kubeconfig). */
const kubeconfigPath = z.string().min(1).optional();

export const namespaceSchema = dnsLabel;
export const serviceAccountSchema = dnsSubdomain;

export type KubeconfigOrigin = 'KUBECONFIG' | 'default' | 'added' | 'flag';

export interface KubeconfigFileInfo {
  path: string;
  origin: KubeconfigOrigin;
  exists: boolean;
  /** Number of contexts this file defines (including those shadowed by an earlier file). */
  contexts: number;
  /** Why the file could not be used (unreadable, not YAML, not a kubeconfig). */
  error?: AppErrorInfo;
}

export interface KubeContextInfo {
  name: string;
  server: string;
  /** The kubeconfig user entry's name (never its credential). */
  user: string;
  /** The context's default namespace, if it sets one. */
  namespace?: string;
  /** The file that defines this context (the first one, when several do). */
  source: string;
  current: boolean;
}

export interface KubeContextsResult {
  files: KubeconfigFileInfo[];
  contexts: KubeContextInfo[];
  currentContext?: string;
}

export interface KubeTarget {
  id: string;
  context: string;
  namespace: string;
  serviceAccount: string;
}

export type RbacStatus = 'allowed' | 'denied' | 'unknown';

export interface RbacRow {
  /** e.g. 'deployments', 'pods/log', 'nodes'. */
  resource: string;
  /** API group, '' for core. */
  group: string;
  verb: string;
  /** 'cluster' for cluster-wide rows (nodes). */
  scope: 'namespace' | 'cluster';
  /** Not needed for everything: missing optional rights only turn features off. */
  optional: boolean;
  /** What Flink Desk or the JobManager uses it for. */
  why: string;
  status: RbacStatus;
  reason?: string;
}

export interface RbacReport {
  user: RbacRow[];
  serviceAccount: {
    name: string;
    /** null when the user may not read service accounts. */
    exists: boolean | null;
    rows: RbacRow[];
    /** Why the rows are 'unknown' (the user may not ask about other subjects). */
    unknownReason?: string;
  };
  /** Required rows that are denied. */
  missing: { user: number; serviceAccount: number };
}

export interface KubeCheckResult {
  context: string;
  namespace: string;
  server: string;
  checkedAt: number;
  reachable: boolean;
  /** Set when the cluster could not be reached or would not talk to us. */
  error?: AppErrorInfo;
  version?: { gitVersion: string; platform?: string };
  /** Milliseconds for GET /version, the first call. */
  rttMs?: number;
  /** GET /readyz: 'unknown' when the user may not read it. */
  health?: 'ready' | 'not ready' | 'unknown';
  identity?: { username: string; groups: string[] } | { unknown: string };
  namespaceStatus?: { exists: boolean | null; reason?: string };
  rbac?: RbacReport;
  /** 'ok' all fine; 'rbac-missing' reachable but rights are missing; 'unreachable'. */
  verdict: 'ok' | 'rbac-missing' | 'unreachable';
}

export type GrantMode = 'role' | 'edit';

export interface GrantObject {
  kind: string;
  name: string;
  namespace?: string;
}

export interface GrantPlan {
  mode: GrantMode;
  namespace: string;
  serviceAccount: string;
  objects: GrantObject[];
  yaml: string;
}

export interface GrantResult extends GrantPlan {
  applied: (GrantObject & { action: 'created' | 'updated' | 'unchanged' })[];
}

const targetRef = z.object({ context: contextName, namespace: dnsLabel, kubeconfig: kubeconfigPath }).strict();
const checkInput = z
  .object({
    context: contextName,
    namespace: dnsLabel,
    serviceAccount: dnsSubdomain.default('default'),
    kubeconfig: kubeconfigPath,
    rbac: z.boolean().default(true),
    /** Per request, like kubectl's --request-timeout. */
    timeoutSec: z.number().int().min(1).max(300).default(10),
  })
  .strict();
const grantInput = z
  .object({
    context: contextName,
    namespace: dnsLabel,
    serviceAccount: dnsSubdomain.default('default'),
    mode: z.enum(['role', 'edit']).default('role'),
    createNamespace: z.boolean().default(false),
    kubeconfig: kubeconfigPath,
  })
  .strict();
const contextsInput = z.object({ kubeconfig: kubeconfigPath }).strict().optional();
const fileInput = z.object({ path: z.string().trim().min(1, 'Enter the path of a kubeconfig file') }).strict();
const targetAdd = z.object({ context: contextName, namespace: dnsLabel, serviceAccount: dnsSubdomain.default('default') }).strict();
const targetId = z.object({ id: z.string().min(1) }).strict();

export const kubeRequests = {
  /** Every context of every kubeconfig file, with the file it comes from. */
  'kube.contexts': channel<typeof contextsInput, KubeContextsResult>(contextsInput),
  /** Adds a kubeconfig file of the user's choice to the ones read (the user's files are never written). */
  'kube.files.add': channel<typeof fileInput, KubeContextsResult>(fileInput),
  'kube.files.remove': channel<typeof fileInput, KubeContextsResult>(fileInput),
  'kube.targets.list': channel<typeof none, KubeTarget[]>(none),
  'kube.targets.add': channel<typeof targetAdd, KubeTarget[]>(targetAdd),
  'kube.targets.remove': channel<typeof targetId, KubeTarget[]>(targetId),
  /** Reachability, version, round-trip time, identity, namespace and (unless rbac=false) the RBAC preflight. */
  'kube.check': channel<typeof checkInput, KubeCheckResult>(checkInput),
  /** The YAML a grant would apply, without applying it. */
  'kube.rbac.plan': channel<typeof grantInput, GrantPlan>(grantInput),
  /** Applies the plan (create or replace each object; idempotent). */
  'kube.rbac.grant': channel<typeof grantInput, GrantResult>(grantInput),
  'kube.namespace.create': channel<typeof targetRef, { created: boolean }>(targetRef),
} as const;

export interface KubeEvents {
  /** A kubeconfig file changed on disk (or a file was added or removed). */
  'kube.contextsChanged': KubeContextsResult;
}
export const kubeEventNames: (keyof KubeEvents)[] = ['kube.contextsChanged'];

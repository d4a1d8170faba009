// Shared by the kube integration tests: kubeconfig variants of the bench's, an admin connection for set-up and
// clean-up, and a fresh namespace name per run.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { KubeClients, type KubeClient } from '../../electron/services/kube';
import { silentLogger, systemScheduler } from '../../electron/services/ports';

/** A TCP port on 127.0.0.1 that nothing listens on. */
export { freePort as closedPort } from '../fixtures/ports';

export interface KubeBench {
  kubeconfig: string;
  contexts: { admin: string; limited: string; cert: string };
  limitedNamespace: string;
  server: string;
}

interface KubeconfigDoc {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context'?: string;
}

export const scratch = mkdtempSync(join(tmpdir(), 'fd-kube-it-'));
export const freshNamespace = (tag = '') => `fd-test${tag ? `-${tag}` : ''}-${randomBytes(3).toString('hex')}`;

export function readKubeconfig(kube: KubeBench): KubeconfigDoc {
  return parse(readFileSync(kube.kubeconfig, 'utf8')) as KubeconfigDoc;
}

export function adminToken(kube: KubeBench): string {
  const doc = readKubeconfig(kube);
  const ctx = doc.contexts.find((c) => c.name === kube.contexts.admin)!;
  return doc.users.find((u) => u.name === ctx.context.user)!.user.token as string;
}

/** A kubeconfig with one context on the bench cluster (or `server`), the given user entry and cluster overrides. */
export function writeKubeconfig(
  kube: KubeBench,
  name: string,
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = {},
  contextName = name,
): string {
  const bench = readKubeconfig(kube).clusters[0]!.cluster;
  const file = join(scratch, `${name}.kubeconfig`);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: `${name}-cluster`, cluster: { ...bench, ...cluster } }],
      users: [{ name: `${name}-user`, user }],
      contexts: [{ name: contextName, context: { cluster: `${name}-cluster`, user: `${name}-user`, namespace: 'default' } }],
      'current-context': contextName,
    }),
    { mode: 0o600 },
  );
  return file;
}

/** A small script that prints an ExecCredential — a test double of a cloud provider's credential plugin. */
export function execCredentialTestDouble(token: string, name = 'exec-credential-test-double'): string {
  const file = join(scratch, `${name}.sh`);
  const cred = JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token } });
  writeFileSync(file, `#!/bin/sh\n# Test double of a credential plugin: prints a fixed ExecCredential.\necho '${cred}'\n`);
  chmodSync(file, 0o755);
  return file;
}

export function failingPluginTestDouble(): string {
  const file = join(scratch, 'failing-credential-test-double.sh');
  writeFileSync(file, '#!/bin/sh\necho "error: you must log in again (test double)" >&2\nexit 1\n');
  chmodSync(file, 0o755);
  return file;
}

/** Clients outside any services (set-up and clean-up of the tests); closed by closeAdmin() in afterAll. */
const standalone = new KubeClients({ env: {}, addedFiles: () => [], scheduler: systemScheduler, logger: silentLogger });

export async function adminClient(kube: KubeBench): Promise<KubeClient> {
  return standalone.for(kube.contexts.admin, { kubeconfig: kube.kubeconfig });
}

export const closeAdmin = () => standalone.close();

export async function deleteNamespace(kube: KubeBench, ns: string): Promise<void> {
  await (await adminClient(kube)).request('DELETE', `/api/v1/namespaces/${ns}`);
}

export async function deleteClusterRoleBinding(kube: KubeBench, name: string): Promise<void> {
  await (await adminClient(kube)).request('DELETE', `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`);
}

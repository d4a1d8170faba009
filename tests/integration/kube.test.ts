// The kube capability against the bench's real control plane, through the contract (dispatch): contexts, checks
// for admin, limited and cert users, failures mapped to actionable errors, RBAC preflight, and the grant.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Client } from '../../shared/client';
import type { KubeCheckResult } from '../../shared/contracts/kube';
import { useBench } from '../fixtures/use-bench';
import { RecordingSink, testServices } from '../helpers/test-services';
import {
  adminClient,
  adminToken,
  closedPort,
  closeAdmin,
  deleteClusterRoleBinding,
  deleteNamespace,
  execCredentialTestDouble,
  failingPluginTestDouble,
  freshNamespace,
  readKubeconfig,
  scratch,
  writeKubeconfig,
  type KubeBench,
} from './kube-helpers';

let kube: KubeBench;
let kubeconfigBefore = '';
const ns = freshNamespace();
const editSa = 'flink-edit';

function clientFor(env: NodeJS.ProcessEnv, events = new RecordingSink()): Client {
  return testServices(events, 'cli', { env: { HOME: scratch, ...env } }).client;
}

let api: Client;
const check = (context: string, namespace: string, serviceAccount = 'default', kubeconfig?: string): Promise<KubeCheckResult> =>
  api.invoke('kube.check', { context, namespace, serviceAccount, ...(kubeconfig ? { kubeconfig } : {}) });
const denied = (rows: { status: string; verb: string; resource: string }[]) =>
  rows.filter((r) => r.status === 'denied').map((r) => `${r.verb} ${r.resource}`);

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  kubeconfigBefore = readFileSync(kube.kubeconfig, 'utf8');
  api = clientFor({ KUBECONFIG: kube.kubeconfig });
  const conn = await adminClient(kube);
  await conn.expect('POST', '/api/v1/namespaces', 'create the test namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
});

afterAll(async () => {
  if (!kube) return;
  await deleteNamespace(kube, ns);
  await deleteClusterRoleBinding(kube, `flink-role-binding-${ns}-${editSa}`);
  await closeAdmin();
});

describe('kube contexts', () => {
  it('lists the bench contexts with server, user, namespace and source file, and no credential', async () => {
    const r = await api.invoke('kube.contexts');
    expect(r.contexts.map((c) => c.name)).toEqual([kube.contexts.admin, kube.contexts.limited, kube.contexts.cert]);
    expect(r.contexts[1]).toMatchObject({ server: kube.server, namespace: kube.limitedNamespace, source: kube.kubeconfig });
    const json = JSON.stringify(r);
    for (const u of readKubeconfig(kube).users) for (const v of Object.values(u.user)) expect(json).not.toContain(String(v));
  });

  it('merges KUBECONFIG with two files: the first file wins a name, both files contribute', async () => {
    const port = await closedPort();
    const second = writeKubeconfig(kube, 'second', { token: adminToken(kube) }, {}, 'second-admin');
    const shadow = writeKubeconfig(kube, 'shadow', { token: 'x' }, { server: `https://127.0.0.1:${port}` }, kube.contexts.admin);
    const two = clientFor({ KUBECONFIG: `${kube.kubeconfig}:${second}:${shadow}` });
    const r = await two.invoke('kube.contexts');
    expect(r.contexts.map((c) => [c.name, c.source])).toEqual([
      [kube.contexts.admin, kube.kubeconfig],
      [kube.contexts.limited, kube.kubeconfig],
      [kube.contexts.cert, kube.kubeconfig],
      ['second-admin', second],
    ]);
    expect(r.currentContext).toBe(kube.contexts.admin);
    expect((await two.invoke('kube.check', { context: kube.contexts.admin, namespace: ns, rbac: false })).reachable).toBe(true);
    expect((await two.invoke('kube.check', { context: 'second-admin', namespace: ns, rbac: false })).identity).toMatchObject({
      username: 'admin',
    });
  });

  it('reports a malformed kubeconfig and keeps the good one; --kubeconfig on it is an error', async () => {
    const bad = join(scratch, 'malformed.kubeconfig');
    writeFileSync(bad, 'apiVersion: v1\nclusters: [ {name: broken\nusers: oops\n');
    const r = await clientFor({ KUBECONFIG: `${bad}:${kube.kubeconfig}` }).invoke('kube.contexts');
    expect(r.contexts).toHaveLength(3);
    expect(r.files[0]).toMatchObject({ path: bad, error: { code: 'invalid-input' } });
    expect(r.files[0]?.error?.hint).toBeTruthy();
    await expect(api.invoke('kube.contexts', { kubeconfig: bad })).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('not valid YAML'),
    });
  });

  it('tells the page when a kubeconfig file changes', async () => {
    const file = writeKubeconfig(kube, 'watched', { token: adminToken(kube) });
    const sink = new RecordingSink();
    const watched = clientFor({ KUBECONFIG: file }, sink);
    expect((await watched.invoke('kube.contexts')).contexts.map((c) => c.name)).toEqual(['watched']);
    const doc = readKubeconfig({ ...kube, kubeconfig: file });
    doc.contexts.push({ name: 'watched-2', context: { ...doc.contexts[0]!.context } });
    writeFileSync(file, stringify(doc));
    await expect.poll(() => sink.events.filter((e) => e.event === 'kube.contextsChanged').length, { timeout: 10_000 }).toBeGreaterThan(0);
    const last = sink.events.filter((e) => e.event === 'kube.contextsChanged').at(-1)?.payload as { contexts: { name: string }[] };
    expect(last.contexts.map((c) => c.name)).toEqual(['watched', 'watched-2']);
  });
});

describe('kube check', () => {
  it('admin: reachable, version, identity, namespace, all user rights; the fresh service account has none', async () => {
    const r = await check(kube.contexts.admin, ns);
    expect(r).toMatchObject({ reachable: true, health: 'ready', namespaceStatus: { exists: true } });
    expect(r.version?.gitVersion).toMatch(/^v1\.\d+/);
    expect(r.rttMs).toBeGreaterThan(0);
    expect(r.identity).toMatchObject({ username: 'admin', groups: expect.arrayContaining(['system:masters']) });
    expect(denied(r.rbac!.user)).toEqual([]);
    expect(r.rbac!.serviceAccount.rows.every((x) => x.status === 'denied')).toBe(true);
    expect(r.rbac!.missing.serviceAccount).toBe(r.rbac!.serviceAccount.rows.length);
    expect(r.verdict).toBe('rbac-missing');
  });

  it('grant as admin (role mode), then the RBAC check is green; applying again changes nothing', async () => {
    const first = await api.invoke('kube.rbac.grant', {
      context: kube.contexts.admin,
      namespace: ns,
      serviceAccount: 'default',
      mode: 'role',
    });
    // The controller-manager gives every namespace its `default` ServiceAccount, usually before this runs.
    expect(['unchanged', 'created']).toContain(first.applied[0]?.action);
    expect(first.applied.slice(1).map((a) => [a.kind, a.action])).toEqual([
      ['Role', 'created'],
      ['RoleBinding', 'created'],
    ]);
    const r = await check(kube.contexts.admin, ns);
    expect(r.rbac!.serviceAccount.rows.filter((x) => x.status !== 'allowed')).toEqual([]);
    expect(r.verdict).toBe('ok');
    const again = await api.invoke('kube.rbac.grant', {
      context: kube.contexts.admin,
      namespace: ns,
      serviceAccount: 'default',
      mode: 'role',
    });
    expect(again.applied.map((a) => a.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
  });

  it("grant in the seed's edit mode creates the service account and a ClusterRoleBinding to edit", async () => {
    expect((await check(kube.contexts.admin, ns, editSa)).rbac!.serviceAccount.exists).toBe(false);
    const g = await api.invoke('kube.rbac.grant', { context: kube.contexts.admin, namespace: ns, serviceAccount: editSa, mode: 'edit' });
    expect(g.applied.map((a) => [a.kind, a.name, a.action])).toEqual([
      ['ServiceAccount', editSa, 'created'],
      ['ClusterRoleBinding', `flink-role-binding-${ns}-${editSa}`, 'created'],
    ]);
    const r = await check(kube.contexts.admin, ns, editSa);
    expect(r.rbac!.serviceAccount.exists).toBe(true);
    expect(r.verdict).toBe('ok');
  });

  it('limited user: sees exactly what it lacks, and why the service account is unknown', async () => {
    const r = await check(kube.contexts.limited, kube.limitedNamespace);
    expect(r.identity).toMatchObject({ username: 'limited' });
    expect(r.namespaceStatus).toEqual({ exists: true });
    // `edit` in flink-dev covers every namespaced right; only the optional cluster-wide nodes list is missing.
    expect(denied(r.rbac!.user)).toEqual(['list nodes']);
    expect(r.rbac!.missing.user).toBe(0);
    expect(r.rbac!.serviceAccount.rows.every((x) => x.status === 'unknown')).toBe(true);
    expect(r.rbac!.serviceAccount.unknownReason).toMatch(/SubjectAccessReview/);
    // In a namespace it has no rights in, everything is denied and the namespace itself is unknown.
    const elsewhere = await check(kube.contexts.limited, ns);
    expect(elsewhere.namespaceStatus?.exists).toBeNull();
    expect(elsewhere.rbac!.user.filter((x) => x.status !== 'denied')).toEqual([]);
    expect(elsewhere.verdict).toBe('rbac-missing');
  });

  it('cert user: identity from the client certificate, rights from its group binding', async () => {
    const r = await check(kube.contexts.cert, ns);
    expect(r.identity).toMatchObject({ username: 'cert-user', groups: expect.arrayContaining(['flink-desk-bench:cert-users']) });
    expect(denied(r.rbac!.user)).toEqual([]);
    expect(r.verdict).toBe('ok');
  });

  it('a namespace that does not exist is reported, and the grant creates it on request', async () => {
    const missing = freshNamespace('missing');
    try {
      const r = await check(kube.contexts.admin, missing);
      expect(r.namespaceStatus).toMatchObject({ exists: false });
      expect(r.verdict).toBe('rbac-missing');
      await expect(api.invoke('kube.rbac.grant', { context: kube.contexts.admin, namespace: missing })).rejects.toMatchObject({
        code: 'not-found',
      });
      const g = await api.invoke('kube.rbac.grant', { context: kube.contexts.admin, namespace: missing, createNamespace: true });
      expect(g.applied[0]).toMatchObject({ kind: 'Namespace', action: 'created' });
      expect((await check(kube.contexts.admin, missing)).namespaceStatus).toEqual({ exists: true });
    } finally {
      await deleteNamespace(kube, missing);
    }
  });
});

describe('kube check failures, each with a hint', () => {
  const expectFailure = (r: KubeCheckResult, code: string, message: RegExp) => {
    expect(r.verdict).toBe('unreachable');
    expect(r.error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(r.error?.hint).toBeTruthy();
  };

  it('a closed port on 127.0.0.1: connection refused', async () => {
    const file = writeKubeconfig(kube, 'closed', { token: 'x' }, { server: `https://127.0.0.1:${await closedPort()}` });
    const r = await check('closed', ns, 'default', file);
    expect(r.reachable).toBe(false);
    expectFailure(r, 'unreachable', /Connection refused/);
  });

  it('a server that accepts the connection and never answers: timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const file = writeKubeconfig(kube, 'silent', { token: 'x' }, { server: `https://127.0.0.1:${port}` });
      const r = await api.invoke('kube.check', { context: 'silent', namespace: ns, kubeconfig: file, timeoutSec: 2 });
      expectFailure(r, 'timeout', /No answer from 127.0.0.1:\d+ within 2 s/);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('a wrong token: 401, reachable but not usable', async () => {
    const file = writeKubeconfig(kube, 'wrong-token', { token: 'not-the-token' });
    const r = await check('wrong-token', ns, 'default', file);
    expect(r.reachable).toBe(true);
    expectFailure(r, 'unauthorized', /401/);
  });

  it('TLS: a CA the kubeconfig does not name, and a host name the certificate does not carry', async () => {
    const token = adminToken(kube);
    const noCa = writeKubeconfig(kube, 'no-ca', { token }, { 'certificate-authority-data': undefined });
    expectFailure(await check('no-ca', ns, 'default', noCa), 'unreachable', /not signed by a CA/);
    const wrongName = writeKubeconfig(kube, 'wrong-name', { token }, { 'tls-server-name': 'not-the-apiserver.invalid' });
    expectFailure(await check('wrong-name', ns, 'default', wrongName), 'unreachable', /not valid for/);
  });

  it('an exec credential plugin (test double) works; a missing or failing one is explained', async () => {
    const exec = (command: string) => ({ exec: { apiVersion: 'client.authentication.k8s.io/v1', command, interactiveMode: 'Never' } });
    const ok = writeKubeconfig(kube, 'exec-ok', exec(execCredentialTestDouble(adminToken(kube))));
    const r = await check('exec-ok', ns, 'default', ok);
    expect(r.identity).toMatchObject({ username: 'admin' });
    expect(r.verdict).toBe('ok');
    const missing = writeKubeconfig(kube, 'exec-missing', exec('flink-desk-no-such-credential-plugin'));
    expectFailure(await check('exec-missing', ns, 'default', missing), 'tool-missing', /was not found/);
    const failing = writeKubeconfig(kube, 'exec-failing', exec(failingPluginTestDouble()));
    expectFailure(await check('exec-failing', ns, 'default', failing), 'unauthorized', /you must log in again/);
  });
});

describe('the user kubeconfig', () => {
  it('is never written: after every test above it is byte for byte what it was', () => {
    expect(readFileSync(kube.kubeconfig, 'utf8')).toBe(kubeconfigBefore);
  });
});

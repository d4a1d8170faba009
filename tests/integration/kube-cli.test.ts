// `flink-desk contexts | check | rbac grant` as a user runs them (the built CLI) against the bench cluster.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { useBench } from '../fixtures/use-bench';
import { repoDir } from '../helpers/serve-host';
import { closedPort, deleteNamespace, freshNamespace, writeKubeconfig, type KubeBench } from './kube-helpers';

const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');
let kube: KubeBench;
const ns = freshNamespace('cli');

function cli(...args: string[]) {
  return cliWith({ KUBECONFIG: kube.kubeconfig }, ...args);
}

function cliWith(extraEnv: NodeJS.ProcessEnv, ...args: string[]) {
  const env = { ...process.env, FLINK_DESK_HOME: mkdtempSync(join(tmpdir(), 'fd-cli-')), ...extraEnv };
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
});
afterAll(async () => {
  if (kube) await deleteNamespace(kube, ns);
});

/** kubectl, the reference tool, on the same files. */
function kubectl(env: NodeJS.ProcessEnv, args: string[], input?: string) {
  const r = spawnSync('kubectl', args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000, ...(input ? { input } : {}) });
  if (r.error) throw new Error(`this test compares with kubectl, which is missing (Debian package kubernetes-client): ${r.error.message}`);
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

describe('flink-desk kube commands (built)', () => {
  it('merges KUBECONFIG exactly as kubectl does: same contexts, same current context', () => {
    const second = writeKubeconfig(kube, 'merge-second', { token: 'x' }, {}, 'merge-second');
    const shadow = writeKubeconfig(kube, 'merge-shadow', { token: 'shadow-token' }, { server: 'https://127.0.0.1:1' }, kube.contexts.cert);
    const env = { KUBECONFIG: [second, kube.kubeconfig, shadow].join(':') };
    const ours = JSON.parse(cliWith(env, 'contexts', '--json').out) as { name: string; server: string }[];
    const theirs = kubectl(env, ['config', 'get-contexts', '-o', 'name']).out.split('\n');
    expect(ours.map((c) => c.name).sort()).toEqual(theirs.sort());
    // The first file that sets current-context wins (kubectl), not the last (client-node's loadFromDefault).
    expect(kubectl(env, ['config', 'current-context']).out).toBe('merge-second');
    const viewed = kubectl(env, ['config', 'view', '-o', 'jsonpath={.clusters[?(@.name=="flink-desk-bench")].cluster.server}']).out;
    expect(ours.find((c) => c.name === kube.contexts.cert)?.server).toBe(viewed);
  });

  it('contexts --json lists {name, server, user, namespace}', () => {
    const r = cli('contexts', '--kubeconfig', kube.kubeconfig, '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    expect(list).toContainEqual({ name: kube.contexts.limited, server: kube.server, user: 'limited', namespace: kube.limitedNamespace });
    expect(Object.keys(list[0]!).sort()).toEqual(['name', 'namespace', 'server', 'user']);
  });

  it('rbac grant: --dry-run prints YAML only; without --yes it refuses; --yes --create-namespace applies', () => {
    const dry = cli(
      'rbac',
      'grant',
      '--context',
      kube.contexts.admin,
      '--namespace',
      ns,
      '--service-account',
      'flink',
      '--create-namespace',
      '--dry-run',
    );
    expect(dry.code).toBe(0);
    expect(parseAllDocuments(dry.out).map((d) => (d.toJS() as { kind: string }).kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'Role',
      'RoleBinding',
    ]);
    const refused = cli('rbac', 'grant', '--context', kube.contexts.admin, '--namespace', ns, '--service-account', 'flink');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    expect(cli('check', '--context', kube.contexts.admin, '--namespace', ns, '--service-account', 'flink').code).toBe(3);
    const applied = cli(
      'rbac',
      'grant',
      '--context',
      kube.contexts.admin,
      '--namespace',
      ns,
      '--service-account',
      'flink',
      '--create-namespace',
      '--yes',
    );
    expect(applied.code).toBe(0);
    expect(applied.out).toMatch(/created\s+Namespace/);
    // kubectl agrees: the YAML is valid for the server, and the service account may now do what the JobManager does.
    const env = { KUBECONFIG: kube.kubeconfig };
    const yaml = cli('rbac', 'grant', '--context', kube.contexts.admin, '--namespace', ns, '--service-account', 'flink', '--dry-run').out;
    expect(kubectl(env, ['--context', kube.contexts.admin, 'apply', '--dry-run=server', '-f', '-'], yaml).code).toBe(0);
    const asSa = ['--context', kube.contexts.admin, '-n', ns, `--as=system:serviceaccount:${ns}:flink`];
    expect(kubectl(env, ['auth', 'can-i', 'create', 'pods', ...asSa]).out).toBe('yes');
    expect(kubectl(env, ['auth', 'can-i', 'deletecollection', 'configmaps', ...asSa]).out).toBe('yes');
    expect(kubectl(env, ['auth', 'can-i', 'create', 'deployments.apps', ...asSa]).out).toBe('no');
  });

  it('check exits 0 when all is fine, 3 when RBAC is missing, 2 when unreachable', async () => {
    const ok = cli('check', '--context', kube.contexts.admin, '--namespace', ns, '--service-account', 'flink', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ reachable: true, verdict: 'ok', identity: { username: 'admin' } });
    expect(cli('check', '--context', kube.contexts.limited, '--namespace', ns).code).toBe(3);
    const closed = writeKubeconfig(kube, 'cli-closed', { token: 'x' }, { server: `https://127.0.0.1:${await closedPort()}` });
    const down = cli('check', '--context', 'cli-closed', '--namespace', ns, '--kubeconfig', closed);
    expect(down.code).toBe(2);
    expect(down.err).toMatch(/Connection refused/);
    expect(down.err).toMatch(/hint:/);
  });
});

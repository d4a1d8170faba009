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
  const env = { ...process.env, FLINK_DESK_HOME: mkdtempSync(join(tmpdir(), 'fd-cli-')), KUBECONFIG: kube.kubeconfig };
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
});
afterAll(async () => {
  if (kube) await deleteNamespace(kube, ns);
});

describe('flink-desk kube commands (built)', () => {
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

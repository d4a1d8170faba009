// `flink-desk apply | jobs | session list | delete` as a user runs them (the built CLI) against the bench cluster:
// one data directory across commands, exit codes, and a bad spec that names its field.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { useBench } from '../fixtures/use-bench';
import { repoDir } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from './kube-helpers';

const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');
const home = mkdtempSync(join(tmpdir(), 'fd-deploy-cli-'));
const ns = freshNamespace('dcli');
let kube: KubeBench;

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, FLINK_DESK_HOME: home, HOME: home, KUBECONFIG: kube.kubeconfig },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function specFile(name: string, spec: Record<string, unknown>): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, stringify({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name }, spec }));
  return file;
}

const session = () => ({
  mode: 'session',
  context: kube.contexts.admin,
  namespace: ns,
  clusterId: 'team-session',
  flinkVersion: '1.20',
  image: { ref: '127.0.0.1:5000/library/flink:1.20' },
  rest: { exposedType: 'ClusterIP' },
});

beforeAll(async () => {
  kube = await useBench<KubeBench>('kube');
  await (
    await adminClient(kube)
  ).expect('POST', '/api/v1/namespaces', 'create the namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ns },
  });
});
afterAll(async () => {
  if (kube) await deleteNamespace(kube, ns);
  await closeAdmin();
});

describe('flink-desk apply, jobs, session, delete (built)', () => {
  it('a bad spec exits 2 and names each field with its rule', () => {
    const r = cli('apply', '-f', specFile('bad', { ...session(), clusterId: 'Team_Session', jobManager: { memory: '1600' } }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/spec\.clusterId: must match \[a-z\]/);
    expect(r.err).toMatch(/spec\.jobManager\.memory/);
  });

  it('session create deploys a session cluster with its steps on stderr; session list and jobs show it', () => {
    const created = cli('session', 'create', '-f', specFile('team-session', session()));
    expect(created.code, created.err).toBe(0);
    expect(created.err).toMatch(/✓ Server-side dry run of every object/);
    expect(created.err).toMatch(/✓ Create the JobManager Deployment/);
    expect(created.out).toMatch(/Deployed team-session to bench-admin\/fd-test-dcli-\w+ \(version 1\)/);
    const listed = cli('session', 'list', '--context', kube.contexts.admin, '--namespace', ns, '--json');
    expect(listed.code, listed.err).toBe(0);
    expect((JSON.parse(listed.out) as { clusters: { clusterId: string; mode: string }[] }).clusters).toEqual([
      expect.objectContaining({ clusterId: 'team-session', mode: 'session' }),
    ]);
    const jobs = cli('jobs', '--json');
    expect((JSON.parse(jobs.out) as { name: string; deployed: { outcome: string } }[])[0]).toMatchObject({
      name: 'team-session',
      deployed: { outcome: 'succeeded' },
    });
  });

  it('a second apply is refused with what to do; --replace goes through', () => {
    const again = cli('apply', '-f', join(home, 'team-session.yaml'));
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);
    expect(again.err).toMatch(/hint: .*--replace/);
    expect(cli('apply', '-f', join(home, 'team-session.yaml'), '--replace').code).toBe(0);
  });

  it('delete NAME removes the saved job’s cluster', () => {
    const r = cli('delete', 'team-session');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Deleted Deployment\/team-session/);
    expect(cli('delete', 'team-session').code).toBe(1);
  });
});

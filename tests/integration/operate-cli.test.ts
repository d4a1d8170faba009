// `flink-desk savepoint | cancel | logs [-f] | events | diagnose NAME` as a user runs them (the built CLI), by the
// names a user knows: a session job's name on the bench's Flink 1.20, and an application cluster deployed to the
// bench control plane whose JobManager crash-loops (kwok stage) with a ClassNotFoundException in its previous log.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KubeOutput } from '../fixtures/kube/part';
import { useBench } from '../fixtures/use-bench';
import { createClusterLogs, writeCriLog, type Disposer } from '../helpers/kwok-kubelet';
import { repoDir } from '../helpers/serve-host';
import { adminClient, closeAdmin, deleteNamespace, freshNamespace, type KubeBench } from './kube-helpers';

const bin = join(repoDir, 'electron', 'cli', 'flink-desk.mjs');
const home = mkdtempSync(join(tmpdir(), 'fd-operate-cli-'));
const ns = freshNamespace('ocli');
// A name of this run's own: a job left running by an earlier run never makes the name ambiguous.
const jobName = `operate-cli-${ns.slice(-6)}`;
let kube: KubeBench & KubeOutput;
let rest = '';
const disposers: Disposer[] = [];
const env = () => ({ ...process.env, FLINK_DESK_HOME: home, HOME: home, KUBECONFIG: kube.kubeconfig });

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env: env(), encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function specFile(name: string, spec: Record<string, unknown>): string {
  const file = join(home, `${name}.yaml`);
  writeFileSync(file, stringify({ apiVersion: 'flinkdesk/v1', kind: 'FlinkJob', metadata: { name }, spec }));
  return file;
}

beforeAll(async () => {
  kube = await useBench<KubeBench & KubeOutput>('kube');
  ({ rest } = await useBench<{ rest: string }>('flink', { flink: '1.20' }));
  const admin = await adminClient(kube);
  await admin.expect('POST', '/api/v1/namespaces', 'create the namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
});

afterAll(async () => {
  for (const d of disposers) await d().catch(() => undefined);
  await fetch(`${rest}/jobs/overview`)
    .then((r) => r.json() as Promise<{ jobs: { jid: string; name: string; state: string }[] }>)
    .then(({ jobs }) =>
      Promise.all(
        jobs
          .filter((j) => j.name === jobName && j.state === 'RUNNING')
          .map((j) => fetch(`${rest}/jobs/${j.jid}?mode=cancel`, { method: 'PATCH' })),
      ),
    )
    .catch(() => undefined);
  await deleteNamespace(kube, ns).catch(() => undefined);
  await closeAdmin();
});

describe('flink-desk operate commands', () => {
  it('savepoint and cancel a session job by its name', async () => {
    const { jar, entryClass } = await useBench<{ jar: string; entryClass: string }>('example-job');
    const file = specFile(jobName, {
      mode: 'session',
      clusterId: 'bench-session',
      flinkVersion: '1.20',
      session: { restUrl: rest },
      artifact: { jar },
      job: { entryClass, parallelism: 1, args: ['--rate', '10', '--name', jobName] },
    });
    const applied = cli('apply', '-f', file);
    expect(applied.code, applied.err).toBe(0);
    expect(applied.out).toMatch(/^Submitted operate-cli-\w+ to http:\/\/127\.0\.0\.1:\d+: job [0-9a-f]{32}, RUNNING/);
    const status = cli('status');
    expect(status.out).toContain(jobName);
    const sp = cli('savepoint', jobName);
    expect(sp.code, sp.err).toBe(0);
    expect(sp.out.trim()).toMatch(/^file:\/.*\/savepoints\/savepoint-/);
    expect(sp.err).toMatch(/✓ Wait for the savepoint to be written/);
    const cancel = cli('cancel', jobName, '--json');
    expect(cancel.code, cancel.err).toBe(0);
    expect(JSON.parse(cancel.out)).toMatchObject({ status: 'succeeded', result: { state: 'CANCELED' } });
    const unknown = cli('cancel', 'no-such-job');
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toMatch(/Nothing tracked is called no-such-job/);
  });

  it('logs (previous, followed), events and diagnose of a crash-looping application cluster', async () => {
    const current = join(home, 'jm.log');
    const previous = join(home, 'jm-previous.log');
    writeCriLog(current, ['INFO  Starting KubernetesApplicationClusterEntrypoint']);
    writeCriLog(previous, ['Caused by: java.lang.ClassNotFoundException: com.example.Missing']);
    disposers.push(await createClusterLogs(kube, { name: `${ns}-logs`, namespaces: [ns], logsFile: current, previousLogsFile: previous }));
    const podTemplate = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { labels: { 'bench.flink-desk/state': 'CrashLoopBackOff' } },
      spec: { containers: [{ name: 'flink-main-container' }] },
    });
    const file = specFile('crashing', {
      mode: 'application',
      context: kube.contexts.admin,
      namespace: ns,
      clusterId: 'crashing',
      flinkVersion: '1.20',
      image: { ref: '127.0.0.1:5000/streamx/datagen:1' },
      artifact: { jar: '/opt/flink/usrlib/job.jar' },
      job: { entryClass: 'com.example.Main', parallelism: 1 },
      jobManager: { podTemplate },
    });
    cli('apply', '-f', file); // fails its start: the JobManager crash-loops (tracked all the same)
    expect(cli('track', '--context', kube.contexts.admin, '--namespace', ns, '--cluster-id', 'crashing').code).toBe(0);

    await expect
      .poll(() => cli('logs', 'crashing', '--previous').out, { timeout: 30_000, interval: 500 })
      .toContain('ClassNotFoundException');
    const diagnosis = cli('diagnose', 'crashing');
    expect(diagnosis.code).toBe(0);
    expect(diagnosis.out).toMatch(/✗ Class not found: com\.example\.Missing/);
    expect(diagnosis.out).toMatch(/→ .*shade it into the job jar/);
    const events = cli('events', 'crashing');
    expect(events.out).toMatch(/Deployment\/crashing\s+ScalingReplicaSet/);

    const follower = spawn(process.execPath, [bin, 'logs', 'crashing', '-f'], { env: env() });
    let out = '';
    const arrived = new Promise<void>((resolve) =>
      follower.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Starting KubernetesApplicationClusterEntrypoint') && !out.includes('written later'))
          writeCriLog(current, ['INFO  written later'], { append: true });
        if (out.includes('written later')) resolve();
      }),
    );
    await arrived;
    const exit = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    follower.kill('SIGINT');
    expect(await exit).toBe(0);
  });
});

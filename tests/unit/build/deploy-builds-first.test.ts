// A deploy of an application on image.base builds first: a `build` step before the deployer's own, then the
// JobManager runs the pushed image by digest with the built jar as pipeline.jars. The build is a TEST DOUBLE here
// (the real one is covered by the build integration tests); the Kubernetes client is a scripted test double too.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { startApply, type BuiltImage } from '../../../electron/services/deploy/deployer';
import { JobStore } from '../../../electron/services/jobs/job-store';
import type { KubeClient, Manifest } from '../../../electron/services/kube';
import { OperationRegistry } from '../../../electron/services/operations/operation-registry';
import { systemScheduler } from '../../../electron/services/ports';
import { openStores } from '../../../electron/services/store/stores';
import { applicationJob } from '../../helpers/job-documents';
import { RecordingSink } from '../../helpers/test-services';

const pinned = `registry.example.com/streamx/orders@sha256:${'a'.repeat(64)}`;

function setup(build: () => Promise<BuiltImage>) {
  const applied: Manifest[] = [];
  const client = {
    request: async (method: string) => ({ status: method === 'GET' ? 404 : 200, body: {} }),
    expect: async () => ({ items: [{ metadata: { name: 'orders-abc' }, status: { phase: 'Running' } }] }),
    apply: async (m: Manifest, o: { dryRun?: boolean } = {}) => {
      if (!o.dryRun) applied.push(m);
      return { object: { metadata: { uid: 'uid-1' } }, created: true };
    },
    pathOf: async (m: Manifest) => `/${m.kind}/${m.metadata.name}`,
  } as unknown as KubeClient;
  const stores = openStores(mkdtempSync(join(tmpdir(), 'fd-deploy-build-')));
  const clock = { now: () => Date.now() };
  const operations = new OperationRegistry({ events: new RecordingSink(), clock, repository: stores.operations });
  const jobs = new JobStore(stores.jobs, clock);
  return { deps: { kube: { for: async () => client }, operations, jobs, scheduler: systemScheduler, build }, operations, jobs, applied };
}

const onBase = () => applicationJob({ image: { base: 'flink:1.20' }, artifact: { maven: { project: '/work/job' } } });

describe('deploy of a job on image.base', () => {
  it('builds first, then runs the image pinned by digest with the built jar', async () => {
    const d = setup(async () => ({ pinned, jarName: 'job-1.0.jar' }));
    const op = startApply(d.deps, { document: onBase() });
    expect(op.steps.map((s) => s.id)).toEqual(['build', 'check', 'dry-run', 'deployment', 'owned', 'start']);
    await expect.poll(() => d.operations.get(op.id).status).toBe('succeeded');
    const deployment = d.applied.find((m) => m.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(deployment.spec.template.spec.containers[0]!.image).toBe(pinned);
    const conf = d.applied.find((m) => m.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(Object.values(conf.data).join('\n')).toContain('local:///opt/flink/usrlib/job-1.0.jar');
    expect(d.jobs.get('orders').deployed).toMatchObject({ image: pinned, outcome: 'succeeded' });
  });

  it('creates nothing when the build fails, and says so on the build step', async () => {
    const d = setup(async () => {
      throw new AppError({ code: 'unauthorized', message: 'The registry refused the password', hint: 'Verify' });
    });
    const op = startApply(d.deps, { document: onBase() });
    await expect.poll(() => d.operations.get(op.id).status).toBe('failed');
    const end = d.operations.get(op.id);
    expect(end.steps[0]).toMatchObject({ id: 'build', status: 'failed', detail: 'The registry refused the password', hint: 'Verify' });
    expect(end.steps.slice(1).every((s) => s.status === 'skipped')).toBe(true);
    expect(d.applied).toEqual([]);
  });
});

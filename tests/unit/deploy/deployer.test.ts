// The deployer's order and roll-back, over a scripted Kubernetes client (a test double of KubeClient, named as one):
// what the API server would refuse after the Deployment exists is only reachable this way, since a real server
// that accepts a dry run accepts the same create a moment later.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { startApply } from '../../../electron/services/deploy/deployer';
import { JobStore } from '../../../electron/services/jobs/job-store';
import type { KubeClient, Manifest } from '../../../electron/services/kube';
import { OperationRegistry } from '../../../electron/services/operations/operation-registry';
import { systemScheduler } from '../../../electron/services/ports';
import { openStores } from '../../../electron/services/store/stores';
import { applicationJob } from '../../helpers/job-documents';
import { RecordingSink } from '../../helpers/test-services';

const document = () => applicationJob();

/** Records every call; `refuse` decides which real (non-dry-run) apply fails. */
function scriptedClient(refuse: (m: Manifest) => AppError | undefined) {
  const calls: string[] = [];
  const client = {
    request: async (method: string, path: string) => {
      calls.push(`${method} ${path}`);
      return { status: method === 'GET' ? 404 : 200, body: {} };
    },
    expect: async (method: string, path: string) => {
      calls.push(`${method} ${path}`);
      return { items: [{ metadata: { name: 'orders-abc' }, status: { phase: 'Running' } }] };
    },
    apply: async (m: Manifest, o: { dryRun?: boolean } = {}) => {
      calls.push(`${o.dryRun ? 'dry-run' : 'apply'} ${m.kind}/${m.metadata.name} in ${m.metadata.namespace}`);
      const refusal = o.dryRun ? undefined : refuse(m);
      if (refusal) throw refusal;
      return { object: { metadata: { uid: 'uid-1' } }, created: true };
    },
    pathOf: async (m: Manifest) => `/${m.kind}/${m.metadata.name}`,
  } as unknown as KubeClient;
  return { client, calls };
}

function deployer(client: KubeClient) {
  const stores = openStores(mkdtempSync(join(tmpdir(), 'fd-deployer-')));
  const clock = { now: () => Date.now() };
  const operations = new OperationRegistry({ events: new RecordingSink(), clock, repository: stores.operations });
  const jobs = new JobStore(stores.jobs, clock);
  return { deps: { kube: { for: async () => client }, operations, jobs, scheduler: systemScheduler }, operations, jobs };
}

describe('deployer', () => {
  it('dry-runs everything, creates the Deployment first, then what it owns, all in the spec namespace', async () => {
    const { client, calls } = scriptedClient(() => undefined);
    const d = deployer(client);
    const op = startApply(d.deps, { document: document() });
    await expect.poll(() => d.operations.get(op.id).status).toBe('succeeded');
    const applies = calls.filter((c) => c.startsWith('apply') || c.startsWith('dry-run'));
    expect(applies).toEqual([
      'dry-run Deployment/orders in flink',
      'dry-run Service/orders in flink',
      'dry-run Service/orders-rest in flink',
      'dry-run ConfigMap/flink-config-orders in flink',
      'apply Deployment/orders in flink',
      'apply Service/orders in flink',
      'apply Service/orders-rest in flink',
      'apply ConfigMap/flink-config-orders in flink',
    ]);
    expect(d.operations.get(op.id).result).toMatchObject({ deploymentUid: 'uid-1', version: 1, jobManager: { running: true } });
  });

  it('removes what it created when a later object is refused, and says which step failed and why', async () => {
    const refusal = new AppError({ code: 'invalid-input', message: 'ConfigMap "flink-config-orders" is invalid: data too long' });
    const { client, calls } = scriptedClient((m) => (m.kind === 'ConfigMap' ? refusal : undefined));
    const d = deployer(client);
    const op = startApply(d.deps, { document: document() });
    await expect.poll(() => d.operations.get(op.id).status).toBe('failed');
    const end = d.operations.get(op.id);
    expect(end.steps.find((s) => s.id === 'owned')).toMatchObject({ status: 'failed', detail: refusal.message });
    expect(end.error?.message).toBe(refusal.message);
    // Newest first: the two Services, then the Deployment.
    expect(calls.filter((c) => c.startsWith('DELETE'))).toEqual([
      'DELETE /Service/orders-rest',
      'DELETE /Service/orders',
      'DELETE /Deployment/orders',
    ]);
    expect(d.jobs.get('orders').deployed).toMatchObject({ version: 1, outcome: 'failed' });
  });

  it('refuses a second deploy of the same cluster while one runs', async () => {
    const { client } = scriptedClient(() => undefined);
    const d = deployer(client);
    startApply(d.deps, { document: document() });
    expect(() => startApply(d.deps, { document: document() })).toThrow(/A deploy of cluster orders in dev\/flink is already running/);
  });
});

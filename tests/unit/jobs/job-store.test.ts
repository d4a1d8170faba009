import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JobStore } from '../../../electron/services/jobs/job-store';
import { openStores } from '../../../electron/services/store/stores';
import { applicationJob } from '../../helpers/job-documents';
import { ManualClock } from '../../helpers/manual-clock';

const doc = (parallelism = 1) => applicationJob({ job: { entryClass: 'com.example.Main', parallelism } });

function store() {
  const clock = new ManualClock();
  const stores = openStores(mkdtempSync(join(tmpdir(), 'fd-jobs-')));
  return { jobs: new JobStore(stores.jobs, clock), clock, stores };
}

describe('job store', () => {
  it('keeps each changed spec as a new version, and the same spec saved again as no change', async () => {
    const { jobs, clock } = store();
    expect(jobs.save(doc(1), '/home/u/orders.yaml')).toMatchObject({ changed: true, job: { name: 'orders', versions: 1 } });
    await clock.advance(1000);
    expect(jobs.save(doc(1)).changed).toBe(false);
    const second = jobs.save(doc(4));
    expect(second).toMatchObject({ changed: true, job: { versions: 2, latest: { version: 2 } } });
    expect(jobs.version('orders', 1)).toMatchObject({ source: '/home/u/orders.yaml', document: { spec: { job: { parallelism: 1 } } } });
    expect(jobs.list().map((j) => j.name)).toEqual(['orders']);
  });

  it('records what was deployed when, with which image, and how it ended', () => {
    const { jobs } = store();
    jobs.save(doc(1));
    jobs.recordDeployment('orders', { version: 1, at: 5, image: 'r/streamx/orders@sha256:ab', opId: 'op1', outcome: 'running' });
    jobs.recordDeployment('orders', { version: 1, at: 5, image: 'r/streamx/orders@sha256:ab', opId: 'op1', outcome: 'succeeded' });
    jobs.save(doc(2));
    const view = jobs.get('orders');
    expect(view.deployed).toEqual({ version: 1, at: 5, image: 'r/streamx/orders@sha256:ab', opId: 'op1', outcome: 'succeeded' });
    // What I changed since: the latest version is newer than the deployed one.
    expect(view.latest.version).toBe(2);
  });

  it('keeps a stored version that no longer passes the schema, reports it, and shows the newest valid one', () => {
    const { jobs, stores } = store();
    jobs.save(doc(1));
    stores.jobs.update((d) => ({
      jobs: d.jobs.map((j) => {
        const job = j as { versions: { version: number; at: number; spec: unknown }[] };
        return { ...job, versions: [...job.versions, { version: 2, at: 9, spec: { apiVersion: 'flinkdesk/v9' } }] };
      }),
    }));
    expect(jobs.get('orders').latest.version).toBe(1);
    expect(jobs.warnings[0]).toMatch(/Version 2 of the saved job orders no longer passes the job schema/);
    jobs.save(doc(3));
    const raw = stores.jobs.read().jobs[0] as { versions: { version: number }[] };
    expect(raw.versions.map((v) => v.version)).toEqual([1, 2, 3]);
  });

  it('says what to do for a job that does not exist', () => {
    const { jobs } = store();
    expect(() => jobs.get('nope')).toThrow(/No saved job named nope/);
    expect(() => jobs.remove('nope')).toThrow(/No saved job named nope/);
  });
});

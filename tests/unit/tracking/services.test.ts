// Tracking through the real services (the contract's channels, the bus, the CLI's in-process transport) against a
// test double of a JobManager's REST endpoint (flink-double.ts), on a manual clock: flink-desk track / status /
// status --watch / untrack, a deploy's end bringing its cluster into the tracked set, and a settings change re-timing
// the loop without a restart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main';
import type { CliIO } from '../../../electron/cli/io';
import type { TrackingList } from '../../../shared/contracts/tracking';
import type { OperationSnapshot } from '../../../shared/operations';
import { ManualClock } from '../../helpers/manual-clock';
import { testServices, type TestServices } from '../../helpers/test-services';
import { json, startFlinkDouble, type FlinkDouble } from '../flink/flink-double';

const JOB = 'c'.repeat(32);
const overviewOf = (state: string) =>
  json(200, {
    jobs: [{ jid: JOB, name: 'orders', state, 'start-time': 1, 'end-time': -1, duration: 1, 'last-modification': 1, tasks: {} }],
  });

let flink: FlinkDouble;
let s: TestServices;
let clock: ManualClock;

beforeEach(async () => {
  flink = await startFlinkDouble();
  flink.route('GET /jobs/overview', overviewOf('RUNNING'));
  clock = new ManualClock();
  s = testServices(undefined, 'cli', { clock, scheduler: clock });
  await s.start();
});
afterEach(async () => {
  await s.stop();
  await flink.close();
});

function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const done = runCli(argv, s, io);
  return { out, err, done };
}

const overviewCalls = () => flink.requests.filter((r) => r.path === '/jobs/overview').length;
/** Yields to the event loop until `cond` holds: waits for what the services do next, not for an amount of time. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setImmediate(r));
}

describe('flink-desk track / status / untrack', () => {
  it('tracks a cluster by its REST URL and shows what Flink reports, then forgets it', async () => {
    const t = cli(['track', '--rest-url', `${flink.url}/`, '--mode', 'session']);
    expect(await t.done).toBe(0);
    expect(t.out.join('\n')).toBe(`tracking rest:${flink.url}`);

    const st = cli(['status', '--json']);
    expect(await st.done).toBe(0);
    const list = JSON.parse(st.out[0]!) as TrackingList;
    expect(list.following).toBe(false);
    expect(list.clusters).toHaveLength(1);
    expect(list.clusters[0]).toMatchObject({
      id: `rest:${flink.url}`,
      mode: 'session',
      origin: 'user',
      state: { state: 'RUNNING', source: 'flink' },
    });
    expect(list.clusters[0]!.jobs).toMatchObject([{ id: JOB, name: 'orders', state: { state: 'RUNNING', source: 'flink' } }]);
    expect(overviewCalls()).toBe(1);

    const table = cli(['status']);
    expect(await table.done).toBe(0);
    expect(table.out.join('\n')).toMatch(new RegExp(`rest:${flink.url}\\s+RUNNING\\s`));

    const u = cli(['untrack', `rest:${flink.url}`]);
    expect(await u.done).toBe(0);
    const again = cli(['untrack', `rest:${flink.url}`]);
    expect(await again.done).toBe(1);
    expect(again.err.join('\n')).toMatch(/Nothing tracked has the id/);
  });

  it('marks an inferred state with a star and says why', async () => {
    await flink.close();
    await cli(['track', '--rest-url', flink.url]).done;
    const st = cli(['status']);
    expect(await st.done).toBe(0);
    expect(st.out.join('\n')).toMatch(/SILENT\*\s+never\s+-\s+No answer from the REST endpoint: Nothing answers/);
  });

  it('refuses bad input, naming the flag', async () => {
    const r = cli(['track', '--context', 'dev']);
    expect(await r.done).toBe(2);
    expect(r.err.join('\n')).toMatch(/--context, --namespace and --cluster-id go together/);
    const c = cli(['status', '--count', '2']);
    expect(await c.done).toBe(2);
  });

  it('status --watch follows the changes through the bus until --count of them', async () => {
    await cli(['track', '--rest-url', flink.url, '--mode', 'application']).done;
    await cli(['status']).done;
    const w = cli(['status', '--watch', '--count', '1', '--json']);
    // Following: the two loops have their first tick scheduled.
    await until(() => clock.pending >= 2);
    // The loops started by --watch: the first round runs at once and finds nothing new.
    await clock.advance(0);
    await until(() => overviewCalls() >= 2);
    // A barrier: refresh waits for the calls in flight (and makes one more round), so the next tick is not skipped.
    await s.client.invoke('tracking.list', { refresh: true });
    flink.route('GET /jobs/overview', overviewOf('CANCELED'));
    await clock.advance(5000);
    expect(await w.done).toBe(0);
    const change = JSON.parse(w.out.at(-1)!) as { kind: string; from?: { state: string }; to: { state: string; source: string } };
    expect(change).toMatchObject({ kind: 'state', from: { state: 'RUNNING' }, to: { state: 'CANCELED', source: 'flink' } });
  });
});

describe('hooks', () => {
  it("a deploy that created a cluster brings it into the tracked set (the deployer's op event)", async () => {
    const snapshot: OperationSnapshot = {
      id: 'op-1',
      kind: 'deploy',
      title: 'Deploy orders',
      status: 'succeeded',
      steps: [],
      startedAt: clock.now(),
      resource: 'deploy:arn:aws:eks:eu-west-1:1:cluster/dev/flink/orders',
      log: [],
    };
    s.context.events.emit('op', { opId: 'op-1', type: 'done', snapshot });
    const list = await s.client.invoke('tracking.list');
    expect(list.clusters).toMatchObject([
      {
        id: 'kube:arn:aws:eks:eu-west-1:1:cluster/dev/flink/orders',
        origin: 'deploy',
        ref: { kind: 'kube', context: 'arn:aws:eks:eu-west-1:1:cluster/dev', namespace: 'flink', clusterId: 'orders' },
      },
    ]);
  });

  it('a deploy that failed before creating anything is not tracked', async () => {
    const snapshot: OperationSnapshot = {
      id: 'op-2',
      kind: 'deploy',
      title: 'Deploy orders',
      status: 'failed',
      steps: [{ id: 'dry-run', title: 'dry run', status: 'failed' }],
      startedAt: clock.now(),
      resource: 'deploy:dev/flink/orders',
      log: [],
    };
    s.context.events.emit('op', { opId: 'op-2', type: 'error', snapshot });
    expect((await s.client.invoke('tracking.list')).clusters).toEqual([]);
  });

  it('a new polling interval applies without a restart (settings.changed on the bus)', async () => {
    await s.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 600 });
    await s.client.invoke('tracking.add', { restUrl: flink.url });
    await s.client.invoke('tracking.follow');
    await clock.advance(0);
    await until(() => overviewCalls() >= 1);
    await s.client.invoke('tracking.list', { refresh: true });
    await clock.advance(30_000);
    expect(overviewCalls()).toBe(2);
    await s.client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 10 });
    await clock.advance(0);
    await until(() => overviewCalls() >= 3);
  });
});

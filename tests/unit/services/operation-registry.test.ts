import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { OperationEvent } from '../../../shared/operations';
import { OperationRegistry, type OperationRegistryDeps } from '../../../electron/services/operations/operation-registry';
import { openStores } from '../../../electron/services/store/stores';
import { ManualClock } from '../../helpers/manual-clock';
import { RecordingSink } from '../../helpers/test-services';

function registry(extra: Partial<OperationRegistryDeps> = {}) {
  const sink = new RecordingSink();
  const clock = new ManualClock();
  const dir = mkdtempSync(join(tmpdir(), 'fd-ops-'));
  const stores = openStores(dir);
  const deps: OperationRegistryDeps = {
    events: sink,
    clock,
    scheduler: clock,
    repository: stores.operations,
    logDir: join(dir, 'operations'),
    ...extra,
  };
  return { reg: new OperationRegistry(deps), sink, clock, dir, stores, deps };
}

/** A run that waits until the test lets it go; `signal` is the one the registry gave it. */
function gate() {
  let release!: (v: string) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<string>((res, rej) => ((release = res), (fail = rej)));
  return { promise, release, fail };
}

describe('OperationRegistry', () => {
  it('returns at once, streams steps, progress, logs and the end, and keeps a snapshot', async () => {
    const { reg, sink } = registry();
    const { snapshot, done } = reg.start({
      kind: 'demo',
      title: 'Demo',
      steps: [
        { id: 'a', title: 'Step A' },
        { id: 'b', title: 'Step B' },
      ],
      run: async (ctx) => {
        ctx.step('a', { status: 'running' });
        ctx.log('line 1');
        ctx.step('a', { status: 'succeeded' });
        ctx.step('b', { status: 'running' });
        ctx.step('b', { progress: 0.5, detail: 'half' });
        return 42;
      },
    });
    expect(snapshot.status).toBe('running');
    const end = await done;
    expect(end).toMatchObject({ status: 'succeeded', result: 42, log: ['line 1'] });
    expect(end.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    const events = sink.events.map((e) => e.payload as OperationEvent);
    expect(events[0]?.type).toBe('started');
    expect(events).toContainEqual({ opId: snapshot.id, type: 'progress', stepId: 'b', progress: 0.5, detail: 'half' });
    expect(events).toContainEqual({ opId: snapshot.id, type: 'log', lines: ['line 1'], stepId: 'a' });
    expect(events.at(-1)?.type).toBe('done');
    expect(reg.get(snapshot.id).status).toBe('succeeded');
  });

  it('reports a failure with the error value', async () => {
    const { reg } = registry();
    const { done } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [],
      run: () => Promise.reject(new AppError({ code: 'unreachable', message: 'down', hint: 'start it' })),
    });
    expect((await done).error).toEqual({ code: 'unreachable', message: 'down', hint: 'start it' });
  });

  it('never shows an unexpected error raw: it says where the log is', async () => {
    const { reg } = registry({ logger: { info() {}, warn() {}, error() {}, file: '/x/flink-desk.log' } });
    const { done } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [],
      run: () => Promise.reject(new Error('ECONNRESET 10.0.0.7:8081 internal')),
    });
    const end = await done;
    expect(end.error?.message).not.toContain('10.0.0.7');
    expect(end.error?.hint).toContain('/x/flink-desk.log');
  });

  it('cancels through the abort signal', async () => {
    const { reg } = registry();
    const { snapshot, done } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [{ id: 's', title: 's' }],
      run: (ctx) =>
        new Promise((_, reject) => {
          ctx.step('s', { status: 'running' });
          ctx.signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    reg.cancel(snapshot.id);
    expect(await done).toMatchObject({ status: 'cancelled', cancelRequested: true, error: { code: 'cancelled' } });
  });

  it('tells the truth: a run that completes after a cancel was asked for is succeeded, not cancelled', async () => {
    const { reg } = registry();
    const g = gate();
    const { snapshot, done } = reg.start({ kind: 'savepoint', title: 'Savepoint', steps: [], run: () => g.promise });
    reg.cancel(snapshot.id);
    g.release('s3://bucket/savepoint-1');
    const end = await done;
    expect(end).toMatchObject({ status: 'succeeded', result: 's3://bucket/savepoint-1', cancelRequested: true });
    expect(end.error).toBeUndefined();
  });

  it('times out: the run is aborted and the outcome says timeout', async () => {
    const { reg, clock } = registry();
    let reason: unknown;
    const { done } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [],
      timeoutMs: 60_000,
      run: (ctx) =>
        new Promise((_, reject) =>
          ctx.signal.addEventListener('abort', () => {
            reason = ctx.signal.reason;
            reject(new Error('aborted'));
          }),
        ),
    });
    await clock.advance(59_999);
    expect(reason).toBeUndefined();
    await clock.advance(1);
    expect(await done).toMatchObject({ status: 'failed', error: { code: 'timeout', message: 'Timed out after 60 s' } });
  });

  it('holds one lock per resource: a second deploy of the same cluster is refused with a clear message', async () => {
    const { reg } = registry();
    const g = gate();
    const lock = { resource: 'deploy:dev/flink/orders', what: 'A deploy of cluster orders' };
    const first = reg.start({ kind: 'deploy', title: 'Deploy orders', steps: [], lock, run: () => g.promise });
    expect(() => reg.start({ kind: 'deploy', title: 'Deploy orders', steps: [], lock, run: () => g.promise })).toThrow(
      /A deploy of cluster orders is already running \("Deploy orders"/,
    );
    // Another cluster is fine.
    const other = reg.start({
      kind: 'deploy',
      title: 'Deploy b',
      steps: [],
      lock: { resource: 'deploy:dev/flink/b', what: 'b' },
      run: async () => 1,
    });
    await other.done;
    g.release('ok');
    await first.done;
    const again = reg.start({ kind: 'deploy', title: 'Deploy orders', steps: [], lock, run: async () => 2 });
    expect((await again.done).status).toBe('succeeded');
  });

  it('keeps the whole log of each step on disk, the tail in memory', async () => {
    const { reg } = registry();
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const { snapshot, done } = reg.start({
      kind: 'build',
      title: 'Build',
      steps: [{ id: 'mvn', title: 'Maven' }],
      run: async (ctx) => {
        ctx.step('mvn', { status: 'running' });
        for (const l of lines) ctx.log(l);
      },
    });
    const end = await done;
    expect(end.log).toHaveLength(500);
    expect(end.log.at(-1)).toBe('line 2999');
    expect(end.steps[0]?.logLines).toBe(3000);
    const first = reg.log(snapshot.id, 'mvn');
    expect(first).toMatchObject({ total: 3000, next: 2000 });
    expect(first.lines[0]).toBe('line 0');
    const rest = reg.log(snapshot.id, 'mvn', first.next);
    expect(rest.lines).toHaveLength(1000);
    expect(rest.lines.at(-1)).toBe('line 2999');
  });

  it('persists finished operations with steps, result and error: a new process shows what happened', async () => {
    const { reg, deps } = registry();
    const ok = reg.start({
      kind: 'x',
      title: 'ok',
      steps: [{ id: 's', title: 's' }],
      run: async (ctx) => (ctx.step('s', { status: 'succeeded' }), { n: 1 }),
    });
    const bad = reg.start({
      kind: 'x',
      title: 'bad',
      steps: [],
      run: () => Promise.reject(new AppError({ code: 'forbidden', message: 'no' })),
    });
    await Promise.all([ok.done, bad.done]);
    const after = new OperationRegistry({ ...deps, events: new RecordingSink() });
    expect(after.get(ok.snapshot.id)).toMatchObject({ status: 'succeeded', result: { n: 1 }, steps: [{ id: 's', status: 'succeeded' }] });
    expect(after.get(bad.snapshot.id)).toMatchObject({ status: 'failed', error: { code: 'forbidden', message: 'no' } });
    expect(
      after
        .list()
        .map((o) => o.title)
        .sort(),
    ).toEqual(['bad', 'ok']);
  });

  it('an operation left running by a process that is gone reads interrupted; one of a live process still runs', async () => {
    const { reg, deps, stores } = registry();
    const g = gate();
    const { snapshot } = reg.start({ kind: 'x', title: 'x', steps: [], run: () => g.promise });
    const raw = JSON.parse(readFileSync(stores.operations.path, 'utf8')) as { data: { operations: { pid: number }[] } };
    expect(raw.data.operations[0]?.pid).toBe(process.pid);
    // Another process reads the same store: this one is alive…
    const other = new OperationRegistry({ ...deps, events: new RecordingSink(), isAlive: () => true });
    stores.operations.update((d) => ({ operations: d.operations.map((o) => ({ ...o, pid: 999_999 })) }));
    expect(other.get(snapshot.id).status).toBe('running');
    // …and when it is gone, the operation was interrupted.
    const later = new OperationRegistry({ ...deps, events: new RecordingSink(), isAlive: () => false });
    expect(later.get(snapshot.id)).toMatchObject({ status: 'interrupted' });
    g.release('x');
  });

  it('stop() aborts running operations and records them as interrupted', async () => {
    const { reg } = registry();
    const { snapshot } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [],
      run: (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('stopped')))),
    });
    await reg.stop();
    expect(reg.get(snapshot.id)).toMatchObject({ status: 'interrupted', error: { code: 'cancelled' } });
  });

  it('answers not-found for an unknown id', () => {
    expect(() => registry().reg.get('nope')).toThrow(/No operation/);
  });
});

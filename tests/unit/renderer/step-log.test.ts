// The build view's step log over the real services (operation registry, log files, operations.log, `op` events):
// the whole log arrives in order with no line twice — lines written before it started following, while a read was
// under way, and more than one page of them — and another step's lines stay out.
import { afterEach, describe, expect, it } from 'vitest';
import type { OperationContext } from '../../../electron/services/operations/operation-registry';
import { followStepLog, type StepLog } from '../../../renderer/src/jobs/build/step-log';
import { testServices, type TestServices } from '../../helpers/test-services';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

/** An operation of two steps that runs until the test ends it; its context to log with. */
function operation(s: TestServices): { id: string; op: OperationContext; end: () => void } {
  let op!: OperationContext;
  let end!: () => void;
  const { snapshot } = s.operations.start({
    kind: 'test',
    title: 'A test operation',
    steps: [
      { id: 'a', title: 'A' },
      { id: 'b', title: 'B' },
    ],
    run: (ctx) => {
      op = ctx;
      return new Promise<void>((resolve) => (end = resolve));
    },
  });
  stops.push(() => end());
  return { id: snapshot.id, op, end: () => end() };
}

/** Follows the step; `until(n)` resolves once n lines are held (on the change that brings them). */
function follow(s: TestServices, id: string, step: string) {
  let last: StepLog = { lines: [], loading: true };
  const waiting: { n: number; resolve: (l: StepLog) => void }[] = [];
  let reconnect: () => void = () => undefined;
  const stop = followStepLog(
    s.client,
    (cb) => ((reconnect = cb), () => undefined),
    id,
    step,
    (log) => {
      last = log;
      for (const w of waiting.splice(0))
        if (log.lines.length >= w.n) w.resolve(log);
        else waiting.push(w);
    },
  );
  stops.push(stop);
  return {
    until: (n: number) =>
      new Promise<StepLog>((resolve) => (last.lines.length >= n && !last.loading ? resolve(last) : waiting.push({ n, resolve }))),
    reconnect: () => reconnect(),
    get last() {
      return last;
    },
  };
}

const numbered = (from: number, n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${from + i}`);

describe('followStepLog', () => {
  it('holds the lines written before it started, then every line as it comes, in order, none twice', async () => {
    const s = testServices();
    const { id, op } = operation(s);
    op.step('a', { status: 'running' });
    op.logTo('a', ...numbered(1, 3));
    const f = follow(s, id, 'a');
    expect((await f.until(3)).lines).toEqual(numbered(1, 3));
    // Written one by one, each an event: several arrive while a read is under way.
    for (const line of numbered(4, 50)) op.logTo('a', line);
    expect((await f.until(53)).lines).toEqual(numbered(1, 53));
    op.logTo('b', 'of another step');
    op.logTo('a', 'line 54');
    expect((await f.until(54)).lines).toEqual(numbered(1, 54));
  });

  it('reads a log longer than one page whole', async () => {
    const s = testServices();
    const { id, op } = operation(s);
    op.logTo('a', ...numbered(1, 4500));
    const f = follow(s, id, 'a');
    const log = await f.until(4500);
    expect(log.lines).toHaveLength(4500);
    expect(log.lines[4499]).toBe('line 4500');
  });

  it('reads on from where it was after a reconnect (the events of the gap are lost)', async () => {
    const s = testServices();
    const { id, op } = operation(s);
    op.logTo('a', ...numbered(1, 2));
    const f = follow(s, id, 'a');
    await f.until(2);
    // Lines whose events never reached the page: written straight to the files, as during a lost connection.
    (s.operations as unknown as { logs: { append(o: string, st: string, l: string[]): void } }).logs.append(id, 'a', numbered(3, 2));
    f.reconnect();
    expect((await f.until(4)).lines).toEqual(numbered(1, 4));
  });

  it('keeps a finished operation’s log readable, and says when there is none', async () => {
    const s = testServices();
    const { id, op, end } = operation(s);
    op.logTo('a', 'only line');
    end();
    const f = follow(s, id, 'a');
    expect((await f.until(1)).lines).toEqual(['only line']);
    const other = follow(s, id, 'b');
    expect(await other.until(0)).toEqual({ lines: [], loading: false });
  });
});

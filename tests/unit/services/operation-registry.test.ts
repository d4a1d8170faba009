import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import type { OperationEvent } from '../../../shared/operations';
import { OperationRegistry } from '../../../electron/services/operations/operation-registry';
import { RecordingSink } from '../../helpers/test-services';

const clock = () => {
  let t = 1000;
  return { now: () => (t += 10) };
};

describe('OperationRegistry', () => {
  it('returns at once, streams steps, logs and the end, and keeps a snapshot', async () => {
    const sink = new RecordingSink();
    const reg = new OperationRegistry(sink, clock());
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
        ctx.step('b', { status: 'running', progress: 0.5 });
        return 42;
      },
    });
    expect(snapshot.status).toBe('running');
    const end = await done;
    expect(end).toMatchObject({ status: 'succeeded', result: 42, log: ['line 1'] });
    expect(end.steps.map((s) => s.status)).toEqual(['succeeded', 'succeeded']);
    const types = sink.events.map((e) => (e.payload as OperationEvent).type);
    expect(types[0]).toBe('started');
    expect(types.at(-1)).toBe('done');
    expect(reg.get(snapshot.id).status).toBe('succeeded');
  });

  it('reports a failure with the error value', async () => {
    const reg = new OperationRegistry(new RecordingSink(), clock());
    const { done } = reg.start({
      kind: 'x',
      title: 'x',
      steps: [],
      run: () => Promise.reject(new AppError({ code: 'unreachable', message: 'down', hint: 'start it' })),
    });
    expect((await done).error).toEqual({ code: 'unreachable', message: 'down', hint: 'start it' });
  });

  it('cancels through the abort signal', async () => {
    const reg = new OperationRegistry(new RecordingSink(), clock());
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
    expect(await done).toMatchObject({ status: 'cancelled', error: { code: 'cancelled' } });
  });

  it('answers not-found for an unknown id', () => {
    expect(() => new OperationRegistry(new RecordingSink(), clock()).get('nope')).toThrow(/No operation/);
  });
});

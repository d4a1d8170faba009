import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { abortScope, onAbort } from '../../../electron/services/runtime/abort-scope';

describe('abortScope', () => {
  it('is aborted by the outer signal, with its reason', () => {
    const outer = new AbortController();
    const scope = abortScope(outer.signal);
    expect(scope.signal.aborted).toBe(false);
    outer.abort(new Error('stopping'));
    expect(scope.signal.aborted).toBe(true);
    expect((scope.signal.reason as Error).message).toBe('stopping');
  });

  it('is aborted at once when the outer signal already is', () => {
    const outer = new AbortController();
    outer.abort('gone');
    expect(abortScope(outer.signal).signal.reason).toBe('gone');
  });

  it('aborts on its own without touching the outer signal', () => {
    const outer = new AbortController();
    const scope = abortScope(outer.signal);
    scope.controller.abort();
    expect(scope.signal.aborted).toBe(true);
    expect(outer.signal.aborted).toBe(false);
  });

  it('lets go of the outer signal when disposed: no listener left, a later abort does not reach it', () => {
    const outer = new AbortController();
    const scopes = Array.from({ length: 1000 }, () => abortScope(outer.signal));
    // One listener for all of them: an EventTarget's add and remove look through every listener it has.
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
    for (const s of scopes.slice(1)) s.dispose();
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
    scopes[0]!.dispose();
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0);
    outer.abort();
    expect(scopes.some((s) => s.signal.aborted)).toBe(false);
  });

  it('aborts every scope still open, not the disposed ones; one opened after the last went is reached too', () => {
    const outer = new AbortController();
    const [a, b] = [abortScope(outer.signal), abortScope(outer.signal)];
    a.dispose();
    b.dispose();
    b.dispose();
    const [c, d] = [abortScope(outer.signal), abortScope(outer.signal)];
    d.dispose();
    outer.abort('stop');
    expect([a, b, c, d].map((s) => s.signal.aborted)).toEqual([false, false, true, false]);
    expect(c.signal.reason).toBe('stop');
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(0);
    c.dispose();
    expect(abortScope(outer.signal).signal.aborted).toBe(true);
  });

  it('onAbort: runs each registration once, at once when already aborted, never after being let go', () => {
    const outer = new AbortController();
    const seen: string[] = [];
    const fn = () => seen.push('fn');
    onAbort(outer.signal, fn);
    onAbort(outer.signal, fn);
    const off = onAbort(outer.signal, () => seen.push('let go'));
    off();
    expect(getEventListeners(outer.signal, 'abort')).toHaveLength(1);
    outer.abort();
    expect(seen).toEqual(['fn', 'fn']);
    onAbort(outer.signal, () => seen.push('late'));
    expect(seen).toEqual(['fn', 'fn', 'late']);
  });
});

// The build view shows the running step's log, else the failed step's, else the last step that wrote one.
import { describe, expect, it } from 'vitest';
import type { OperationStep } from '../../../shared/operations';
import { defaultLogStep } from '../../../renderer/src/jobs/build/log-step';

const step = (id: string, status: OperationStep['status'], logLines?: number): OperationStep => ({
  id,
  title: id,
  status,
  ...(logLines !== undefined ? { logLines } : {}),
});

describe('defaultLogStep', () => {
  it('is the running step while one runs', () => {
    expect(defaultLogStep([step('resolve', 'succeeded', 2), step('artifact', 'running', 40), step('image', 'pending')])?.id).toBe(
      'artifact',
    );
  });

  it('is the failed step of a failed build', () => {
    expect(defaultLogStep([step('artifact', 'failed', 41), step('image', 'skipped'), step('push', 'skipped')])?.id).toBe('artifact');
  });

  it('is the last step that wrote a log once all passed, else the first', () => {
    expect(defaultLogStep([step('artifact', 'succeeded', 55), step('image', 'succeeded', 21), step('push', 'skipped')])?.id).toBe('image');
    expect(defaultLogStep([step('resolve', 'pending'), step('artifact', 'pending')])?.id).toBe('resolve');
    expect(defaultLogStep([])).toBeUndefined();
  });
});

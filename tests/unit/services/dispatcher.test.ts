import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createDispatcher, type Handlers } from '../../../electron/services/rpc/dispatcher';
import { testServices } from '../../helpers/test-services';

describe('dispatcher', () => {
  it('refuses an unknown channel without calling anything', async () => {
    const { dispatch } = testServices();
    expect(await dispatch('fs.readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: "Unknown request 'fs.readFile'" },
    });
  });

  it('validates input before the handler runs and reports per-field messages', async () => {
    const { dispatch } = testServices();
    const r = await dispatch('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 0, bogus: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-input');
    expect(r.error.fields).toMatchObject({ bogus: "Unknown field 'bogus'" });
  });

  it('passes AppErrors through as values and hides nothing the user needs', async () => {
    const handlers = {
      'settings.get': () => Promise.reject(new AppError({ code: 'forbidden', message: 'no', hint: 'ask' })),
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { info() {}, warn() {}, error() {} });
    expect(await dispatch('settings.get', undefined)).toEqual({ ok: false, error: { code: 'forbidden', message: 'no', hint: 'ask' } });
  });

  it('turns unexpected failures into an internal error and logs them', async () => {
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), file: '~/.config/flink-desk/logs/flink-desk.log' };
    const handlers = { 'settings.get': () => Promise.reject(new TypeError('connect ECONNREFUSED 10.96.0.12:8081')) } as unknown as Handlers;
    const r = await createDispatcher(handlers, logger)('settings.get', undefined);
    // The raw message (an internal address here) never reaches the user; the log has it, and the hint names the log.
    expect(r).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('unexpected error') } });
    expect(JSON.stringify(r)).not.toContain('10.96.0.12');
    expect(JSON.stringify(r)).toContain('~/.config/flink-desk/logs/flink-desk.log');
    expect(logger.error).toHaveBeenCalledOnce();
    expect(JSON.stringify(logger.error.mock.calls[0])).toContain('10.96.0.12');
  });
});

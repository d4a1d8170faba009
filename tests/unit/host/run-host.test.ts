// The serve host's lifecycle with a real HTTP server on 127.0.0.1 and a test double of the services (named as one).
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runHost, type HostDeps } from '../../../electron/host/run-host';
import { startHost, type HostOptions } from '../../../electron/host/server';
import type { Services } from '../../../electron/services/app';

function setup(argv: string[] = []) {
  const order: string[] = [];
  const services = {
    dataDir: '/data',
    dispatch: vi.fn(),
    start: vi.fn(async () => void order.push('services.start')),
    stop: vi.fn(async () => void order.push('services.stop')),
  };
  const signals = new EventEmitter();
  let exited!: (code: number) => void;
  const exit = new Promise<number>((r) => (exited = r));
  const lines: string[] = [];
  const errors: string[] = [];
  let closed = false;
  const deps: HostDeps = {
    argv,
    rendererDir: mkdtempSync(join(tmpdir(), 'fd-renderer-')),
    openServices: vi.fn(async () => services as unknown as Services & { dataDir: string }),
    startHost: async (o: HostOptions) => {
      const host = await startHost(o);
      order.push('listening');
      return {
        ...host,
        close: async () => {
          order.push('host.close');
          await host.close();
          closed = true;
        },
      };
    },
    signals,
    print: (l) => lines.push(l),
    printError: (l) => errors.push(l),
    exit: (code) => {
      order.push(`exit ${code}`);
      exited(code);
    },
  };
  return { deps, services, signals, exit, order, lines, errors, isClosed: () => closed };
}

describe('serve host lifecycle', () => {
  it('starts the services after it listens, and on SIGTERM stops them before closing, then exits 0', async () => {
    const t = setup();
    await runHost(t.deps);
    expect(t.deps.openServices).toHaveBeenCalledWith(expect.objectContaining({ transport: 'web' }));
    expect(t.order).toEqual(['listening', 'services.start']);
    expect(t.lines.join('\n')).toMatch(/serving on http:\/\/127\.0\.0\.1:\d+\/\?token=/);

    t.signals.emit('SIGTERM');
    t.signals.emit('SIGINT');
    await expect(t.exit).resolves.toBe(0);
    expect(t.order).toEqual(['listening', 'services.start', 'services.stop', 'host.close', 'exit 0']);
    expect(t.services.stop).toHaveBeenCalledTimes(1);
    expect(t.isClosed()).toBe(true);
  });

  it('a bad --port exits 2 with the rule, before opening anything', async () => {
    const t = setup(['--port', 'eighty']);
    await runHost(t.deps);
    await expect(t.exit).resolves.toBe(2);
    expect(t.errors.join('\n')).toMatch(/--port takes a port number from 0 to 65535 \(got eighty\)/);
    expect(t.deps.openServices).not.toHaveBeenCalled();
  });

  it('a port in use exits 1 with what to do, and the opened services are stopped', async () => {
    const busy = setup();
    await runHost(busy.deps);
    const port = new URL(/(http:\S+)/.exec(busy.lines.join('\n'))![1]!).port;
    const t = setup(['--port', port]);
    await runHost(t.deps);
    await expect(t.exit).resolves.toBe(1);
    expect(t.errors.join('\n')).toMatch(/that port is in use/);
    expect(t.services.stop).toHaveBeenCalledTimes(1);
    expect(t.services.start).not.toHaveBeenCalled();
    busy.signals.emit('SIGINT');
    await busy.exit;
  });
});

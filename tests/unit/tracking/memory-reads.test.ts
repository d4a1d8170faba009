// The memory a cluster runs with, as the metrics loop reads it from the JobManager's configuration and its
// TaskManagers: Flink's size syntax, which source wins, and when it is read again.
import { describe, expect, it } from 'vitest';
import { flinkMemoryBytes } from '../../../shared/jobs/quantities';
import {
  afterFailedMemoryRead,
  afterMemoryRead,
  jobManagersOf,
  memoryDue,
  memoryOf,
  RECHECK_MS,
  RETRY_MS,
} from '../../../electron/services/tracking/memory-reads';
import { pod } from './evidence';

const MiB = 1024 * 1024;

describe('flinkMemoryBytes', () => {
  it('reads Flink’s MemorySize syntax: a whole number, an optional unit, bytes without one', () => {
    expect(flinkMemoryBytes('1600m')).toBe(1600 * MiB);
    expect(flinkMemoryBytes('1728 mb')).toBe(1728 * MiB);
    expect(flinkMemoryBytes('2G')).toBe(2048 * MiB);
    expect(flinkMemoryBytes('1073741824')).toBe(1024 * MiB);
    expect(flinkMemoryBytes('64 kibibytes')).toBe(64 * 1024);
  });

  it('reads anything else as unknown, not as a wrong number', () => {
    for (const v of ['', '1.5g', '2 GiB', 'lots', '-1m', '99999999999t']) expect(flinkMemoryBytes(v)).toBeUndefined();
  });
});

describe('memoryOf', () => {
  const config = new Map([
    ['jobmanager.memory.process.size', '1600m'],
    ['taskmanager.memory.process.size', '1728m'],
  ]);

  it('takes the JobManager from the configuration, a TaskManager from what it says it started with', () => {
    expect(memoryOf(config, 1_140_850_688)).toEqual({ jobManager: 1600 * MiB, taskManager: 1_140_850_688 });
    expect(memoryOf(config)).toEqual({ jobManager: 1600 * MiB, taskManager: 1728 * MiB });
  });

  it('leaves out what neither holds', () => {
    expect(memoryOf(new Map([['taskmanager.memory.task.heap.size', '256m']]))).toEqual({});
    expect(memoryOf(new Map([['jobmanager.memory.process.size', 'lots']]), 5)).toEqual({ taskManager: 5 });
  });
});

describe('memoryDue', () => {
  const seen = { jobManagers: 'orders-jm-a', taskManagers: 1 };

  it('reads first, then not until the recheck, a retry sooner after a failure', () => {
    expect(memoryDue(undefined, seen, 0)).toBe(true);
    const plan = afterMemoryRead(seen, 0);
    expect(memoryDue(plan, seen, RECHECK_MS - 1)).toBe(false);
    expect(memoryDue(plan, seen, RECHECK_MS)).toBe(true);
    const failed = afterFailedMemoryRead(seen, 0);
    expect(memoryDue(failed, seen, RETRY_MS - 1)).toBe(false);
    expect(memoryDue(failed, seen, RETRY_MS)).toBe(true);
  });

  it('reads again for other JobManager pods, but not when Kubernetes shows none for a while', () => {
    const plan = afterMemoryRead(seen, 0);
    expect(memoryDue(plan, { ...seen, jobManagers: 'orders-jm-b' }, 1)).toBe(true);
    expect(memoryDue(plan, { ...seen, jobManagers: '' }, 1)).toBe(false);
  });

  it('reads again once a TaskManager is there if the read found none', () => {
    const plan = afterMemoryRead({ ...seen, taskManagers: 0 }, 0);
    expect(memoryDue(plan, { ...seen, taskManagers: 0 }, 1)).toBe(false);
    expect(memoryDue(plan, seen, 1)).toBe(true);
    expect(memoryDue(afterMemoryRead(seen, 0), { ...seen, taskManagers: 0 }, 1)).toBe(false);
  });

  it('compares the JobManager pods by name, in any order, the TaskManagers left out', () => {
    const pods = [pod({ name: 'b' }), pod({ name: 'tm', component: 'taskmanager' }), pod({ name: 'a' })];
    expect(jobManagersOf(pods)).toBe('a,b');
    expect(jobManagersOf(undefined)).toBe('');
  });
});

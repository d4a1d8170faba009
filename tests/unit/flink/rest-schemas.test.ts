import { describe, expect, it } from 'vitest';
import { jobDetailsSchema } from '../../../electron/services/flink/rest-schemas';

const details = (metrics: Record<string, unknown>) => ({
  jid: 'fd6164a5193f53b3b82d4c06427d2db0',
  name: 'job',
  state: 'RUNNING',
  'start-time': 1,
  'end-time': -1,
  duration: 5,
  vertices: [{ id: 'v', name: 'Source', parallelism: 1, status: 'RUNNING', metrics }],
});

describe('Flink REST answers', () => {
  it('reads a vertex metric Flink wrote as "NaN" (a double not measured yet) as unknown, not as a bad answer', () => {
    const r = jobDetailsSchema.parse(details({ 'accumulated-busy-time': 'NaN', 'accumulated-idle-time': 12, 'read-records': 3 }));
    expect(r.vertices[0]!.metrics).toMatchObject({ 'accumulated-idle-time': 12, 'read-records': 3 });
    expect(r.vertices[0]!.metrics!['accumulated-busy-time']).toBeUndefined();
  });

  it('reads "Infinity" as unknown and a numeric string as its number', () => {
    const r = jobDetailsSchema.parse(details({ 'accumulated-busy-time': 'Infinity', 'write-records': '7' }));
    expect(r.vertices[0]!.metrics!['accumulated-busy-time']).toBeUndefined();
    expect(r.vertices[0]!.metrics!['write-records']).toBe(7);
  });

  it('still refuses a metric of another type', () => {
    expect(jobDetailsSchema.safeParse(details({ 'accumulated-busy-time': true })).success).toBe(false);
  });
});

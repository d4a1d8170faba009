// One behaviour fixture for every transport: whatever carries the contract (in-process, WebSocket, Electron IPC),
// a client sees exactly the same results, errors and events.
import { expect, it } from 'vitest';
import type { Client } from '../../../shared/client';
import { AppError } from '../../../shared/errors';
import { defaultSettings, type Settings } from '../../../shared/settings';

export function contractSuite(connect: () => Promise<{ client: Client; transport: string }>): void {
  it('answers settings.get with the defaults', async () => {
    const { client } = await connect();
    expect(await client.invoke('settings.get')).toEqual(defaultSettings);
  });

  it('applies settings.update and pushes settings.changed to subscribers', async () => {
    const { client } = await connect();
    const seen: Settings[] = [];
    const off = client.on('settings.changed', (s) => seen.push(s));
    const updated = await client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 9 });
    expect(updated['flink-k8s.tracking.polling-interval-sec.job-status']).toBe(9);
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual(updated);
    off();
    // Proving a negative without sleeping: a second subscriber gets the next event; by then the first would have too.
    const witness: Settings[] = [];
    const offWitness = client.on('settings.changed', (s) => witness.push(s));
    await client.invoke('settings.update', { 'flink-k8s.tracking.polling-interval-sec.job-status': 10 });
    await expect.poll(() => witness.length).toBe(1);
    expect(seen).toHaveLength(1);
    offWitness();
  });

  it('rejects invalid input with the field and the rule', async () => {
    const { client } = await connect();
    const error = await client.invoke('settings.update', { 'flink-k8s.tracking.silent-state-keep-sec': 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'invalid-input',
      fields: {
        'flink-k8s.tracking.silent-state-keep-sec': 'The silent-state keep time must be a whole number of seconds from 1 to 86400',
      },
    });
  });

  it('carries service errors as values', async () => {
    const { client } = await connect();
    await expect(client.invoke('operations.get', { id: 'missing' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('says which transport it is', async () => {
    const { client, transport } = await connect();
    expect((await client.invoke('app.info')).transport).toBe(transport);
  });
}

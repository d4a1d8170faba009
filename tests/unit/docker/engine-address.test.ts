import { describe, expect, it } from 'vitest';
import { connectEngine, engineOptions, resolveEngineAddress } from '../../../electron/services/docker';

describe('docker engine address', () => {
  it('the saved address wins, then DOCKER_HOST, then the default socket', () => {
    expect(resolveEngineAddress('tcp://10.0.0.1:2375', { DOCKER_HOST: 'unix:///x.sock' })).toEqual({
      address: 'tcp://10.0.0.1:2375',
      source: 'setting',
    });
    expect(resolveEngineAddress('', { DOCKER_HOST: 'unix:///x.sock' })).toEqual({ address: 'unix:///x.sock', source: 'DOCKER_HOST' });
    expect(resolveEngineAddress('', { HOME: '/nonexistent-home' })).toEqual({ address: 'unix:///var/run/docker.sock', source: 'default' });
  });

  it('turns addresses into explicit dockerode options (never the modem env defaults)', () => {
    expect(engineOptions('unix:///run/d.sock', {})).toMatchObject({ socketPath: '/run/d.sock', host: undefined });
    expect(engineOptions('tcp://127.0.0.1:2375', {})).toMatchObject({
      host: '127.0.0.1',
      port: '2375',
      protocol: 'http',
      socketPath: undefined,
    });
    expect(engineOptions('tcp://127.0.0.1:2376', {})).toMatchObject({ protocol: 'https' });
  });

  it('an engine that is not there is "unreachable", naming the address', async () => {
    await expect(connectEngine({ address: 'unix:///tmp/fd-no-engine-here.sock', source: 'setting' }, {})).rejects.toMatchObject({
      code: 'unreachable',
      message: 'No Docker engine reachable at unix:///tmp/fd-no-engine-here.sock (ENOENT)',
    });
  });
});

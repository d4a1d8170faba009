import { describe } from 'vitest';
import { createClient } from '../../../shared/client';
import { inProcessTransport } from '../../../electron/cli/main';
import { testServices } from '../../helpers/test-services';
import { contractSuite } from './contract-suite';

describe('in-process transport (CLI)', () => {
  contractSuite(async () => {
    // The CLI has no subscribers; events are forwarded here so the suite sees them too.
    const listeners = new Set<(p: unknown) => void>();
    const { dispatch } = testServices({ emit: (e, p) => e === 'settings.changed' && listeners.forEach((l) => l(p)) }, 'cli');
    const base = inProcessTransport(dispatch);
    return {
      transport: 'cli',
      client: createClient({
        request: (channel, input) => base.request(channel, input),
        subscribe: (_e, l) => (listeners.add(l), () => listeners.delete(l)),
      }),
    };
  });
});

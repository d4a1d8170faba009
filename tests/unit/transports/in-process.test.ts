import { describe } from 'vitest';
import { createClient } from '../../../shared/client';
import { inProcessTransport } from '../../../electron/cli/main';
import { testServices } from '../../helpers/test-services';
import { contractSuite } from './contract-suite';

describe('in-process transport (CLI)', () => {
  // Its real subscribe: events come from the services' own bus, as a `--watch` command will get them.
  contractSuite(async () => ({ transport: 'cli', client: createClient(inProcessTransport(testServices(undefined, 'cli'))) }));
});

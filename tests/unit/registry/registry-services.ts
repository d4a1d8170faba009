// Real services for the registry unit tests (tests/helpers/test-services.ts), with the environment the test gives.
import { RecordingSink, testServices } from '../../helpers/test-services';

export function unitRegistryServices(env: NodeJS.ProcessEnv = {}) {
  const events = new RecordingSink();
  const services = testServices(events, 'cli', { env });
  return { ...services, events };
}

// Entry of the built CLI (out/main/cli.js), started by electron/cli/flink-desk.mjs. The services live for one
// command: started before it, stopped after it (running operations aborted, background work disposed).
import { createNodeServices } from '../services/node-runtime';
import { processIO } from './io';
import { runCli } from './main';

const services = await createNodeServices({ transport: 'cli', events: { emit: () => undefined } });
await services.start();
try {
  process.exitCode = await runCli(process.argv.slice(2), { ...services, logger: services.context.logger }, processIO);
} finally {
  await services.stop();
}

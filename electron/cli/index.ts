// Entry of the built CLI (out/main/cli.js), started by electron/cli/flink-desk.mjs.
import { createNodeServices } from '../services/node-runtime';
import { processIO } from './io';
import { runCli } from './main';

const services = createNodeServices({ transport: 'cli', events: { emit: () => undefined } });
process.exitCode = await runCli(process.argv.slice(2), services.dispatch, processIO);

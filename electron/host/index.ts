// `npm run serve [-- --port N]`: Flink Desk in a browser, on 127.0.0.1 only, behind a token.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeServices } from '../services/node-runtime';
import { runHost } from './run-host';

runHost({
  argv: process.argv.slice(2),
  // Built layout: out/main/host.js beside out/renderer/.
  rendererDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
  openServices: createNodeServices,
  signals: process,
  print: (line) => process.stdout.write(`${line}\n`),
  printError: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
}).catch((e: unknown) => {
  process.stderr.write(`flink-desk serve: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

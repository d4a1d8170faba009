#!/usr/bin/env node
// `npx flink-desk …` after `npm ci && npm run build`: runs the built CLI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('flink-desk: the CLI is not built yet; run "npm run build" in the Flink Desk folder first\n');
  process.exit(1);
}
await import(built);

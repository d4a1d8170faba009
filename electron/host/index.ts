// `npm run serve [-- --port N]`: Flink Desk in a browser, on 127.0.0.1 only, behind a token.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createNodeServices } from '../services/node-runtime';
import { startHost } from './server';
import { SocketBroadcaster } from './ws-rpc';

function parsePort(argv: string[]): number | undefined {
  const i = argv.indexOf('--port');
  if (i < 0) return undefined;
  const port = Number(argv[i + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`flink-desk serve: --port takes a port number from 0 to 65535 (got ${argv[i + 1] ?? 'nothing'})\n`);
    process.exit(2);
  }
  return port;
}

async function main(): Promise<void> {
  const broadcaster = new SocketBroadcaster();
  const services = createNodeServices({ transport: 'web', events: broadcaster });
  // Built layout: out/main/host.js beside out/renderer/.
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  const port = parsePort(process.argv.slice(2));
  const host = await startHost({ dispatch: services.dispatch, broadcaster, rendererDir, ...(port !== undefined ? { port } : {}) });
  process.stdout.write(`Flink Desk is serving on ${host.url}\n(data in ${services.dataDir}; Ctrl+C to stop)\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(
    err.code === 'EADDRINUSE'
      ? 'flink-desk serve: that port is in use; pick another with --port or leave it out for a free one\n'
      : `flink-desk serve: ${err.message}\n`,
  );
  process.exit(1);
});

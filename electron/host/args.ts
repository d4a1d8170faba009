// `npm run serve [-- --port N]`: the host's command line, parsed by node:util parseArgs.
import { parseArgs } from 'node:util';

export interface HostArgs {
  port?: number;
}

export class UsageError extends Error {}

export function parseHostArgs(argv: string[]): HostArgs {
  let values: { port?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. Usage: npm run serve [-- --port N]`);
  }
  if (values.port === undefined) return {};
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new UsageError(`--port takes a port number from 0 to 65535 (got ${values.port || 'nothing'})`);
  return { port };
}

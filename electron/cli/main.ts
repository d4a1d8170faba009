// The command line over the same services and contract as the app: in-process, no server needed.
import { createClient, type Client, type Transport } from '../../shared/client';
import { AppError, type AppErrorInfo } from '../../shared/errors';
import type { Dispatch } from '../services/rpc/dispatcher';
import { commands } from './commands/index';
import { exitCodeFor, printError, type CliIO } from './io';

const help = () => `Flink Desk — run and watch Apache Flink jobs on Kubernetes from your workstation.

Usage:
${Object.values(commands)
  .map((c) => c.help)
  .join('\n')}
flink-desk info [--json]                  version, data directory, secret storage

Options: --json for machine-readable output. Data lives in $FLINK_DESK_HOME (default ~/.config/flink-desk).
Exit codes: 0 ok, 1 failed, 2 invalid input or unreachable, 3 RBAC missing.`;

export function inProcessTransport(dispatch: Dispatch): Transport {
  return { request: (channel, input) => dispatch(channel, input), subscribe: () => () => undefined };
}

export async function runCli(argv: string[], dispatch: Dispatch, io: CliIO): Promise<number> {
  const client: Client = createClient(inProcessTransport(dispatch));
  const [command, ...rest] = argv;
  const json = argv.includes('--json');
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(help());
        return 0;
      case 'info': {
        const info = await client.invoke('app.info');
        io.out(
          json
            ? JSON.stringify(info)
            : `Flink Desk ${info.version}\ndata: ${info.dataDir}\nsecrets: ${info.secrets.backend}${info.secrets.warning ? ` — ${info.secrets.warning}` : ''}`,
        );
        for (const w of info.storeWarnings) io.err(`warning: ${w}`);
        return 0;
      }
      default: {
        const cmd = Object.prototype.hasOwnProperty.call(commands, command) ? commands[command] : undefined;
        if (!cmd)
          throw new AppError({
            code: 'invalid-input',
            message: `unknown command '${command}'`,
            hint: 'Run "flink-desk help" for the commands',
          });
        return await cmd.run(rest, client, io);
      }
    }
  } catch (e) {
    const info: AppErrorInfo =
      e instanceof AppError ? e.toInfo() : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    printError(io, info, json);
    return exitCodeFor(info);
  }
}

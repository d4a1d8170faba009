// The command line over the same services and contract as the app: in-process, no server needed.
import { createClient, type Client, type Transport } from '../../shared/client';
import { isEventName } from '../../shared/contract';
import { AppError, type AppErrorInfo } from '../../shared/errors';
import type { Services } from '../services/app';
import { silentLogger, type Logger } from '../services/ports';
import { toErrorInfo } from '../services/rpc/dispatcher';
import { commands } from './commands/index';
import { exitCodeFor, printError, type CliIO } from './io';

const help = () => `Flink Desk — run and watch Apache Flink jobs on Kubernetes from your workstation.

Usage:
${Object.values(commands)
  .map((c) => c.help)
  .join('\n')}
flink-desk info [--json]                  version, data directory, log file, secret storage

Options: --json for machine-readable output. Data lives in $FLINK_DESK_HOME (default ~/.config/flink-desk).
Exit codes: 0 ok, 1 failed, 2 invalid input or unreachable, 3 RBAC missing.`;

/** The services a command runs over, in this process: requests through the dispatcher, events from the bus. */
export type CliServices = Pick<Services, 'dispatch' | 'on'> & { dataDir?: string; logger?: Logger };

export function inProcessTransport(services: Pick<Services, 'dispatch' | 'on'>): Transport {
  return {
    request: (channel, input) => services.dispatch(channel, input),
    subscribe: (event, listener) => {
      if (!isEventName(event)) throw new Error(`Unknown event '${event}'`);
      return services.on(event, listener);
    },
  };
}

export async function runCli(argv: string[], services: CliServices, io: CliIO): Promise<number> {
  const client: Client = createClient(inProcessTransport(services));
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
            ? JSON.stringify({ ...info, ...(services.dataDir ? { dataDir: services.dataDir } : {}) })
            : [
                `Flink Desk ${info.version}`,
                ...(services.dataDir ? [`data: ${services.dataDir}`] : []),
                `log: ${info.logFile}`,
                `secrets: ${info.secrets.backend}${info.secrets.warning ? ` — ${info.secrets.warning}` : ''}`,
              ].join('\n'),
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
    const info: AppErrorInfo = toErrorInfo(e, services.logger ?? silentLogger, command ?? 'help');
    printError(io, info, json);
    return exitCodeFor(info);
  }
}

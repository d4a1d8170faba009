// Every top-level command of the CLI, by name. A capability adds its commands in its own file and lists them here.
import type { Client } from '../../../shared/client';
import type { CliIO } from '../io';
import { kubeCommands } from './kube';
import { registryCommands } from './registry';
import { settingsCommand, settingsHelp } from './settings';

export interface CliCommand {
  /** Usage lines for `flink-desk help`. */
  help: string;
  /** Resolves to the exit code. Throw an AppError for failures: the CLI prints it and maps its code. */
  run(argv: string[], client: Client, io: CliIO): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  settings: { help: settingsHelp, run: settingsCommand },
  ...kubeCommands,
  ...registryCommands,
};

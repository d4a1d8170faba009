// Every top-level command of the CLI, by name. A capability adds its commands in its own file and lists them here.
import type { CliCommand } from '../command';
import { kubeCommands } from './kube';
import { registryCommands } from './registry';
import { sessionCommands } from './session';
import { jobsCommands } from './jobs';
import { deployCommands } from './deploy';
import { buildCommands } from './build';
import { settingsCommand, settingsHelp } from './settings';
import { statusCommands } from './status';
import { operateCommands } from './operate';

export type { CliCommand };

export const commands: Record<string, CliCommand> = {
  settings: { help: settingsHelp, run: settingsCommand },
  ...kubeCommands,
  ...registryCommands,
  ...sessionCommands,
  ...jobsCommands,
  ...deployCommands,
  ...buildCommands,
  ...statusCommands,
  ...operateCommands,
};

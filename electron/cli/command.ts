// What a CLI command is. Its own file so that commands/index.ts (the list) and each command file import it
// without a cycle between them.
import type { Client } from '../../shared/client';
import type { CliIO } from './io';

export interface CliCommand {
  /** Usage lines for `flink-desk help`. */
  help: string;
  /** Resolves to the exit code. Throw an AppError for failures: the CLI prints it and maps its code. */
  run(argv: string[], client: Client, io: CliIO): Promise<number>;
}

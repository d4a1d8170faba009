// What a command writes, and the exit codes the CLI promises.
import type { AppErrorInfo } from '../../shared/errors';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
};

/** 0 ok, 1 failed, 2 bad input or unreachable, 3 reserved for "works but RBAC is missing". */
export function exitCodeFor(error: AppErrorInfo): number {
  switch (error.code) {
    case 'invalid-input':
    case 'unreachable':
      return 2;
    default:
      return 1;
  }
}

export function printError(io: CliIO, error: AppErrorInfo, json: boolean): void {
  if (json) io.out(JSON.stringify({ error }));
  io.err(`flink-desk: ${error.message}`);
  if (error.fields) for (const [k, v] of Object.entries(error.fields)) if (!error.message.includes(v)) io.err(`  ${k}: ${v}`);
  if (error.hint) io.err(`hint: ${error.hint}`);
}

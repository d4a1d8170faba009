// The CLI's argv parsing: node:util parseArgs in strict mode (positionals, `--flag`, `--key value`, `--key=value`),
// with its errors turned into usage errors that say what to do. Unknown flags are errors, so a typo never silently
// does something else.
import { parseArgs as parseNodeArgs } from 'node:util';
import { AppError } from '../../shared/errors';

export interface ParsedArgs {
  positionals: string[];
  flags: Record<string, string | true>;
}

export interface FlagSpec {
  /** Flags that take a value. */
  values?: string[];
  /** Flags that are switches. */
  switches?: string[];
  /** One-letter aliases: { f: 'file' } lets `-f job.yaml` mean `--file job.yaml`. */
  short?: Record<string, string>;
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const s of [...(spec.switches ?? []), 'json', 'help']) options[s] = { type: 'boolean' };
  for (const v of spec.values ?? []) options[v] = { type: 'string' };
  for (const [letter, name] of Object.entries(spec.short ?? {})) if (options[name]) options[name].short = letter;
  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true, allowNegative: false });
  } catch (e) {
    throw usage(describe(e, argv, spec));
  }
  const flags: Record<string, string | true> = {};
  for (const [k, v] of Object.entries(parsed.values)) {
    if (typeof v === 'string') flags[k] = v;
    else if (v === true) flags[k] = true;
  }
  return { positionals: parsed.positionals, flags };
}

function describe(e: unknown, argv: string[], spec: FlagSpec): string {
  const code = (e as NodeJS.ErrnoException).code;
  const message = e instanceof Error ? e.message : String(e);
  const raw = /'(-{1,2}[^' ]+)/.exec(message)?.[1]?.replace(/^-+/, '').split('=')[0];
  const name = raw && raw.length === 1 ? (spec.short?.[raw] ?? raw) : raw;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option --${name ?? '?'}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (name && (spec.values ?? []).includes(name)) return `--${name} needs a value`;
    if (name) return `--${name} takes no value`;
  }
  return `cannot read the arguments '${argv.join(' ')}': ${message}`;
}

export function usage(message: string, hint = 'Run "flink-desk help" for the commands and their options'): AppError {
  return new AppError({ code: 'invalid-input', message, hint });
}

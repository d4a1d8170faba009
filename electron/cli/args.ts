// A small, strict argv parser: positionals, `--flag`, `--key value`, `--key=value`. Unknown flags are errors, so a
// typo never silently does something else.
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
}

export function parseArgs(argv: string[], spec: FlagSpec): ParsedArgs {
  const values = new Set(spec.values ?? []);
  const switches = new Set([...(spec.switches ?? []), 'json', 'help']);
  const out: ParsedArgs = { positionals: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--') || a === '--') {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (switches.has(name)) {
      if (eq >= 0) throw usage(`--${name} takes no value`);
      out.flags[name] = true;
    } else if (values.has(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw usage(`--${name} needs a value`);
      out.flags[name] = value;
    } else throw usage(`unknown option --${name}`);
  }
  return out;
}

export function usage(message: string, hint = 'Run "flink-desk help" for the commands and their options'): AppError {
  return new AppError({ code: 'invalid-input', message, hint });
}

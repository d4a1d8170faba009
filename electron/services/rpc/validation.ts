// A zod error as the user sees it: per-field messages keyed by the input's field names, and a top message naming
// the first problem so a CLI user sees it.
import type { z } from 'zod';
import type { AppErrorInfo } from '../../../shared/errors';

export function validationError(error: z.ZodError): AppErrorInfo {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(input)';
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) fields[k] = `Unknown field '${k}'`;
    } else fields[key] ??= issue.message;
  }
  const entries = Object.entries(fields);
  const first = entries[0];
  return {
    code: 'invalid-input',
    message: first ? (first[0] === '(input)' ? first[1] : `${first[0]}: ${first[1]}`) : 'The input is not valid',
    hint: entries.length > 1 ? `${entries.length} fields need attention` : 'Correct the value and try again',
    fields,
  };
}

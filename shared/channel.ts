// How a channel is declared in a contract file: its input schema, and (type-only) its result.
import { z } from 'zod';

export function channel<I extends z.ZodType, R>(input: I): { input: I; result?: R } {
  return { input };
}

/** The input of a channel that takes none. */
export const none = z.object({}).strict().optional();

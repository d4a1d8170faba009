// `flink-desk registry set | show | verify | pull-secret` (issue: Registry).
import type { CliCommand } from './index';

export const registryCommands: Record<string, CliCommand> = {};

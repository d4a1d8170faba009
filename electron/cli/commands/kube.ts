// `flink-desk contexts | check | rbac …` (issue: Clusters).
import type { CliCommand } from './index';

export const kubeCommands: Record<string, CliCommand> = {};

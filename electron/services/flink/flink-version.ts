// What differs between the Flink versions Flink Desk talks to, as far as the REST API goes. The version comes from
// the cluster itself (GET /config `flink-version`), so a job spec's flinkVersion never has to be right for this.
import type { JarRunRequest, RestoreMode } from './rest-schemas';

export interface FlinkVersion {
  major: number;
  minor: number;
  /** As the cluster reported it, e.g. "1.20.5", "2.3.0", "2.1-SNAPSHOT". */
  text: string;
}

export function parseFlinkVersion(text: string): FlinkVersion | undefined {
  const m = /^(\d+)\.(\d+)/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), text: text.trim() };
}

const atLeast = (v: FlinkVersion, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

/**
 * The run request's field for the savepoint restore mode: `claimMode` from 1.20 (FLIP-"RecoveryClaimMode"; 1.20 and
 * 2.x still accept `restoreMode` as deprecated), `restoreMode` before. Unknown versions get `restoreMode`, which
 * every version from 1.15 to 2.3 reads.
 */
export function restoreModeField(version: FlinkVersion | undefined): 'claimMode' | 'restoreMode' {
  return version && atLeast(version, 1, 20) ? 'claimMode' : 'restoreMode';
}

export interface RunOptions {
  entryClass?: string;
  args?: string[];
  parallelism?: number;
  savepointPath?: string;
  allowNonRestoredState?: boolean;
  restoreMode?: RestoreMode;
  flinkConfiguration?: Record<string, string>;
}

/** The body of POST /jars/:jarid/run for this cluster's version; fields left out are Flink's defaults. */
export function jarRunBody(options: RunOptions, version: FlinkVersion | undefined): JarRunRequest {
  const body: JarRunRequest = {};
  if (options.entryClass) body.entryClass = options.entryClass;
  if (options.args && options.args.length) body.programArgsList = options.args;
  if (options.parallelism !== undefined) body.parallelism = options.parallelism;
  if (options.savepointPath) {
    body.savepointPath = options.savepointPath;
    if (options.allowNonRestoredState !== undefined) body.allowNonRestoredState = options.allowNonRestoredState;
    if (options.restoreMode) body[restoreModeField(version)] = options.restoreMode;
  }
  if (options.flinkConfiguration && Object.keys(options.flinkConfiguration).length) body.flinkConfiguration = options.flinkConfiguration;
  return body;
}

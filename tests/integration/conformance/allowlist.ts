// THE allowlist of the conformance suite: the only differences between Flink Desk's rendering and Flink's own
// client (the oracle) that do not fail a test. Each entry says why the difference carries no meaning. Anything not
// matched here fails, field by field.
import type { Difference } from './compare';

export interface AllowEntry {
  /** Kind/name of the resource, e.g. ConfigMap/flink-config-my-job. */
  resource: RegExp;
  /** Path of the field inside it. */
  path: RegExp;
  reason: string;
}

export const allowlist: readonly AllowEntry[] = [
  {
    resource: /^ConfigMap\/flink-config-/,
    path: /^data\.(flink-conf\.yaml|config\.yaml)$/,
    reason:
      "The configuration file's text. Flink writes the entries in the iteration order of a java.util.HashMap (and " +
      'Flink 2.x through its own YAML dumper, with its own quoting); neither carries meaning for Flink, which reads the ' +
      'file back into a map. What the file holds — every key, value and YAML type — is compared as ' +
      'data["<file> (parsed)"] and must match exactly.',
  },
];

export function allowed(d: Difference): AllowEntry | undefined {
  return allowlist.find((e) => e.resource.test(d.resource) && e.path.test(d.path));
}

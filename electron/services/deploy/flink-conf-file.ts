// The Flink configuration file as Flink's FlinkConfMountDecorator writes it into the flink-config ConfigMap:
// Flink 1.x a `key: value` line per entry (flink-conf.yaml), Flink 2.x standard YAML with the keys nested at their
// dots (config.yaml, FLIP-366). The order of entries is Flink's HashMap order there and carries no meaning.
import { stringify } from 'yaml';
import { flinkString, type EffectiveConfig, type FlinkValue } from './flink-config';

/** What the JobManager must not receive (Flink's client removes them too): client-side and bind settings. */
const clientOnly = [
  'kubernetes.config.file',
  '$internal.deployment.config-dir',
  'rest.bind-address',
  'jobmanager.bind-host',
  'taskmanager.bind-host',
  'taskmanager.host',
];

export function confFileEntries(c: EffectiveConfig): Array<[string, FlinkValue]> {
  return [...c.entries].filter(([k]) => !clientOnly.includes(k));
}

export function writeConfFile(c: EffectiveConfig): { name: string; text: string } {
  const entries = confFileEntries(c);
  if (!c.standardYaml) {
    return { name: c.keys.confFile, text: entries.map(([k, v]) => `${k}: ${flinkString(v, false)}\n`).join('') };
  }
  const nested: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const parts = key.split('.');
    let node = nested;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      // The spec refuses keys that are prefixes of others, so a leaf is never also a branch here.
      if (typeof next !== 'object' || next === null || Array.isArray(next)) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return { name: c.keys.confFile, text: stringify(nested, { lineWidth: 0 }) };
}

// Lists and maps as text in a Flink configuration value. Flink 1.x reads its legacy syntax (`a;b`, `k:v,k2:v2`,
// single quotes around items holding a separator); Flink 2.x (standard YAML, FLIP-366) reads YAML flow collections
// first and falls back to the legacy syntax. Each version gets the syntax it reads natively.
import { stringify } from 'yaml';

/** Flink's StructuredOptionsSplitter.escapeWithSingleQuote. */
function quote(s: string, ...separators: string[]): string {
  return separators.some((c) => s.includes(c)) || s.includes('"') || s.includes("'") ? `'${s.replaceAll("'", "''")}'` : s;
}

function flow(value: unknown): string {
  return stringify(value, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd();
}

export function encodeList(items: string[], standardYaml: boolean): string {
  return standardYaml ? flow(items) : items.map((i) => quote(i, ';')).join(';');
}

export function encodeMap(map: Record<string, string>, standardYaml: boolean): string {
  if (standardYaml) return flow(map);
  return Object.entries(map)
    .map(([k, v]) => quote(`${quote(k, ':')}:${quote(v, ':')}`, ','))
    .join(',');
}

export function encodeListOfMaps(list: Array<Record<string, string>>, standardYaml: boolean): string {
  return standardYaml ? flow(list) : list.map((m) => quote(encodeMap(m, false), ';')).join(';');
}

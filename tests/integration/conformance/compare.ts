// Field-by-field comparison of what Flink Desk renders with what Flink's own client renders (the oracle). Objects
// compare as maps (key order carries no meaning in Kubernetes JSON), arrays element by element in order. The
// Flink configuration file inside the flink-config ConfigMap compares as the configuration it holds, not as text:
// Flink writes its entries in Java HashMap order (see allowlist.ts). Every difference is reported with its path.
import { parse } from 'yaml';

export interface Difference {
  /** e.g. Deployment/my-job */
  resource: string;
  /** e.g. spec.template.spec.containers[1].env[0].name */
  path: string;
  ours: unknown;
  flink: unknown;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function diff(resource: string, ours: unknown, flink: unknown, path: string, out: Difference[]): void {
  if (isObj(ours) && isObj(flink)) {
    for (const k of new Set([...Object.keys(ours), ...Object.keys(flink)]))
      diff(resource, ours[k], flink[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (Array.isArray(ours) && Array.isArray(flink)) {
    for (let i = 0; i < Math.max(ours.length, flink.length); i++) diff(resource, ours[i], flink[i], `${path}[${i}]`, out);
    return;
  }
  if (ours !== flink) out.push({ resource, path, ours, flink });
}

/** Flink 1.x flink-conf.yaml: one `key: value` per line (its legacy reader splits at the first ": "). */
function legacyConf(text: string): Obj {
  const m: Obj = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const i = line.indexOf(': ');
    if (i < 0) m[line] = '(not a key: value line)';
    else m[line.slice(0, i)] = line.slice(i + 2);
  }
  return m;
}

export function confFileContent(name: string, text: string): unknown {
  return name === 'flink-conf.yaml' ? legacyConf(text) : (parse(text) as unknown);
}

/**
 * A resource with what its configuration file means beside its text (`data["config.yaml (parsed)"]`): the text
 * differs in entry order (allowlisted), the meaning must not.
 */
export function normalize(resource: Obj): Obj {
  if (resource.kind !== 'ConfigMap' || !isObj(resource.data)) return resource;
  const data: Obj = { ...resource.data };
  for (const f of ['flink-conf.yaml', 'config.yaml']) if (typeof data[f] === 'string') data[`${f} (parsed)`] = confFileContent(f, data[f]);
  return { ...resource, data };
}

export function resourceKey(r: Obj): string {
  const md = isObj(r.metadata) ? r.metadata : {};
  return `${String(r.kind)}/${String(md.name)}`;
}

/** All differences between two renderings (lists of resources), by resource and field. */
export function compareResources(ours: Obj[], flink: Obj[]): Difference[] {
  const out: Difference[] = [];
  const mine = new Map(ours.map((r) => [resourceKey(r), r]));
  const theirs = new Map(flink.map((r) => [resourceKey(r), r]));
  for (const key of new Set([...mine.keys(), ...theirs.keys()])) {
    const a = mine.get(key);
    const b = theirs.get(key);
    if (!a || !b) {
      out.push({ resource: key, path: '', ours: a ? 'present' : 'absent', flink: b ? 'present' : 'absent' });
      continue;
    }
    diff(key, normalize(a), normalize(b), '', out);
  }
  const order = (l: Obj[]) => l.map(resourceKey).join(', ');
  if (order(ours) !== order(flink)) out.push({ resource: '(all)', path: 'order of resources', ours: order(ours), flink: order(flink) });
  return out;
}

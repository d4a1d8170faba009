// A pod template as Flink's KubernetesUtils.loadPodFromTemplateFile splits it: the Pod without its main container,
// and the main container `flink-main-container` (an empty one when the template has none). Flink's decorators then
// add to both; at the end the main container goes after the template's other containers.
import { parse } from 'yaml';
import { mainContainerName } from '../../../shared/jobs/pod-template';

export type Obj = Record<string, unknown>;

export interface FlinkPod {
  /** metadata and spec of the template, its containers without the main one. */
  metadata: Obj;
  spec: Obj;
  main: Obj;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Quantities come back from the API model as strings (fabric8's Quantity), whatever YAML type they were written in. */
function normalizeResources(c: Obj): Obj {
  const r = c.resources;
  if (!isObj(r)) return c;
  const fix = (m: unknown) => (isObj(m) ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v)])) : m);
  const out: Obj = { ...r };
  if (r.limits !== undefined) out.limits = fix(r.limits);
  if (r.requests !== undefined) out.requests = fix(r.requests);
  return { ...c, resources: out };
}

export function emptyFlinkPod(): FlinkPod {
  return { metadata: {}, spec: {}, main: {} };
}

/** Split a template's YAML (already validated: a Pod mapping) into Flink's parts. Deep copies: nothing is shared. */
export function loadFlinkPod(text: string): FlinkPod {
  const doc = parse(text) as Obj;
  const metadata = isObj(doc.metadata) ? structuredClone(doc.metadata) : {};
  const spec = isObj(doc.spec) ? structuredClone(doc.spec) : {};
  const containers = Array.isArray(spec.containers) ? (spec.containers as Obj[]).map(normalizeResources) : [];
  if (Array.isArray(spec.initContainers)) spec.initContainers = (spec.initContainers as Obj[]).map(normalizeResources);
  const main = containers.find((c) => c.name === mainContainerName) ?? {};
  spec.containers = containers.filter((c) => c !== main);
  return { metadata, spec, main };
}

export function list(o: Obj, key: string): unknown[] {
  const v = o[key];
  return Array.isArray(v) ? v : [];
}

export function map(o: Obj, key: string): Obj {
  const v = o[key];
  return isObj(v) ? v : {};
}

/** fabric8 leaves out empty lists and maps when it writes JSON; so does Flink Desk. */
export function setList(o: Obj, key: string, items: unknown[]): void {
  if (items.length) o[key] = items;
  else delete o[key];
}

export function setMap(o: Obj, key: string, m: Obj): void {
  if (Object.keys(m).length) o[key] = m;
  else delete o[key];
}

/** The Pod as Flink finally assembles it: the template's other containers first, then the main container. */
export function assemble(p: FlinkPod): { metadata: Obj; spec: Obj } {
  return { metadata: p.metadata, spec: { ...p.spec, containers: [...list(p.spec, 'containers'), p.main] } };
}

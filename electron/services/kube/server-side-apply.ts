// Server-side apply: PATCH with application/apply-patch+yaml and fieldManager=flink-desk. The API server merges what
// we send with what others own and records us as the manager of our fields; applying the same object twice writes
// nothing the second time. The resource path of a manifest comes from API discovery (cached per client), the way
// client-node's KubernetesObjectApi finds it — done over our request so it keeps the hard deadline and the error
// mapping of every other call.
import { AppError } from '../../../shared/errors';
import { mapHttpError } from './error-mapping';
import type { KubeConnection, Query } from './kube-connection';

export const FIELD_MANAGER = 'flink-desk';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

export interface ApplyOptions {
  /** Take over fields another manager owns instead of failing with a conflict (409). */
  force?: boolean;
  /** dryRun=All: the server validates, defaults and admits the object, and stores nothing. */
  dryRun?: boolean;
  /** For error messages: "apply <what>" (default: the kind and name). */
  what?: string;
}

export interface Applied<T> {
  /** The object as the server has it (or would have it, in a dry run). */
  object: T;
  /** 201: the apply created the object. */
  created: boolean;
}

export const describeManifest = (m: Manifest): string =>
  `${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}`;

export function applyQuery(options: ApplyOptions = {}): Query {
  return { fieldManager: FIELD_MANAGER, force: options.force ? true : undefined, dryRun: options.dryRun ? 'All' : undefined };
}

/** Applies `manifest` at a known resource path (…/namespaces/N/roles/NAME). */
export async function applyAt<T = Manifest>(
  conn: KubeConnection,
  path: string,
  manifest: Manifest,
  options: ApplyOptions = {},
): Promise<Applied<T>> {
  // JSON is YAML: the body is the manifest as JSON, which the apply-patch+yaml decoder reads.
  const r = await conn.request<T>('PATCH', path, manifest, { contentType: APPLY_PATCH, query: applyQuery(options) });
  if (r.status === 200 || r.status === 201) return { object: r.body as T, created: r.status === 201 };
  throw mapHttpError(r.status, r.body, conn.where, options.what ?? `apply ${describeManifest(manifest)}`);
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Finds a kind's resource name and scope by API discovery (GET /api/v1, /apis/GROUP/VERSION), once per apiVersion. */
export class ResourcePaths {
  private readonly lists = new Map<string, Promise<ApiResource[]>>();

  constructor(private readonly conn: KubeConnection) {}

  async pathOf(m: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>, named = true): Promise<string> {
    const root = m.apiVersion === 'v1' ? '/api/v1' : `/apis/${m.apiVersion}`;
    const resources = await this.resources(m.apiVersion, root);
    const r = resources.find((x) => x.kind === m.kind && !x.name.includes('/'));
    if (!r) {
      throw new AppError({
        code: 'not-found',
        message: `The API server of context '${this.conn.where.context}' has no kind ${m.kind} in ${m.apiVersion}`,
        hint: 'Check the apiVersion and kind; a custom resource needs its CustomResourceDefinition installed first',
      });
    }
    if (r.namespaced && !m.metadata.namespace) {
      throw new AppError({ code: 'invalid-input', message: `${m.kind} ${m.metadata.name} needs a namespace (metadata.namespace)` });
    }
    const ns = r.namespaced ? `/namespaces/${encodeURIComponent(m.metadata.namespace!)}` : '';
    return `${root}${ns}/${r.name}${named ? `/${encodeURIComponent(m.metadata.name)}` : ''}`;
  }

  private resources(apiVersion: string, root: string): Promise<ApiResource[]> {
    let list = this.lists.get(apiVersion);
    if (!list) {
      list = this.conn
        .request<{ resources?: ApiResource[] }>('GET', root)
        .then((r) => {
          if (r.status === 404) {
            throw new AppError({
              code: 'not-found',
              message: `The API server of context '${this.conn.where.context}' does not serve ${apiVersion}`,
              hint: 'Check the apiVersion; a custom resource needs its CustomResourceDefinition installed first',
            });
          }
          if (r.status !== 200) throw mapHttpError(r.status, r.body, this.conn.where, `discover the resources of ${apiVersion}`);
          return r.body?.resources ?? [];
        })
        .catch((e: unknown) => {
          this.lists.delete(apiVersion);
          throw e;
        });
      this.lists.set(apiVersion, list);
    }
    return list;
  }
}

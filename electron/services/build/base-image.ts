// The base image as its registry has it now: the manifest (Docker v2 or OCI; an index or manifest list resolved to
// the platform, default linux/amd64) and its digest, which both image paths build FROM and the tag is hashed over.
import { AppError } from '../../../shared/errors';
import { isFailure, MEDIA, type ImageReference, type RegistryApi } from '../docker';
import { registryFailure, type StageContext } from './build-errors';

export interface ImageManifest {
  schemaVersion: number;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
}

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface ResolvedBase {
  reference: string;
  host: string;
  repository: string;
  /** Digest of the platform's image manifest. */
  digest: string;
  mediaType: string;
  manifest: ImageManifest;
}

export const DEFAULT_PLATFORM = { os: 'linux', architecture: 'amd64' };

export async function resolveBase(
  api: RegistryApi,
  ref: ImageReference,
  reference: string,
  login: Pick<StageContext, 'username' | 'dockerConfigLogin'>,
  platform = DEFAULT_PLATFORM,
): Promise<ResolvedBase> {
  const ctx: StageContext = { host: ref.host, reference, ...login };
  let got = await api.manifest(ref.repository, ref.digest ?? ref.tag ?? 'latest');
  if (isFailure(got)) throw registryFailure('base', got, ctx);
  let body = JSON.parse(got.bytes.toString('utf8')) as ImageManifest & { manifests?: Descriptor[] };
  const type = body.mediaType ?? got.mediaType;
  if (type === MEDIA.ociIndex || type === MEDIA.dockerList || body.manifests) {
    const pick = (body.manifests ?? []).find((m) => m.platform?.os === platform.os && m.platform?.architecture === platform.architecture);
    if (!pick)
      throw new AppError({
        code: 'not-found',
        message: `The base image ${reference} has no ${platform.os}/${platform.architecture} variant (it has ${(body.manifests ?? [])
          .map((m) => `${m.platform?.os}/${m.platform?.architecture}`)
          .join(', ')})`,
        hint: 'Choose a base image built for linux/amd64, the platform of Kubernetes nodes',
      });
    got = await api.manifest(ref.repository, pick.digest);
    if (isFailure(got)) throw registryFailure('base', got, ctx);
    body = JSON.parse(got.bytes.toString('utf8')) as ImageManifest;
  }
  const mediaType = body.mediaType ?? got.mediaType;
  if (mediaType !== MEDIA.dockerManifest && mediaType !== MEDIA.ociManifest)
    throw new AppError({
      code: 'invalid-input',
      message: `The base image ${reference} is stored in a format Flink Desk cannot build on (${mediaType || 'unknown'})`,
      hint: 'Use an image pushed with a current Docker or OCI tool (schema 2 manifests)',
    });
  return { reference, host: ref.host, repository: ref.repository, digest: got.digest, mediaType, manifest: body };
}

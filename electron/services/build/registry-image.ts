// The image without a Docker engine, registry to registry (as `crane append` or Jib do): the base's manifest and
// config as its registry has them, one layer with the dependencies (/opt/flink/lib) and one with the jar
// (/opt/flink/usrlib), a new config that keeps the base's entrypoint, env, user and workdir and adds the labels,
// then only what the target lacks is uploaded: HEAD first, a cross-repository mount inside one registry, a copy
// from the base's registry otherwise. The base image's layers never pass through this machine when the base and
// the target share a registry.
import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { isFailure, MEDIA, reproducibleLayer, sha256, type Layer, type RegistryApi } from '../docker';
import type { OperationContext } from '../operations/operation-registry';
import type { Descriptor, ImageManifest, ResolvedBase } from './base-image';
import { registryFailure, type StageContext } from './build-errors';
import type { ResolvedDependency } from './dependencies';
import { LIB, USRLIB } from './image-inputs';

export interface ComposedImage {
  layers: (Layer & { mediaType: string })[];
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  mediaType: string;
}

interface ImageConfig {
  created?: string;
  config?: { Labels?: Record<string, string> | null } & Record<string, unknown>;
  rootfs: { type: string; diff_ids: string[] };
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
}

export async function composeImage(
  op: OperationContext,
  stepId: string,
  base: ResolvedBase,
  baseApi: RegistryApi,
  files: { jar: { path: string; name: string }; dependencies: ResolvedDependency[]; labels: Record<string, string> },
  ctx: StageContext,
): Promise<ComposedImage> {
  const oci = base.mediaType === MEDIA.ociManifest;
  const layerType = oci ? MEDIA.ociLayer : MEDIA.dockerLayer;
  const cfgBytes = await baseApi.blob(base.repository, base.manifest.config.digest);
  if (isFailure(cfgBytes)) throw registryFailure('base', cfgBytes, ctx);
  const config = JSON.parse(cfgBytes.toString('utf8')) as ImageConfig;
  op.logTo(
    stepId,
    `base config ${base.manifest.config.digest}: entrypoint ${JSON.stringify(config.config?.['Entrypoint'] ?? null)}, user ${JSON.stringify(config.config?.['User'] ?? '')}`,
  );

  const layers: ComposedImage['layers'] = [];
  const history: NonNullable<ImageConfig['history']> = [];
  if (files.dependencies.length) {
    op.step(stepId, { detail: `Packing ${files.dependencies.length} dependencies into a layer for ${LIB}` });
    const l = await reproducibleLayer(
      files.dependencies.map((d) => ({ path: `${LIB.slice(1)}/${d.name}`, source: d.path })),
      op.signal,
    );
    layers.push({ ...l, mediaType: layerType });
    history.push({ created: config.created, created_by: `COPY lib/ ${LIB}/ # Flink Desk` });
    op.logTo(stepId, `layer ${l.digest} (${l.size} bytes): ${files.dependencies.map((d) => d.name).join(', ')}`);
  }
  op.step(stepId, { detail: `Packing ${files.jar.name} into a layer for ${USRLIB}` });
  const jarLayer = await reproducibleLayer([{ path: `${USRLIB.slice(1)}/${files.jar.name}`, source: files.jar.path }], op.signal);
  layers.push({ ...jarLayer, mediaType: layerType });
  history.push({ created: config.created, created_by: `COPY ${files.jar.name} ${USRLIB}/${files.jar.name} # Flink Desk` });
  op.logTo(stepId, `layer ${jarLayer.digest} (${jarLayer.size} bytes): ${files.jar.name}`);

  // The base's config is kept as it is (entrypoint, env, user, workdir, exposed ports); only what the layers and
  // labels change is written. Its own `created` is kept too, so the same inputs give the same config digest.
  const next: ImageConfig = {
    ...config,
    config: { ...config.config, Labels: { ...(config.config?.Labels ?? {}), ...files.labels } },
    rootfs: { ...config.rootfs, diff_ids: [...config.rootfs.diff_ids, ...layers.map((l) => l.diffId)] },
    history: [...(config.history ?? []), ...history],
  };
  const configBytes = Buffer.from(JSON.stringify(next));
  const configDigest = sha256(configBytes);
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: base.mediaType,
    config: { mediaType: oci ? MEDIA.ociConfig : MEDIA.dockerConfig, digest: configDigest, size: configBytes.length },
    layers: [...base.manifest.layers, ...layers.map((l): Descriptor => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }))],
  };
  return { layers, config: configBytes, configDigest, manifest: Buffer.from(JSON.stringify(manifest)), mediaType: base.mediaType };
}

export interface PushTarget {
  api: RegistryApi;
  host: string;
  repository: string;
  tag: string;
}

export async function pushComposed(
  op: OperationContext,
  stepId: string,
  base: ResolvedBase,
  baseApi: RegistryApi,
  image: ComposedImage,
  target: PushTarget,
  ctx: StageContext,
): Promise<{ digest: string; uploadedBytes: number }> {
  const ours = new Map<string, Buffer>(image.layers.map((l) => [l.digest, l.gzip]));
  ours.set(image.configDigest, image.config);
  const baseLayers = base.manifest.layers;
  const sameRepo = base.host === target.host && base.repository === target.repository;
  const total = [...ours.values()].reduce((n, b) => n + b.length, 0) + baseLayers.reduce((n, l) => n + l.size, 0);
  let done = 0;
  let uploaded = 0;
  const advance = (n: number) => {
    done += n;
    op.step(stepId, { progress: total ? Math.min(1, done / total) : 1 });
  };
  const fail = (f: Parameters<typeof registryFailure>[1]) => registryFailure('push', f, ctx);

  const baseBlob = async (l: Descriptor) => {
    const short = l.digest.slice(7, 19);
    if (sameRepo) return advance(l.size);
    const has = await target.api.hasBlob(target.repository, l.digest);
    if (isFailure(has)) throw fail(has);
    if (has) {
      op.logTo(stepId, `${short}: already in ${target.repository}`);
      return advance(l.size);
    }
    if (base.host === target.host) {
      const mounted = await target.api.mountBlob(target.repository, l.digest, base.repository);
      if (isFailure(mounted)) throw fail(mounted);
      if (mounted) {
        op.logTo(stepId, `${short}: mounted from ${base.repository}`);
        return advance(l.size);
      }
    }
    // Another registry: the layer is copied through this machine, streamed, never held whole in memory.
    const r = await baseApi.blobStream(base.repository, l.digest);
    if (!r.ok || !r.body) throw registryFailure('base', { status: r.status, said: '' }, ctx);
    // Counted as the upload reads it: a 'data' listener on the source would start it flowing before fetch reads it
    // (undici then refuses the body as disturbed). pipeline() passes an error of either side to the other.
    let seen = 0;
    const stream = new Transform({
      transform(c: Buffer, _encoding, next) {
        seen += c.length;
        if (seen % (1 << 20) < c.length) op.step(stepId, { progress: Math.min(1, (done + seen) / total) });
        next(null, c);
      },
    });
    pipeline(Readable.fromWeb(r.body as unknown as WebReadableStream), stream, () => undefined);
    const put = await target.api.uploadBlob(target.repository, l.digest, { stream, size: l.size });
    if (isFailure(put)) throw fail(put);
    uploaded += l.size;
    op.logTo(stepId, `${short}: copied from ${base.host}/${base.repository} (${l.size} bytes)`);
    advance(l.size);
  };
  const ownBlob = async (digest: string, bytes: Buffer) => {
    const has = await target.api.hasBlob(target.repository, digest);
    if (isFailure(has)) throw fail(has);
    if (has) {
      op.logTo(stepId, `${digest.slice(7, 19)}: already in ${target.repository}`);
      return advance(bytes.length);
    }
    const put = await target.api.uploadBlob(target.repository, digest, bytes);
    if (isFailure(put)) throw fail(put);
    uploaded += bytes.length;
    op.logTo(stepId, `${digest.slice(7, 19)}: uploaded (${bytes.length} bytes)`);
    advance(bytes.length);
  };

  // The first request with push scope alone, so a refused push (or login) is reported once, before anything moves.
  const first = await target.api.hasBlob(target.repository, image.configDigest);
  if (isFailure(first)) throw fail(first);
  await Promise.all(baseLayers.map(baseBlob));
  await Promise.all([...ours].map(([d, b]) => ownBlob(d, b)));
  const digest = await target.api.putManifest(target.repository, target.tag, image.mediaType, image.manifest);
  if (isFailure(digest)) throw fail(digest);
  op.logTo(stepId, `manifest ${digest} as ${target.repository}:${target.tag}`);
  return { digest, uploadedBytes: uploaded + image.manifest.length };
}

// The probe image the verification pushes: made on the engine itself, with no base image and no Docker Hub — a
// `docker import` of a tar (made in memory) holding one small file of random content (so every probe has its own digest,
// and deleting it remotely touches nothing else). An import makes one layer without running any container, which
// is several times faster than a FROM-scratch build on slow storage drivers (vfs).
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { followStream, packEntries } from '../docker';

export const PROBE_REPOSITORY = 'flink-desk-probe';
export const PROBE_LABEL = 'org.flinkdesk.probe';

export function probeReference(address: string, namespace: string, tag = randomBytes(6).toString('hex')): string {
  return `${address.trim().replace(/\/+$/, '')}/${namespace}/${PROBE_REPOSITORY}:${tag}`;
}

/** The image's only layer: /probe.txt naming the probe. */
export function probeRootfs(nonce: string): Readable {
  return packEntries([{ name: 'probe.txt', content: `Flink Desk registry verification probe ${nonce}. Safe to delete.\n` }]);
}

/** repository and tag of a reference whose tag is known to be there (the probe's). */
export function splitReference(reference: string): { repo: string; tag: string } {
  const colon = reference.lastIndexOf(':');
  return colon > reference.lastIndexOf('/')
    ? { repo: reference.slice(0, colon), tag: reference.slice(colon + 1) }
    : { repo: reference, tag: 'latest' };
}

/** Makes the probe image tagged `reference`. */
export async function buildProbeImage(docker: Docker, reference: string, signal: AbortSignal): Promise<void> {
  const nonce = randomBytes(8).toString('hex');
  const { repo, tag } = splitReference(reference);
  const stream = await docker.importImage(probeRootfs(nonce), {
    repo,
    tag,
    changes: [`LABEL ${PROBE_LABEL}=${nonce}`],
    abortSignal: signal,
  });
  await followStream(docker, stream, undefined, signal);
}

// The probe image the verification pushes: made on the engine itself, with no base image and no Docker Hub — a
// `FROM scratch` build whose context is an in-memory tar holding a Dockerfile and one small file of random content
// (so every probe has its own digest and deleting it remotely touches nothing else).
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { followStream } from './engine-stream';
import { tarball } from './tar';

export const PROBE_REPOSITORY = 'flink-desk-probe';
export const PROBE_LABEL = 'org.flinkdesk.probe';

export function probeReference(address: string, namespace: string, tag = randomBytes(6).toString('hex')): string {
  return `${address.trim().replace(/\/+$/, '')}/${namespace}/${PROBE_REPOSITORY}:${tag}`;
}

export function probeContext(nonce: string): Buffer {
  const dockerfile = ['FROM scratch', 'COPY probe.txt /probe.txt', `LABEL ${PROBE_LABEL}="${nonce}"`, ''].join('\n');
  const note = `Flink Desk registry verification probe ${nonce}. Safe to delete.\n`;
  return tarball([
    { name: 'Dockerfile', content: dockerfile },
    { name: 'probe.txt', content: note },
  ]);
}

/** Builds the probe image tagged `reference`; resolves to its image id. */
export async function buildProbeImage(docker: Docker, reference: string, signal: AbortSignal): Promise<string> {
  const nonce = randomBytes(8).toString('hex');
  const stream = await docker.buildImage(Readable.from([probeContext(nonce)]), {
    t: reference,
    rm: true,
    forcerm: true,
    abortSignal: signal,
  });
  let id = '';
  await followStream(docker, stream, (m) => {
    if (m.aux?.ID) id = m.aux.ID;
  });
  return id || String(((await docker.getImage(reference).inspect()) as { Id: string }).Id);
}

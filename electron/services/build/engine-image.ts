// The image with a Docker engine (dockerode): the base pulled by its digest with the right credentials (unless the
// engine has it), the generated Dockerfile built over a context streamed as a tar (Dockerfile, the jar, lib/),
// then pushed with per-layer progress as the step's progress. The same Dockerfile the tag is hashed over.
import type Docker from 'dockerode';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentialServer } from '../../../shared/contracts/registry';
import { EngineAbortError, engineErrorText, followStream, packDirectory, type ProgressMessage, type RegistryCredentials } from '../docker';
import type { OperationContext } from '../operations/operation-registry';
import { engineFailure, type StageContext } from './build-errors';
import type { ResolvedDependency } from './dependencies';

const authconfig = (host: string, c: RegistryCredentials | undefined) =>
  c ? { username: c.username, password: c.password, serveraddress: credentialServer(host) } : undefined;

/** Makes the context directory: Dockerfile, the jar under its own name, lib/ with the dependencies. */
export function writeContext(dir: string, dockerfileText: string, jar: { path: string; name: string }, deps: ResolvedDependency[]): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'Dockerfile'), dockerfileText);
  copyFileSync(jar.path, join(dir, jar.name));
  if (deps.length) {
    mkdirSync(join(dir, 'lib'), { recursive: true });
    for (const d of deps) copyFileSync(d.path, join(dir, 'lib', d.name));
  }
}

export async function pullBase(
  docker: Docker,
  op: OperationContext,
  stepId: string,
  pinned: string,
  host: string,
  credentials: RegistryCredentials | undefined,
  ctx: StageContext,
): Promise<void> {
  try {
    await docker.getImage(pinned).inspect();
    op.logTo(stepId, `the engine already has ${pinned}`);
    return;
  } catch {
    /* not there: pull it */
  }
  op.step(stepId, { detail: `Pulling the base image ${pinned}` });
  try {
    const auth = authconfig(host, credentials);
    const stream = await docker.pull(pinned, { ...(auth ? { authconfig: auth } : {}), abortSignal: op.signal });
    await followStream(docker, stream, layerLogger(op, stepId), op.signal);
  } catch (e) {
    if (e instanceof EngineAbortError || op.signal.aborted) throw e;
    throw engineFailure('base', engineErrorText(e), ctx);
  }
}

export async function buildImage(
  docker: Docker,
  op: OperationContext,
  stepId: string,
  contextDir: string,
  reference: string,
  ctx: StageContext,
): Promise<void> {
  op.step(stepId, { detail: `Building ${reference} on the engine` });
  try {
    const stream = await docker.buildImage(packDirectory(contextDir), {
      t: reference,
      rm: true,
      forcerm: true,
      abortSignal: op.signal,
    } as unknown as Docker.ImageBuildOptions);
    await followStream(
      docker,
      stream,
      (m) => {
        const text = m.stream?.replace(/\n$/, '');
        if (text) op.logTo(stepId, ...text.split('\n'));
        const s = /^Step (\d+)\/(\d+)/.exec(text ?? '');
        if (s) op.step(stepId, { progress: Number(s[1]) / Number(s[2]), detail: text!.trim() });
      },
      op.signal,
    );
  } catch (e) {
    if (e instanceof EngineAbortError || op.signal.aborted) throw e;
    throw engineFailure('build', engineErrorText(e), ctx);
  }
}

export async function pushImage(
  docker: Docker,
  op: OperationContext,
  stepId: string,
  reference: string,
  host: string,
  credentials: RegistryCredentials,
  ctx: StageContext,
): Promise<{ digest: string; uploadedBytes: number }> {
  const layers = new Map<string, { current: number; total: number; status: string }>();
  let digest = '';
  try {
    const stream = await docker.getImage(reference).push({ authconfig: authconfig(host, credentials)!, abortSignal: op.signal });
    await followStream(
      docker,
      stream,
      (m) => {
        if (m.aux?.Digest) digest = m.aux.Digest;
        if (!m.id || !m.status) return;
        const l = layers.get(m.id) ?? { current: 0, total: 0, status: '' };
        if (m.status !== l.status && m.status !== 'Pushing') op.logTo(stepId, `${m.id}: ${m.status}`);
        l.status = m.status;
        if (m.progressDetail?.total) {
          l.total = Math.max(l.total, m.progressDetail.total);
          l.current = m.progressDetail.current ?? l.current;
        }
        if (/Pushed|already exists|Mounted from/i.test(m.status)) l.current = l.total;
        layers.set(m.id, l);
        const all = [...layers.values()];
        const total = all.reduce((n, x) => n + x.total, 0);
        const current = all.reduce((n, x) => n + x.current, 0);
        const pushing = all.filter((x) => x.status === 'Pushing').length;
        op.step(stepId, {
          ...(total ? { progress: Math.min(1, current / total) } : {}),
          detail: `${layers.size} layers, ${pushing} uploading${m.status === 'Pushing' && m.progressDetail?.total ? ` (layer ${m.id}: ${mb(m.progressDetail.current ?? 0)}/${mb(m.progressDetail.total)})` : ''}`,
        });
      },
      op.signal,
    );
  } catch (e) {
    if (e instanceof EngineAbortError || op.signal.aborted) throw e;
    throw engineFailure('push', engineErrorText(e), ctx);
  }
  // What went over the wire: the layers the engine pushed itself (not those the registry had or mounted).
  const uploadedBytes = [...layers.values()].filter((l) => l.status === 'Pushed').reduce((n, l) => n + l.total, 0);
  return { digest, uploadedBytes };
}

const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;

function layerLogger(op: OperationContext, stepId: string) {
  const seen = new Map<string, string>();
  return (m: ProgressMessage) => {
    if (!m.id || !m.status || seen.get(m.id) === m.status) return;
    seen.set(m.id, m.status);
    if (!m.progressDetail?.total) op.logTo(stepId, `${m.id}: ${m.status}`);
  };
}

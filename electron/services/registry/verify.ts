// Verification the way a careful operator checks a registry by hand: log in, push a tiny probe image, remove it
// locally and pull it back, clean up — each step with its result and a hint. A long operation whose steps stream to
// the page; its outcome is kept in the store as the "last verification". Push never runs when login fails.
import type Docker from 'dockerode';
import { credentialServer, registryHost, type LastVerification, type VerificationStepResult } from '../../../shared/contracts/registry';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import type { OperationSnapshot } from '../../../shared/operations';
import type { OperationContext } from '../operations/operation-registry';
import {
  connectEngine,
  EngineAbortError,
  engineErrorText,
  engineTreatsInsecure,
  followStream,
  progressOf,
  redact,
  resolveEngineAddress,
  type EngineAddress,
} from '../docker';
import { savedCredentials } from './credentials';
import type { RegistryDeps } from './deps';
import { buildProbeImage, PROBE_REPOSITORY, probeReference } from './probe-image';
import { readRegistry, updateRegistry } from './registry-store';
import { deleteRemoteManifest } from './remote-delete';
import { registryView } from './registry-view';
import { classifyEngineError, type ErrorContext, type VerifyStage } from './verify-errors';

export const VERIFY_KIND = 'registry.verify';
export const verifySteps: { id: VerifyStage; title: string }[] = [
  { id: 'login', title: 'Log in' },
  { id: 'push', title: 'Push a probe image' },
  { id: 'pull', title: 'Remove it locally and pull it back' },
  { id: 'cleanup', title: 'Clean up' },
];

export interface VerifyResult {
  passed: true;
  reference: string;
  digest: string;
}

export async function startVerification(ctx: RegistryDeps): Promise<OperationSnapshot> {
  const rec = readRegistry(ctx.stores);
  const running = rec.lastVerification?.status === 'running' ? findOp(ctx, rec.lastVerification.opId) : undefined;
  if (running?.status === 'running') return running;
  const creds = await savedCredentials(ctx, 'verifying');
  const namespace = ctx.settings.get()['docker.register.image-namespace'];
  const reference = probeReference(creds.address, namespace);
  const host = registryHost(creds.address);
  const engine = resolveEngineAddress(creds.dockerHost, ctx.env);
  const ectx: ErrorContext = { host, namespace, reference, username: creds.username };

  const { snapshot, done } = ctx.operations.start({
    kind: VERIFY_KIND,
    title: `Verify ${host}/${namespace}`,
    steps: verifySteps,
    run: (op) =>
      runVerification(op, {
        engine,
        env: ctx.env,
        host,
        namespace,
        reference,
        username: creds.username,
        password: creds.password,
        ectx,
        address: creds.address,
      }),
  });
  updateRegistry(ctx.stores, (r) => ({
    ...r,
    lastVerification: { opId: snapshot.id, at: snapshot.startedAt, status: 'running', reference, steps: [] },
  }));
  void done.then((final) => {
    // Settings saved while it ran dropped its entry: then the result is of settings that no longer apply.
    updateRegistry(ctx.stores, (r) =>
      r.lastVerification?.opId === final.id ? { ...r, lastVerification: summarize(final, reference) } : r,
    );
    ctx.events.emit('registry.changed', registryView(ctx));
  });
  return snapshot;
}

function findOp(ctx: Pick<RegistryDeps, 'operations'>, id: string): OperationSnapshot | undefined {
  try {
    return ctx.operations.get(id);
  } catch {
    return undefined;
  }
}

export function summarize(op: OperationSnapshot, reference: string): LastVerification {
  const steps: VerificationStepResult[] = op.steps.map((s) => ({
    id: s.id,
    title: s.title,
    status: s.status,
    ...(s.detail ? { detail: s.detail } : {}),
    ...(s.hint ? { hint: s.hint } : {}),
    ...(s.startedAt && s.endedAt ? { durationMs: s.endedAt - s.startedAt } : {}),
  }));
  return {
    opId: op.id,
    at: op.endedAt ?? op.startedAt,
    status:
      op.status === 'succeeded' ? 'passed' : op.status === 'running' ? 'running' : op.status === 'cancelled' ? 'interrupted' : 'failed',
    reference,
    steps,
    ...(op.error ? { error: op.error } : {}),
  };
}

interface Plan {
  engine: EngineAddress;
  env: NodeJS.ProcessEnv;
  address: string;
  host: string;
  namespace: string;
  reference: string;
  username: string;
  password: string;
  ectx: ErrorContext;
}

async function runVerification(op: OperationContext, p: Plan): Promise<VerifyResult> {
  const auth = { username: p.username, password: p.password, serveraddress: credentialServer(p.address) };
  const signal = op.signal;
  let docker: Docker | undefined;
  let built = false;
  let digest = '';
  // Between engine calls: a cancel that landed while one ended starts no further engine work.
  const stopIfCancelled = () => {
    if (signal.aborted) throw new EngineAbortError();
  };

  const fail = (stage: VerifyStage, e: unknown): AppError => {
    const info: AppErrorInfo = signal.aborted
      ? { code: 'cancelled', message: `Cancelled during the ${stage} step` }
      : e instanceof AppError
        ? e.toInfo()
        : classifyEngineError(stage, engineErrorText(e), p.ectx);
    const safe = { ...info, message: redact(info.message, p.password), ...(info.hint ? { hint: redact(info.hint, p.password) } : {}) };
    op.step(stage, { status: 'failed', detail: safe.message, ...(safe.hint ? { hint: safe.hint } : {}) });
    const later = verifySteps.slice(verifySteps.findIndex((s) => s.id === stage) + 1).filter((s) => s.id !== 'cleanup');
    for (const s of later) op.step(s.id, { status: 'skipped', detail: `Not tried: the ${stage} step failed` });
    return new AppError(safe);
  };

  // 1. login
  op.step('login', { status: 'running', detail: `Logging in to ${p.host} as ${p.username} through the engine at ${p.engine.address}` });
  try {
    docker = await connectEngine(p.engine, p.env, signal);
    await docker.checkAuth({ ...auth, abortSignal: signal });
    stopIfCancelled();
    op.step('login', { status: 'succeeded', detail: `Logged in to ${p.host} as ${p.username}` });
  } catch (e) {
    const err = fail('login', e);
    op.step('cleanup', { status: 'skipped', detail: 'Nothing to clean up: nothing was built or pushed' });
    throw err;
  }

  try {
    // 2. push
    op.step('push', { status: 'running', detail: 'Making the probe image on the engine (one layer, one small file; no base image)' });
    try {
      await buildProbeImage(docker, p.reference, signal);
      built = true;
      op.log(`built ${p.reference}`);
      stopIfCancelled();
      op.step('push', { status: 'running', detail: `Pushing ${p.reference}` });
      const stream = await docker.getImage(p.reference).push({ authconfig: auth, abortSignal: signal });
      await followStream(
        docker,
        stream,
        (m) => {
          if (m.aux?.Digest) digest = m.aux.Digest;
          if (m.status && m.id && !m.progressDetail?.total) op.log(`${m.id}: ${m.status}`);
          const fraction = progressOf(m);
          if (fraction !== undefined) op.step('push', { progress: fraction });
        },
        signal,
      );
      op.step('push', { status: 'succeeded', detail: `Pushed ${p.reference}${digest ? ` (${digest.slice(0, 19)}…)` : ''}` });
    } catch (e) {
      throw fail('push', e);
    }

    // 3. pull
    op.step('pull', { status: 'running', detail: 'Removing the probe image from the engine' });
    try {
      stopIfCancelled();
      await docker.getImage(p.reference).remove({ force: true, abortSignal: signal });
      built = false;
      stopIfCancelled();
      op.step('pull', { status: 'running', detail: `Pulling ${p.reference}` });
      const stream = await docker.pull(p.reference, { authconfig: auth, abortSignal: signal });
      await followStream(
        docker,
        stream,
        (m) => {
          if (m.status && m.id && !m.progressDetail?.total) op.log(`${m.id}: ${m.status}`);
          const fraction = progressOf(m);
          if (fraction !== undefined) op.step('pull', { progress: fraction });
        },
        signal,
      );
      built = true;
      const inspected = (await docker.getImage(p.reference).inspect()) as { RepoDigests?: string[] };
      const same = !digest || (inspected.RepoDigests ?? []).some((d) => d.endsWith(`@${digest}`));
      if (!same)
        throw new AppError({
          code: 'conflict',
          message: `The image pulled back from ${p.host} is not the one pushed (expected ${digest})`,
          hint: 'A proxy or cache in front of the registry may be serving other content for this name',
        });
      op.step('pull', { status: 'succeeded', detail: `Pulled ${p.reference} back${digest ? '; the digest matches' : ''}` });
    } catch (e) {
      throw fail('pull', e);
    }
  } finally {
    await cleanup(op, docker, p, built, digest);
  }
  return { passed: true, reference: p.reference, digest };
}

async function cleanup(op: OperationContext, docker: Docker, p: Plan, built: boolean, digest: string): Promise<void> {
  op.step('cleanup', { status: 'running', detail: 'Removing the probe image' });
  const notes: string[] = [];
  let hint: string | undefined;
  let failed = false;
  if (built) {
    try {
      await docker.getImage(p.reference).remove({ force: true });
      notes.push('removed the local probe image');
    } catch (e) {
      failed = true;
      notes.push(`could not remove the local probe image (${redact(engineErrorText(e), p.password)})`);
      hint = `Remove it yourself: docker rmi ${p.reference}`;
    }
  }
  if (digest) {
    const path = p.address.trim().split('/').slice(1);
    const insecure = engineTreatsInsecure(await docker.info().catch(() => undefined), p.host);
    const outcome = await deleteRemoteManifest({
      host: p.host,
      repository: [...path, p.namespace, PROBE_REPOSITORY].join('/'),
      digest,
      username: p.username,
      password: p.password,
      insecure,
    });
    if (outcome.deleted) notes.push('deleted it from the registry');
    else {
      notes.push(`left it in the registry: ${outcome.detail}`);
      hint ??= `The probe ${p.reference} stays in the registry; it is a few hundred bytes, and you may delete it there`;
    }
  }
  const detail = notes.length ? capitalize(notes.join('; ')) : 'Nothing to clean up';
  op.step('cleanup', { status: failed ? 'failed' : 'succeeded', detail, ...(hint ? { hint } : {}) });
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// The build pipeline as one durable operation of named steps: resolve the inputs (registry settings, the engine,
// the base image's digest), the job jar (Maven or a given jar), the dependencies, the image (tag from the inputs'
// hash; an existing tag ends the build there), the push. Cancel stops Maven's whole process tree and any pull,
// build or push at once; the overall time limit is the build.timeout-sec setting. Each build is recorded with its
// job (JobStore.recordBuild), so the job's page lists its builds after a reload or a restart.
import type Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSteps, type BuildEngine, type BuildResult, type BuildStepId } from '../../../shared/contracts/build';
import { registryHost } from '../../../shared/contracts/registry';
import { AppError } from '../../../shared/errors';
import type { JobDocument } from '../../../shared/jobs/spec';
import type { OperationSnapshot } from '../../../shared/operations';
import type { ServiceContext } from '../context';
import { connectEngine, isFailure, parseImageReference, resolveEngineAddress, type RegistryApi } from '../docker';
import type { JobStore } from '../jobs/job-store';
import type { OperationContext } from '../operations/operation-registry';
import { savedCredentials } from '../registry/credentials';
import { resolveBase, type ResolvedBase } from './base-image';
import { localFailure, registryFailure, type StageContext } from './build-errors';
import { resolveDependencies, type ResolvedDependency } from './dependencies';
import { buildImage, pullBase, pushImage, writeContext } from './engine-image';
import { dockerfile, imageLabels, inputHash, pinnedBase, targetReference, type ImageInputs } from './image-inputs';
import { inspectJar, type JarInfo } from './jar-file';
import { pickJobJar } from './jar-candidates';
import { buildArgs, mavenCommand, runMaven } from './maven-runner';
import { credentialsFor, registryApi, type BuildCredentials } from './registry-access';
import { composeImage, pushComposed } from './registry-image';

export type BuildDeps = Pick<ServiceContext, 'stores' | 'secrets' | 'settings' | 'operations' | 'env' | 'logger'>;
export type EngineChoice = 'auto' | BuildEngine;

export const BUILD_KIND = 'build';

export interface StartBuildRequest {
  document: JobDocument;
  version: number;
  engine?: EngineChoice;
}

export function startBuild(deps: BuildDeps, jobs: Pick<JobStore, 'recordBuild'>, req: StartBuildRequest): OperationSnapshot {
  checkBuildable(req.document);
  const name = req.document.metadata.name;
  const { snapshot, done } = deps.operations.start({
    kind: BUILD_KIND,
    title: `Build the image of ${name}`,
    steps: buildSteps.map((s) => ({ ...s })),
    lock: { resource: `build:${name}`, what: `A build of ${name}` },
    timeoutMs: deps.settings.get()['build.timeout-sec'] * 1000,
    run: (op) => runBuild(deps, req.document, req.engine, op).then((r): BuildResult => ({ ...r, version: req.version })),
  });
  jobs.recordBuild(name, { opId: snapshot.id, version: req.version, at: snapshot.startedAt, outcome: 'running' });
  void done.then((end) => {
    const r = end.result;
    jobs.recordBuild(name, {
      opId: end.id,
      version: req.version,
      at: end.startedAt,
      outcome: end.status === 'running' ? 'interrupted' : end.status,
      ...(r ? { engine: r.engine, image: r.image, digest: r.digest, uploadedBytes: r.uploadedBytes, reused: r.reused } : {}),
      ...(end.error ? { error: end.error } : {}),
    });
  });
  return snapshot;
}

/** Only a spec with image.base and a jar or a Maven project has an image to build. */
export function checkBuildable(document: JobDocument): void {
  const spec = document.spec;
  if (!spec.image?.base)
    throw new AppError({
      code: 'invalid-input',
      message: spec.image?.ref
        ? `spec.image: ${document.metadata.name} runs the prebuilt image ${spec.image.ref}; there is nothing to build`
        : 'spec.image.base: name the Flink base image to build on',
      fields: { 'spec.image.base': 'give the Flink image to build FROM, e.g. flink:1.20' },
      hint: 'An image build needs image.base (the Flink image) and artifact.jar or artifact.maven',
    });
  if (!spec.artifact || (spec.mode === 'session' && !spec.session))
    throw new AppError({
      code: 'invalid-input',
      message: 'spec.artifact: name the job jar (artifact.jar) or its Maven project (artifact.maven)',
      fields: { 'spec.artifact': 'give artifact: { jar: … } or { maven: { project: … } }' },
      hint: 'A session cluster runs the base image as it is; only a job is built into an image',
    });
  if ('jar' in spec.artifact && /^[a-z][a-z0-9+.-]*:\/\//i.test(spec.artifact.jar))
    throw new AppError({
      code: 'invalid-input',
      message: `spec.artifact.jar: ${spec.artifact.jar} is a remote URI; the image build takes a jar on this machine`,
      fields: { 'spec.artifact.jar': 'give the path of the jar on this machine' },
    });
}

interface Engine {
  kind: BuildEngine;
  docker?: Docker;
  info?: unknown;
}

/** Runs a step: running, then succeeded with the returned detail, or failed with the error's message and hint
 * (and the steps after it skipped). */
async function step<T>(
  op: OperationContext,
  id: BuildStepId,
  run: () => Promise<{ value: T; detail: string; status?: 'skipped' }>,
): Promise<T> {
  op.step(id, { status: 'running' });
  try {
    const r = await run();
    op.step(id, { status: r.status ?? 'succeeded', detail: r.detail, ...(r.status ? {} : { progress: 1 }) });
    return r.value;
  } catch (e) {
    const err = op.signal.aborted
      ? new AppError({ code: 'cancelled', message: `Stopped during: ${buildSteps.find((s) => s.id === id)!.title}` })
      : e instanceof AppError
        ? e
        : (localFailure(e, 'the build workspace') ?? e);
    const info = err instanceof AppError ? err : undefined;
    op.step(id, { status: 'failed', detail: info?.message ?? 'failed unexpectedly', ...(info?.hint ? { hint: info.hint } : {}) });
    const after = buildSteps.slice(buildSteps.findIndex((s) => s.id === id) + 1);
    for (const s of after) op.step(s.id, { status: 'skipped', detail: `Not run: "${buildSteps.find((x) => x.id === id)!.title}" failed` });
    if (op.signal.aborted) throw e;
    throw err;
  }
}

async function chooseEngine(choice: EngineChoice, dockerHost: string, env: NodeJS.ProcessEnv, op: OperationContext): Promise<Engine> {
  if (choice === 'registry') return { kind: 'registry' };
  const where = resolveEngineAddress(dockerHost, env);
  try {
    const docker = await connectEngine(where, env, op.signal);
    const info: unknown = await docker.info().catch(() => undefined);
    return { kind: 'docker', docker, info };
  } catch (e) {
    if (op.signal.aborted) throw e;
    if (choice === 'docker') {
      const why = e instanceof AppError ? e.message : String(e);
      throw new AppError({
        code: 'unreachable',
        message: why,
        hint: 'Start Docker or set its address on the Registry page, or build without an engine: set Settings → Build → Image engine to Registry (or Auto), or pass --engine registry',
      });
    }
    op.logTo(
      'resolve',
      `no Docker engine at ${where.address} (${e instanceof AppError ? e.message : String(e)}): building against the registry`,
    );
    return { kind: 'registry' };
  }
}

/** Who the base image is read as, for the errors: the Flink Desk registry's user, or the Docker config's login. */
async function baseLogin(host: string, creds: BuildCredentials): Promise<Pick<StageContext, 'username' | 'dockerConfigLogin'>> {
  const username = (await credentialsFor(host, creds))?.username;
  if (!username) return {};
  return host === creds.target.host ? { username } : { username, dockerConfigLogin: true };
}

interface Resolved {
  engine: Engine;
  creds: BuildCredentials;
  username: string;
  namespace: string;
  base: ResolvedBase;
  baseApi: RegistryApi;
}

export async function runBuild(
  deps: BuildDeps,
  document: JobDocument,
  engineChoice: EngineChoice | undefined,
  op: OperationContext,
): Promise<Omit<BuildResult, 'version'>> {
  const spec = document.spec;
  const settings = deps.settings.get();
  const work = mkdtempSync(join(tmpdir(), 'flink-desk-build-'));
  try {
    const r = await step(op, 'resolve', async () => {
      const saved = await savedCredentials(deps, 'building an image');
      const host = registryHost(saved.address);
      const engine = await chooseEngine(engineChoice ?? settings['build.image-engine'], saved.dockerHost, deps.env, op);
      const creds: BuildCredentials = {
        target: { address: saved.address, host, credentials: { username: saved.username, password: saved.password } },
        env: deps.env,
        ...(engine.info ? { engineInfo: engine.info } : {}),
      };
      const baseRef = parseImageReference(spec.image!.base!);
      const baseApi = await registryApi(baseRef.host, creds, op.signal);
      const base = await resolveBase(baseApi, baseRef, spec.image!.base!, await baseLogin(baseRef.host, creds));
      const value: Resolved = {
        engine,
        creds,
        username: saved.username,
        namespace: settings['docker.register.image-namespace'],
        base,
        baseApi,
      };
      return {
        value,
        detail: `base ${spec.image!.base} is ${base.digest.slice(0, 19)}…; ${engine.kind === 'docker' ? 'Docker engine' : 'registry path (no engine)'}; push to ${saved.address}/${value.namespace}`,
      };
    });

    const jar = await step(op, 'artifact', async () => {
      const a = spec.artifact!;
      let info: JarInfo;
      if ('jar' in a) {
        info = await inspectJar(a.jar);
      } else {
        const project = a.maven.project;
        const mvn = mavenCommand(project, settings['build.maven-command']);
        const startedAt = Date.now();
        const run = await runMaven(op, 'artifact', mvn, buildArgs(project, a.maven.args), {
          cwd: project,
          env: deps.env,
          what: `Maven build of ${project}`,
        });
        info = await inspectJar(pickJobJar(project, startedAt, run.state.shadedJars));
      }
      op.logTo(
        'artifact',
        `job jar ${info.path} (${info.size} bytes, ${info.sha256})${info.mainClass ? `, Main-Class ${info.mainClass}` : ''}`,
      );
      return {
        value: info,
        detail: `${info.name} (${(info.size / 1e6).toFixed(1)} MB)${info.mainClass ? `, entry class ${info.mainClass}` : ', no Main-Class in its manifest'}`,
      };
    });

    const deps2 = await step(op, 'dependencies', async () => {
      const list = spec.dependencies ?? [];
      if (!list.length) return { value: [] as ResolvedDependency[], detail: 'No dependencies', status: 'skipped' as const };
      const maven = mavenCommand('maven' in spec.artifact! ? spec.artifact.maven.project : undefined, settings['build.maven-command']);
      const value = await resolveDependencies(op, 'dependencies', list, { workDir: work, env: deps.env, maven });
      return {
        value,
        detail: `${value.length} jar${value.length === 1 ? '' : 's'} for /opt/flink/lib: ${value.map((d) => d.name).join(', ')}`,
      };
    });

    const inputs: ImageInputs = {
      job: { name: document.metadata.name, clusterId: spec.clusterId },
      jar: { name: jar.name, sha256: jar.sha256 },
      dependencies: deps2.map((d) => ({ name: d.name, sha256: d.sha256 })),
      base: { reference: r.base.reference, host: r.base.host, repository: r.base.repository, digest: r.base.digest },
    };
    const hash = inputHash(inputs);
    const target = targetReference(r.creds.target.address, r.namespace, spec.clusterId, hash);
    const ctx: StageContext = { host: target.host, reference: target.reference, username: r.username, namespace: r.namespace };
    const targetApi = await registryApi(target.host, r.creds, op.signal);
    const labels = imageLabels(inputs, hash);
    const text = dockerfile(inputs, hash);

    type Made = { existing?: string; composed?: Awaited<ReturnType<typeof composeImage>> };
    const made = await step<Made>(op, 'image', async () => {
      op.logTo(
        'image',
        `input hash ${hash}`,
        'Dockerfile:',
        ...text
          .trimEnd()
          .split('\n')
          .map((l) => `  ${l}`),
      );
      const head = await targetApi.headManifest(target.repository, target.tag, [`repository:${target.repository}:pull,push`]);
      if (!isFailure(head))
        return {
          value: { existing: head.digest },
          detail: `${target.reference} is already in the registry (same inputs): nothing to build`,
        };
      if (head.status !== 404) throw registryFailure('push', head, ctx);
      if (r.engine.kind === 'docker') {
        const docker = r.engine.docker!;
        const baseCreds = await credentialsFor(r.base.host, r.creds);
        await pullBase(docker, op, 'image', pinnedBase(inputs), r.base.host, baseCreds, {
          host: r.base.host,
          reference: r.base.reference,
          ...(await baseLogin(r.base.host, r.creds)),
        });
        const contextDir = join(work, 'context');
        writeContext(contextDir, text, jar, deps2);
        await buildImage(docker, op, 'image', contextDir, target.reference, ctx);
        return { value: {}, detail: `Built ${target.reference} on the engine` };
      }
      const composed = await composeImage(op, 'image', r.base, r.baseApi, { jar, dependencies: deps2, labels }, ctx);
      return {
        value: { composed },
        detail: `${composed.layers.length} new layer${composed.layers.length > 1 ? 's' : ''} on ${r.base.reference}`,
      };
    });

    const pushed = await step(op, 'push', async () => {
      if (made.existing)
        return {
          value: { digest: made.existing, uploadedBytes: 0 },
          detail: 'Nothing uploaded: the registry has this image',
          status: 'skipped' as const,
        };
      const value =
        r.engine.kind === 'docker'
          ? await pushImage(r.engine.docker!, op, 'push', target.reference, target.host, r.creds.target.credentials, ctx)
          : await pushComposed(
              op,
              'push',
              r.base,
              r.baseApi,
              made.composed!,
              { api: targetApi, host: target.host, repository: target.repository, tag: target.tag },
              ctx,
            );
      if (!value.digest) {
        const head = await targetApi.headManifest(target.repository, target.tag);
        if (!isFailure(head)) value.digest = head.digest;
      }
      return {
        value,
        detail: `Pushed ${target.reference} (${value.digest.slice(0, 19)}…), ${(value.uploadedBytes / 1e6).toFixed(2)} MB uploaded`,
      };
    });

    const repository = target.reference.slice(0, target.reference.lastIndexOf(':'));
    return {
      image: target.reference,
      digest: pushed.digest,
      pinned: `${repository}@${pushed.digest}`,
      uploadedBytes: pushed.uploadedBytes,
      engine: r.engine.kind,
      reused: Boolean(made.existing),
      inputHash: hash,
      jar: { name: jar.name, size: jar.size, sha256: jar.sha256 },
      ...(jar.mainClass ? { entryClass: jar.mainClass } : {}),
      dependencies: deps2.map((d) => ({ spec: d.spec, name: d.name, sha256: d.sha256 })),
      base: { reference: r.base.reference, digest: r.base.digest },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

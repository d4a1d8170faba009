// Image builds (issue: Build): a job's jar (artifact.jar, or artifact.maven built with the user's Maven) and its
// dependencies in an image FROM spec.image.base, pushed as <registry>/<namespace>/<clusterId>:<input hash>. A long
// operation: its steps stream as `op` events; each build is kept with the job (build.list).
import { z } from 'zod';
import { channel } from '../channel';
import type { OperationSnapshot } from '../operations';

export const buildEngines = ['docker', 'registry'] as const;
export type BuildEngine = (typeof buildEngines)[number];

const name = z.string().min(1, 'Give the job name').max(253);
const engine = z.enum(['auto', ...buildEngines], { error: 'The engine must be auto, docker or registry' }).optional();

const startInput = z.union([
  z.strictObject({
    /** A job document as edited in the form or read from a file; it is saved as the job's newest version. */
    document: z.unknown(),
    /** Directory relative paths resolve against (the spec file's). */
    baseDir: z.string().min(1).optional(),
    source: z.string().min(1).optional(),
    /** Overrides the build.image-engine setting for this build. */
    engine,
  }),
  z.strictObject({ name, version: z.number().int().min(1).optional(), engine }),
]);
export type BuildStartInput = z.input<typeof startInput>;

/** The steps of a build, in order (every build declares them all; the ones that do not apply end `skipped`). */
export const buildSteps = [
  { id: 'resolve', title: 'Resolve the inputs' },
  { id: 'artifact', title: 'Build or check the job jar' },
  { id: 'dependencies', title: 'Resolve the dependencies' },
  { id: 'image', title: 'Make the image' },
  { id: 'push', title: 'Push the image' },
] as const;
export type BuildStepId = (typeof buildSteps)[number]['id'];

/** A finished build's `result`. */
export interface BuildResult {
  /** <address>/<namespace>/<clusterId>:<12 hex of the input hash> */
  image: string;
  digest: string;
  /** The image by digest, as deployments run it: <repository>@sha256:… */
  pinned: string;
  /** Bytes sent to the registry by this build (0 when the tag was already there). */
  uploadedBytes: number;
  engine: BuildEngine;
  /** The tag was already in the registry: nothing was built or uploaded. */
  reused: boolean;
  inputHash: string;
  jar: { name: string; size: number; sha256: string };
  /** The manifest's Main-Class: what to offer as spec.job.entryClass. */
  entryClass?: string;
  dependencies: { spec: string; name: string; sha256: string }[];
  base: { reference: string; digest: string };
  /** The job version that was built. */
  version: number;
}

export interface BuildRecordView {
  opId: string;
  /** Set for a build a deploy ran first (a job on image.base): opId is the deploy's operation, and this is its step
   * that holds the whole build (progress, detail, log: operations.log with this step). */
  deployStep?: string;
  version: number;
  at: number;
  outcome: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  engine?: BuildEngine;
  image?: string;
  digest?: string;
  uploadedBytes?: number;
  reused?: boolean;
  error?: { code: string; message: string; hint?: string };
}

export const buildRequests = {
  /** Starts a build of a job (a document, or a saved job by name): the operation's first snapshot. */
  'build.start': channel<typeof startInput, OperationSnapshot>(startInput),
  /** The job's builds, newest first; the operation of each (steps, logs) through operations.get / operations.log. */
  'build.list': channel<z.ZodObject<{ name: typeof name }>, BuildRecordView[]>(z.strictObject({ name })),
} as const;

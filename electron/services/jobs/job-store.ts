// Saved jobs and their history: every saved spec is a version (kept when it changed, bounded), and every deploy
// records which version went out when, with which image and how it ended — so "what is running" and "what I
// changed since" are both known. A stored spec that no longer passes the schema (edited by hand, written by a newer
// version) is kept and reported, never dropped by the next save.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { checkJobDocument, type JobDocument } from '../../../shared/jobs/spec';
import type { Clock } from '../ports';
import type { Repository } from '../store/json-repository';
import type { JobsDoc } from '../store/stores';

const MAX_VERSIONS = 50;
const MAX_DEPLOYMENTS = 50;

const storedJobSchema = z.object({
  name: z.string().min(1),
  createdAt: z.number(),
  versions: z
    .array(z.object({ version: z.number().int().min(1), at: z.number(), spec: z.unknown(), source: z.string().optional() }))
    .min(1),
  deployments: z
    .array(
      z.object({
        version: z.number().int(),
        at: z.number(),
        image: z.string().optional(),
        opId: z.string().optional(),
        outcome: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
      }),
    )
    .default([]),
  /** Image builds of the job (issue: Build), newest last: kept with the job so a restart shows them. */
  builds: z
    .array(
      z.object({
        opId: z.string(),
        /** Set for a build a deploy ran first: opId is the deploy's operation, and this its step with the build's log. */
        deployStep: z.string().optional(),
        version: z.number().int(),
        at: z.number(),
        outcome: z.enum(['running', 'succeeded', 'failed', 'cancelled', 'interrupted']),
        engine: z.enum(['docker', 'registry']).optional(),
        image: z.string().optional(),
        digest: z.string().optional(),
        uploadedBytes: z.number().optional(),
        reused: z.boolean().optional(),
        error: z.object({ code: z.string(), message: z.string(), hint: z.string().optional() }).optional(),
      }),
    )
    .default([]),
});
export type StoredJob = z.infer<typeof storedJobSchema>;
export type JobDeployment = StoredJob['deployments'][number];
export type JobBuild = StoredJob['builds'][number];

export interface JobVersionView {
  version: number;
  at: number;
  source?: string;
  document: JobDocument;
}

export interface JobView {
  name: string;
  createdAt: number;
  latest: JobVersionView;
  /** The version that went out last, if any (compare with `latest` for "changed since the last deploy"). */
  deployed?: JobDeployment;
  versions: number;
}

export class JobStore {
  readonly warnings: string[] = [];

  constructor(
    private readonly repo: Repository<JobsDoc>,
    private readonly clock: Clock,
  ) {}

  list(): JobView[] {
    return this.valid(this.repo.read().jobs).flatMap((j) => {
      const v = this.view(j);
      return v ? [v] : [];
    });
  }

  get(name: string): JobView {
    const job = this.valid(this.repo.read().jobs).find((j) => j.name === name);
    const view = job && this.view(job);
    if (!view) throw notFound(name);
    return view;
  }

  version(name: string, version: number): JobVersionView {
    const job = this.valid(this.repo.read().jobs).find((j) => j.name === name);
    const v = job?.versions.find((x) => x.version === version);
    const checked = v && checkJobDocument(v.spec);
    if (!job || !v || !checked?.ok)
      throw new AppError({
        code: 'not-found',
        message: `Job ${name} has no version ${version}`,
        hint: 'List its versions with "flink-desk jobs"',
      });
    return { version: v.version, at: v.at, ...(v.source ? { source: v.source } : {}), document: checked.value };
  }

  /** Saves the document as the job's newest version, unless it is the same as the newest. */
  save(document: JobDocument, source?: string): { job: JobView; changed: boolean } {
    const name = document.metadata.name;
    let changed = false;
    this.repo.update((doc) => {
      const now = this.clock.now();
      const jobs = [...doc.jobs];
      const i = jobs.findIndex((j) => storedJobSchema.safeParse(j).data?.name === name);
      const current = i >= 0 ? storedJobSchema.parse(jobs[i]) : undefined;
      const last = current?.versions.at(-1);
      if (current && last && isDeepStrictEqual(last.spec, document)) return doc;
      changed = true;
      const entry = { version: (last?.version ?? 0) + 1, at: now, spec: document, ...(source ? { source } : {}) };
      const next: StoredJob = current
        ? { ...current, versions: [...current.versions, entry].slice(-MAX_VERSIONS) }
        : { name, createdAt: now, versions: [entry], deployments: [], builds: [] };
      if (i >= 0) jobs[i] = next;
      else jobs.push(next);
      return { jobs };
    });
    return { job: this.get(name), changed };
  }

  /** Records a deploy of `version` (when it starts), then how it ended (same opId). */
  recordDeployment(name: string, deployment: JobDeployment): void {
    this.repo.update((doc) => ({
      jobs: doc.jobs.map((j) => {
        const r = storedJobSchema.safeParse(j);
        if (!r.success || r.data.name !== name) return j;
        const rest = r.data.deployments.filter((d) => !(deployment.opId && d.opId === deployment.opId));
        return { ...r.data, deployments: [...rest, deployment].slice(-MAX_DEPLOYMENTS) };
      }),
    }));
  }

  /** Records a build when it starts, then how it ended (same opId). */
  recordBuild(name: string, build: JobBuild): void {
    this.repo.update((doc) => ({
      jobs: doc.jobs.map((j) => {
        const r = storedJobSchema.safeParse(j);
        if (!r.success || r.data.name !== name) return j;
        const rest = r.data.builds.filter((b) => b.opId !== build.opId);
        return { ...r.data, builds: [...rest, build].slice(-MAX_DEPLOYMENTS) };
      }),
    }));
  }

  /** The job's builds, newest first. */
  builds(name: string): JobBuild[] {
    const job = this.valid(this.repo.read().jobs).find((j) => j.name === name);
    if (!job) throw notFound(name);
    return [...job.builds].reverse();
  }

  remove(name: string): void {
    let found = false;
    this.repo.update((doc) => ({
      jobs: doc.jobs.filter((j) => {
        const same = storedJobSchema.safeParse(j).data?.name === name;
        found ||= same;
        return !same;
      }),
    }));
    if (!found) throw notFound(name);
  }

  private view(job: StoredJob): JobView | undefined {
    // The newest version that still passes the schema.
    for (let k = job.versions.length - 1; k >= 0; k--) {
      const v = job.versions[k]!;
      const checked = checkJobDocument(v.spec);
      if (!checked.ok) {
        this.warn(
          `Version ${v.version} of the saved job ${job.name} no longer passes the job schema (${checked.problems[0]?.field}: ${checked.problems[0]?.message}); it is kept but not used.`,
        );
        continue;
      }
      const deployed = job.deployments.at(-1);
      return {
        name: job.name,
        createdAt: job.createdAt,
        latest: { version: v.version, at: v.at, ...(v.source ? { source: v.source } : {}), document: checked.value },
        ...(deployed ? { deployed } : {}),
        versions: job.versions.length,
      };
    }
    return undefined;
  }

  private valid(raw: unknown[]): StoredJob[] {
    return raw.flatMap((j) => {
      const r = storedJobSchema.safeParse(j);
      if (r.success) return [r.data];
      this.warn(`A saved job entry ${JSON.stringify(j).slice(0, 80)} is not valid; it is kept in ${this.repo.path} but not used.`);
      return [];
    });
  }

  private warn(w: string): void {
    if (!this.warnings.includes(w)) this.warnings.push(w);
  }
}

function notFound(name: string): AppError {
  return new AppError({
    code: 'not-found',
    message: `No saved job named ${name}`,
    hint: 'List the saved jobs with "flink-desk jobs", or apply a spec with "flink-desk apply -f job.yaml"',
  });
}

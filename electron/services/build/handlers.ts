// The build channels of the contract (shared/contracts/build.ts): a build of a document (saved first as the job's
// newest version, so the build is kept with the job) or of a saved job, and the job's builds.
import type { buildRequests } from '../../../shared/contracts/build';
import type { ServiceContext } from '../context';
import { loadDocument } from '../deploy/spec-loader';
import { JobStore } from '../jobs/job-store';
import type { Handlers } from '../rpc/dispatcher';
import { checkBuildable, startBuild, type BuildDeps } from './pipeline';

export function buildHandlers(ctx: BuildDeps & Pick<ServiceContext, 'clock' | 'events'>): Pick<Handlers, keyof typeof buildRequests> {
  const jobs = new JobStore(ctx.stores.jobs, ctx.clock);
  return {
    'build.start': async (input) => {
      let document;
      let version: number;
      if ('name' in input) {
        const v = input.version ? jobs.version(input.name, input.version) : jobs.get(input.name).latest;
        document = v.document;
        version = v.version;
      } else {
        document = await loadDocument(input.document, input.baseDir);
        checkBuildable(document);
        const saved = jobs.save(document, input.source);
        version = saved.job.latest.version;
        if (saved.changed) ctx.events.emit('jobs.changed', { name: document.metadata.name });
      }
      const snapshot = startBuild(ctx, jobs, { document, version, ...(input.engine ? { engine: input.engine } : {}) });
      ctx.events.emit('jobs.changed', { name: document.metadata.name });
      return snapshot;
    },
    'build.list': ({ name }) => jobs.builds(name),
  };
}

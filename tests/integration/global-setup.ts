// Bench parts are started lazily by the tests that need them (tests/fixtures/bench.ts `ensure`), marked with this
// run's id; teardown stops exactly those, and leaves alone what a developer started with `npm run fixtures -- up`.
import { randomUUID } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { stop } from '../fixtures/bench.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    benchRunId: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const runId = randomUUID();
  project.provide('benchRunId', runId);
  return async () => {
    const stopped = await stop(undefined, runId);
    if (stopped.length) process.stderr.write(`[bench] stopped ${stopped.join(', ')}\n`);
  };
}

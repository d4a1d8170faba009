// The jobs channels of the contract (shared/contracts/jobs.ts). Rendering needs no cluster and no settings: only the
// spec's files and the log configuration Flink Desk ships (resources/flink, bundled into the build).
import type { jobsRequests, KubeObject } from '../../../shared/contracts/jobs';
import type { Handlers } from '../rpc/dispatcher';
import log4jConsole from '../../../resources/flink/log4j-console.properties?raw';
import { renderJob } from './render';
import { loadDocument, type ReadText } from './spec-loader';

export interface JobsDeps {
  /** How spec-relative files (pod templates) are read; the file system unless a test says otherwise. */
  readText?: ReadText;
}

/** The log configuration shipped in every flink-config ConfigMap, by file name. */
export const shippedLogConfig: Readonly<Record<string, string>> = Object.freeze({ 'log4j-console.properties': log4jConsole });

export function jobsHandlers(deps: JobsDeps = {}): Pick<Handlers, keyof typeof jobsRequests> {
  return {
    'jobs.render': async ({ document, baseDir }) => {
      const doc = await loadDocument(document, baseDir, deps.readText);
      const r = renderJob({ document: doc, logConfig: { ...shippedLogConfig } });
      return { ...r, resources: r.resources as KubeObject[] };
    },
  };
}

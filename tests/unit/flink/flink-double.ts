// A test double of a Flink JobManager's REST endpoint, named as one: a node:http server on 127.0.0.1 that answers
// the routes a test scripts, with the shapes real Flink 1.20 sends (trimmed), and records every request it got
// (method, path, headers, body) so a test can assert what the client sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Route = (req: Recorded, res: ServerResponse) => void;

export interface FlinkDouble {
  url: string;
  requests: Recorded[];
  /** `METHOD /path` (the path without its query) → handler; later calls replace earlier ones. */
  route(key: string, handler: Route): void;
  close(): Promise<void>;
}

export function json(status: number, body: unknown): Route {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
}

export async function startFlinkDouble(): Promise<FlinkDouble> {
  const routes = new Map<string, Route>();
  const requests: Recorded[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const rec: Recorded = { method: req.method ?? 'GET', path, headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(rec);
      const handler = routes.get(`${rec.method} ${path.split('?')[0]}`);
      if (handler) return handler(rec, res);
      // What Flink's router answers for a path it has no handler for.
      json(404, { errors: [`Not found: ${path.split('?')[0]}`] })(rec, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (key, handler) => void routes.set(key, handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const JOB_ID = '6b5f798084d75b598955d2fe17d01322';
export const JAR_ID = 'bbf7b8f0-221a-414b-9053-65c434c2c092_job.jar';

/** GET /config of Flink 1.20.5 (as the bench's cluster answers). */
export const config120 = {
  'refresh-interval': 3000,
  'timezone-name': 'Coordinated Universal Time',
  'timezone-offset': 0,
  'flink-version': '1.20.5',
  'flink-revision': '0980485 @ 2026-06-08T09:21:06+02:00',
  features: { 'web-submit': true, 'web-cancel': true, 'web-rescale': false, 'web-history': false },
};

export const overview = {
  taskmanagers: 1,
  'slots-total': 2,
  'slots-available': 1,
  'jobs-running': 1,
  'jobs-finished': 0,
  'jobs-cancelled': 0,
  'jobs-failed': 0,
  'flink-version': '1.20.5',
  'flink-commit': '0980485',
};

export function jobDetails(state: string, running: number, name = 'fd-unit') {
  return {
    jid: JOB_ID,
    name,
    isStoppable: false,
    state,
    'job-type': 'STREAMING',
    'start-time': 1_800_000_000_000,
    'end-time': -1,
    duration: 1200,
    maxParallelism: -1,
    now: 1_800_000_001_200,
    timestamps: { RUNNING: 1_800_000_000_100 },
    vertices: [
      {
        id: 'cbc357ccb763df2852fee8c4fc7d55f2',
        name: 'Source: datagen -> upper-case -> Sink: print',
        maxParallelism: 128,
        parallelism: 2,
        status: running === 2 ? 'RUNNING' : 'DEPLOYING',
        'start-time': 1_800_000_000_200,
        'end-time': -1,
        duration: 1000,
        tasks: { RUNNING: running, DEPLOYING: 2 - running, FAILED: 0, CANCELED: 0, FINISHED: 0 },
        metrics: {},
      },
    ],
    'status-counts': { RUNNING: running === 2 ? 1 : 0 },
    plan: { jid: JOB_ID, name, type: 'STREAMING', nodes: [] },
  };
}

/** An exceptions answer of 1.20 with one root exception in the history. */
export function exceptionsWith(stacktrace: string) {
  return {
    'root-exception': stacktrace,
    timestamp: 1_800_000_000_900,
    'all-exceptions': [],
    truncated: false,
    exceptionHistory: {
      entries: [
        {
          exceptionName: stacktrace.split(':')[0],
          stacktrace,
          timestamp: 1_800_000_000_900,
          taskName: 'Source: datagen -> upper-case -> Sink: print (1/2)',
          endpoint: '127.0.0.1:40001',
          taskManagerId: 'taskmanager-0',
          failureLabels: {},
          concurrentExceptions: [],
        },
      ],
      truncated: false,
    },
  };
}

/** Real error bodies of Flink 1.20.5 (the stack frames cut to a few), for the error mapping. */
export const wrongEntryClassBody = {
  errors: [
    'Internal server error.',
    "<Exception on server side:\njava.util.concurrent.CompletionException: org.apache.flink.client.program.ProgramInvocationException: The program's entry point class 'dev.flinkdesk.Nope' was not found in the jar file.\n\tat org.apache.flink.runtime.webmonitor.handlers.utils.JarHandlerUtils$JarHandlerContext.toPackagedProgram(JarHandlerUtils.java:188)\n\tat java.base/java.lang.Thread.run(Thread.java:840)\nCaused by: org.apache.flink.client.program.ProgramInvocationException: The program's entry point class 'dev.flinkdesk.Nope' was not found in the jar file.\n\tat org.apache.flink.client.program.PackagedProgram.loadMainClass(PackagedProgram.java:481)\n\t... 50 more\nCaused by: java.lang.ClassNotFoundException: dev.flinkdesk.Nope\n\tat java.base/java.net.URLClassLoader.findClass(URLClassLoader.java:445)\n\t... 54 more\n\nEnd of exception on server side>",
  ],
};

export const badArgumentBody = {
  errors: [
    'org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\nCaused by: java.util.concurrent.CompletionException: org.apache.flink.util.FlinkRuntimeException: Could not execute application.\n\t... 1 more\nCaused by: org.apache.flink.util.FlinkRuntimeException: Could not execute application.\n\t... 1 more\nCaused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: unknown argument --bogus (expected --records N, --rate R, --checkpoint-interval MS, --name NAME)\n\tat org.apache.flink.client.program.PackagedProgram.callMainMethod(PackagedProgram.java:373)\n\t... 4 more\nCaused by: java.lang.IllegalArgumentException: unknown argument --bogus (expected --records N, --rate R, --checkpoint-interval MS, --name NAME)\n\tat dev.flinkdesk.examples.DatagenJob$Options.parse(DatagenJob.java:109)\n\t... 7 more\n',
  ],
};

export const missingSavepointBody = {
  errors: [
    "org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute application.\n\tat org.apache.flink.runtime.webmonitor.handlers.JarRunHandler.lambda$handleRequest$1(JarRunHandler.java:114)\nCaused by: org.apache.flink.client.program.ProgramInvocationException: The main method caused an error: Failed to execute job 'flink-desk-datagen'.\n\t... 4 more\nCaused by: org.apache.flink.runtime.client.JobInitializationException: Could not start the JobMaster.\n\t... 1 more\nCaused by: java.io.FileNotFoundException: Cannot find checkpoint or savepoint file/directory '/nonexistent/sp' on file system 'file'.\n\t... 5 more\n",
  ],
};

export const jobNotFoundBody = {
  errors: [
    `org.apache.flink.runtime.rest.NotFoundException: Job ${JOB_ID} not found\n\tat org.apache.flink.runtime.rest.handler.job.AbstractExecutionGraphHandler.lambda$handleRequest$1(AbstractExecutionGraphHandler.java:99)\nCaused by: org.apache.flink.runtime.messages.FlinkJobNotFoundException: Could not find Flink job (${JOB_ID})\n\t... 5 more\n`,
  ],
};

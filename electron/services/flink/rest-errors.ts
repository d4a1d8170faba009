// What goes wrong between Flink Desk and a Flink REST endpoint, as errors a user can act on: which URL, what
// happened, what to check. Flink answers failures with `{"errors": [...]}`, often one Java stack trace wrapped in
// "<Exception on server side: … End of exception on server side>"; that is boiled down to the exception messages
// (the outermost and the root cause), and known causes get a hint (a wrong entry class, too few slots, a savepoint
// that cannot be read or mapped).
import { AppError, type ErrorCode } from '../../../shared/errors';
import { errorBodySchema } from './rest-schemas';

export interface RestCall {
  method: string;
  /** The full URL called. */
  url: string;
  /** What the call was for, as a user would say it: "upload the jar". */
  what: string;
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
};

/** The error codes of Node's network stack, from the error or any of its causes (undici wraps them). */
function transportCode(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length) {
    const x = queue.shift();
    if (!x || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ABORT_ERR') return code;
    queue.push((x as { cause?: unknown }).cause, ...((x as { errors?: unknown[] }).errors ?? []));
  }
  return undefined;
}

const reachHint =
  'Check the address and port (the JobManager serves REST on rest.port, 8081 by default), that the session cluster is running, ' +
  'and for a cluster on Kubernetes that this port is reachable from here (a NodePort or LoadBalancer address, or a port-forward)';

/** A failure below HTTP: refused, unknown host, reset, TLS, or no answer in time. */
export function mapTransportError(e: unknown, call: RestCall, timedOut: boolean, timeoutMs: number): AppError {
  const where = originOf(call.url);
  if (timedOut)
    return new AppError({
      code: 'timeout',
      message: `No answer from the Flink REST endpoint ${where} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} (${call.what})`,
      hint: 'The JobManager may be overloaded or stuck, or a firewall drops the traffic; check its log, or try again with a longer timeout',
    });
  const code = transportCode(e) ?? '';
  if (code === 'ECONNREFUSED')
    return new AppError({
      code: 'unreachable',
      message: `Nothing answers at ${where}: the connection was refused (${call.what})`,
      hint: reachHint,
    });
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new AppError({
      code: 'unreachable',
      message: `Cannot resolve the host of ${where} (${call.what})`,
      hint: 'Check the host name in the REST URL, your DNS and your VPN',
    });
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'UND_ERR_CLOSED')
    return new AppError({
      code: 'unreachable',
      message: `The connection to ${where} was closed before Flink answered (${call.what})`,
      hint: `Something between here and Flink (a proxy, a port-forward that ended) dropped the connection. ${reachHint}`,
    });
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return new AppError({ code: 'unreachable', message: `No route to ${where} (${call.what})`, hint: reachHint });
  if (/CERT|SSL|TLS|EPROTO/.test(code))
    return new AppError({
      code: 'unreachable',
      message: `The TLS connection to ${where} failed (${code}) (${call.what})`,
      hint: 'Flink serves plain http unless security.ssl.rest.enabled is set: try http://, or check the certificate',
    });
  return new AppError({
    code: 'unreachable',
    message: `Cannot reach the Flink REST endpoint ${where}${code ? ` (${code})` : ''} (${call.what})`,
    hint: reachHint,
  });
}

interface Thrown {
  /** The simple class name of the innermost exception named on the line, e.g. ClassNotFoundException. */
  cls?: string;
  message: string;
}

const qualifiedClass = /^((?:[a-zA-Z_$][\w$]*\.)+([A-Z][\w$]*))(?::\s*|$)/;
const skipped = new Set(['<Exception on server side:', 'End of exception on server side>', 'Internal server error.']);

/** The exceptions of one Java stack trace (or one plain message), outermost first, without their frames. */
function thrownOf(text: string): Thrown[] {
  const out: Thrown[] = [];
  let current: Thrown | undefined;
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || skipped.has(t) || /^at\s/.test(t) || /^\.\.\. \d+ (more|common frames omitted)/.test(t)) continue;
    let rest = t.replace(/^Caused by:\s*/, '');
    const startsNew = rest !== t || qualifiedClass.test(rest) || !current;
    if (!startsNew) {
      // A message that spans lines.
      current!.message = `${current!.message} ${t}`.trim();
      continue;
    }
    let cls: string | undefined;
    // "CompletionException: org.x.FlinkRuntimeException: Could not execute" names the wrapped one too: peel them.
    for (let m = qualifiedClass.exec(rest); m && (cls === undefined || /:\s*$/.test(m[0])); m = qualifiedClass.exec(rest)) {
      cls = m[2];
      rest = rest.slice(m[0].length);
    }
    current = { ...(cls ? { cls } : {}), message: rest.trim() };
    out.push(current);
  }
  return out;
}

const sentence = (s: string) => s.replace(/[.\s]+$/, '');

/**
 * Flink's `{errors: [...]}` (or a failed job's stack trace) as one readable sentence: what failed (the outermost
 * exception's message) and why (the root cause, or the message that wraps it with more context).
 */
export function summarizeFlinkErrors(errors: string[]): string {
  const all: Thrown[] = [];
  for (const e of errors) for (const x of thrownOf(e)) if (!all.some((y) => y.message === x.message)) all.push(x);
  if (all.length === 0) return 'Flink gave no reason';
  // A short root cause reads better with its class ("ClassNotFoundException: com.example.Main").
  const label = (x: Thrown) =>
    !x.message ? (x.cls ?? '?') : x.cls && (x.message.length < 40 || !/\s/.test(x.message)) ? `${x.cls}: ${x.message}` : x.message;
  const top = all[0]!;
  const topText = top.message || top.cls || '?';
  if (all.length === 1) return sentence(topText);
  const root = all[all.length - 1]!;
  if (root.message && top.message.includes(root.message)) return sentence(topText);
  // "The main method caused an error: <root>" says more than the root alone.
  const wrapper = all.slice(1, -1).find((x) => root.message && x.message.includes(root.message) && x.message !== root.message);
  return `${sentence(topText)}: ${sentence(wrapper ? wrapper.message : label(root))}`;
}

const knownCauses: { test: RegExp; hint: string; code?: ErrorCode }[] = [
  {
    test: /entry point class .* (?:was not found|could not be found)|Could not load the provided entry ?point class/i,
    hint: 'Check the entry class (--entry-class, job.entryClass): the fully qualified name of the class with main() in this jar, or leave it out to use the Main-Class of the jar manifest',
    code: 'invalid-input',
  },
  {
    test: /ClassNotFoundException|NoClassDefFoundError/,
    hint: "A class the job needs is neither in its jar nor on the cluster: bundle the dependency into the jar (the shade plugin, as Flink's quickstart does) or add it to the cluster's lib/ (the job spec's dependencies)",
    code: 'invalid-input',
  },
  {
    test: /Neither a 'Main-Class', nor a 'program-class' entry was found/i,
    hint: "The jar's manifest names no main class: give the entry class (--entry-class, job.entryClass)",
    code: 'invalid-input',
  },
  {
    test: /NoResourceAvailableException|Could not acquire the minimum required resources|Slot request bulk is not fulfillable/i,
    hint: 'The cluster has too few free task slots for this parallelism: lower the parallelism, cancel a job to free slots, or add TaskManagers',
    code: 'not-available',
  },
  {
    test: /Cannot map checkpoint\/savepoint state|Failed to rollback to checkpoint\/savepoint/i,
    hint: 'The savepoint has state for an operator this job no longer has: allow non-restored state (--allow-non-restored-state) to skip it, if that is intended',
    code: 'invalid-input',
  },
  {
    test: /savepoint|_metadata|checkpoint pointer/i,
    hint: 'Check the savepoint path: the JobManager must be able to read it (a shared file system such as s3://, hdfs://, or a path its pod mounts) and it must name a savepoint directory or its _metadata file',
  },
  {
    test: /Only Jar files are allowed/i,
    hint: 'Flink accepts only files whose name ends in .jar',
    code: 'invalid-input',
  },
  {
    test: /Jar file .* does not exist|Could not find jar/i,
    hint: 'The jar is no longer on the JobManager (the cluster restarted, or it was deleted): upload it again',
    code: 'not-found',
  },
  {
    test: /The main method caused an error|ProgramAbortException|ProgramInvocationException/i,
    hint: "The job's main() failed while building the job graph: read the cause, which comes from the job's code or its arguments",
    code: 'invalid-input',
  },
];

/** A hint for a failure Flink reported (a run request's answer, a failed job's root exception). */
export function hintForFlinkFailure(text: string): { hint: string; code?: ErrorCode } | undefined {
  return knownCauses.find((c) => c.test.test(text));
}

const statusCode = (status: number): ErrorCode => {
  if (status === 400) return 'invalid-input';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 502 || status === 503 || status === 504) return 'unreachable';
  return 'internal';
};

/** An HTTP answer that is not a success. `body` is the raw text, which may not be Flink's at all (a proxy's page). */
export function mapHttpError(status: number, body: string, call: RestCall): AppError {
  const where = originOf(call.url);
  let errors: string[] | undefined;
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) errors = parsed.data.errors;
  } catch {
    errors = undefined;
  }
  if (!errors) {
    return new AppError({
      code: statusCode(status),
      message: `${where} answered HTTP ${status} to "${call.what}", and not as Flink's REST API does`,
      hint:
        status === 401 || status === 407
          ? 'A proxy in front of Flink asks for credentials; Flink Desk reaches Flink REST endpoints without them'
          : `Check that ${where} is a Flink JobManager's REST endpoint (and not a proxy or another service). ${reachHint}`,
    });
  }
  const all = errors.join('\n');
  if (status === 404 && /^(Not found: |Unable to load requested file )/m.test(all)) {
    const path = new URL(call.url).pathname;
    return new AppError({
      code: 'not-found',
      message: `${where} has no ${path} (${call.what})`,
      hint: path.includes('/jars')
        ? 'This Flink cluster does not accept jar submissions: its JobManager needs flink-runtime-web on the classpath and web.submit.enable: true (the default). An application cluster never accepts them'
        : 'This is a Flink REST endpoint, but not of a version Flink Desk knows; check the Flink version',
    });
  }
  const summary = summarizeFlinkErrors(errors);
  const known = hintForFlinkFailure(all);
  if (!known?.code && (status === 404 || /(?<![A-Za-z])NotFoundException|FlinkJobNotFoundException|Could not find Flink job/.test(all))) {
    return new AppError({
      code: 'not-found',
      message: `Flink at ${where} could not ${call.what}: ${summary}`,
      hint: known?.hint ?? 'The job or jar is not known to this cluster (any more): list the jobs to see what it has',
    });
  }
  return new AppError({
    code: known?.code ?? statusCode(status),
    message: `Flink at ${where} could not ${call.what}: ${summary}`,
    hint: known?.hint ?? `Flink answered HTTP ${status}; the JobManager's log has the whole story`,
  });
}

/** An answer that is JSON of the wrong shape, or not JSON at all. */
export function mapBadAnswer(call: RestCall, problem: string): AppError {
  const where = originOf(call.url);
  return new AppError({
    code: 'internal',
    message: `The answer of ${where} to "${call.what}" is not what Flink sends: ${problem}`,
    hint: 'Check that the URL is a Flink JobManager REST endpoint of Flink 1.17 to 2.x (and not a proxy page or another service)',
  });
}

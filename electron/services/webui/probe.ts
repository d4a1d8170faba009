// Before a Web UI is shown: does the cluster answer through its local proxy? One GET of Flink's /config (what the
// dashboard itself asks first), bounded in time. When it does not answer, the error says why in the access layer's
// words (the local proxy answers, shaped like Flink's errors, with the reason no way works) or the socket's.
import { AppError } from '../../../shared/errors';

const PROBE_TIMEOUT_MS = 15_000;

function reasonOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    if (Array.isArray(parsed.errors) && parsed.errors.length) return parsed.errors.map(String).join('; ');
  } catch {
    /* not Flink's error shape */
  }
  return undefined;
}

export async function probeWebUi(
  proxyUrl: string,
  name: string,
  accessProblem: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const unreachable = (why: string) =>
    new AppError({
      code: 'unreachable',
      message: `The Flink Web UI of ${name} cannot be reached: ${why}`,
      hint: 'The Jobs page shows how the cluster is reached and why not; the JobManager may still be starting, then Retry',
    });
  let res: Response;
  try {
    res = await fetchImpl(`${proxyUrl}/config`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw unreachable(
      timedOut ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s` : (accessProblem ?? (e instanceof Error ? e.message : String(e))),
    );
  }
  const body = await res.text().catch(() => '');
  if (res.ok) return;
  throw unreachable(reasonOf(body) ?? accessProblem ?? `its REST endpoint answered ${res.status}`);
}

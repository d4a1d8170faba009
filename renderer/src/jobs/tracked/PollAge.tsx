// How long ago something the server timed happened, ticking every second: "now", "4 sec. ago", "2 min. ago".
// `staleMs`: past it the age is marked (the cluster has not answered for several rounds).
import { formatDateTime } from '../../format/time';
import { formatAge } from './relative-age';
import { useTicker } from './use-ticker';

export function PollAge({
  at,
  offsetMs,
  staleMs,
  never = 'never',
}: {
  at: number | undefined;
  offsetMs: number;
  staleMs?: number;
  never?: string;
}) {
  const now = useTicker();
  if (at === undefined) return <span className="muted">{never}</span>;
  const age = now + offsetMs - at;
  return (
    <time
      dateTime={new Date(at).toISOString()}
      title={formatDateTime(at)}
      className={staleMs !== undefined && age > staleMs ? 'age-stale' : undefined}
    >
      {formatAge(age)}
    </time>
  );
}

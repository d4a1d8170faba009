// The job's last builds (build.list, newest first), each one a button that shows it; read again when a build of the
// job starts or ends, and after a reconnect.
import type { BuildRecordView } from '../../../../shared/contracts/build';
import { Badge } from '../../components/Badge';
import { formatBytes } from '../../format/bytes';
import { formatDateTime, timeAgo } from '../../format/time';

const tone = { running: 'neutral', succeeded: 'ok', failed: 'danger', cancelled: 'warn', interrupted: 'warn' } as const;
const text = { running: 'building', succeeded: 'built', failed: 'failed', cancelled: 'cancelled', interrupted: 'interrupted' } as const;

/** The tag of an image reference: what tells two builds apart at a glance. */
const tagOf = (image: string) => image.slice(image.lastIndexOf(':') + 1);

export const SHOWN_BUILDS = 10;

export function BuildHistory({
  builds,
  selected,
  onSelect,
  now,
}: {
  builds: BuildRecordView[];
  selected: string | undefined;
  onSelect: (opId: string) => void;
  now: number;
}) {
  return (
    <nav className="build-history" aria-label="Last builds">
      <h3>Last builds</h3>
      <ol>
        {builds.slice(0, SHOWN_BUILDS).map((b) => (
          <li key={b.opId}>
            <button
              type="button"
              className="build-history-item"
              aria-current={b.opId === selected ? 'true' : undefined}
              data-outcome={b.outcome}
              onClick={() => onSelect(b.opId)}
            >
              <span className="build-history-line">
                <Badge tone={tone[b.outcome]}>{text[b.outcome]}</Badge>
                <span className="build-history-when" title={formatDateTime(b.at)}>
                  {timeAgo(b.at, now)}
                </span>
              </span>
              <span className="build-history-line muted">
                <span>
                  version {b.version}
                  {b.deployStep && ' · by a deploy'}
                </span>
                {b.image && <code className="build-history-tag">:{tagOf(b.image)}</code>}
              </span>
              {b.outcome === 'succeeded' && b.uploadedBytes !== undefined && (
                <span className="build-history-line muted">
                  {b.reused ? 'reused, nothing uploaded' : `${formatBytes(b.uploadedBytes)} uploaded`}
                </span>
              )}
              {b.error && b.outcome !== 'succeeded' && (
                // The hint is what to do, and short; the message often starts with a long path.
                <span className="build-history-error" title={b.error.message}>
                  {b.error.hint ?? b.error.message}
                </span>
              )}
            </button>
          </li>
        ))}
      </ol>
      {builds.length > SHOWN_BUILDS && <p className="muted build-history-more">and {builds.length - SHOWN_BUILDS} older</p>}
    </nav>
  );
}

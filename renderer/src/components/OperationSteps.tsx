// The steps of a long operation (verification, build, deploy…): a status icon, the title, what happened, a hint when
// something needs the user, and how long it took. Live while it runs; the same view for a stored result. Optionally
// (the build view) each step can be chosen to show its log, says when it started and how long it has run so far,
// and a running step without a known fraction shows a moving bar.
import type { StepStatus } from '../../../shared/operations';
import { formatTime } from '../format/time';

export interface StepView {
  id: string;
  title: string;
  status: StepStatus;
  detail?: string;
  hint?: string;
  /** 0..1 when known. */
  progress?: number;
  startedAt?: number;
  endedAt?: number;
  durationMs?: number;
  /** Lines of log the step has written. */
  logLines?: number;
}

const statusLabel: Record<StepStatus, string> = {
  pending: 'waiting',
  running: 'running',
  succeeded: 'passed',
  failed: 'failed',
  skipped: 'skipped',
};

function StepIcon({ status }: { status: StepStatus }) {
  const common = { viewBox: '0 0 20 20', width: 20, height: 20, 'aria-hidden': true, className: 'op-step-icon-svg' } as const;
  switch (status) {
    case 'running':
      return <span className="spinner op-step-spinner" aria-hidden />;
    case 'succeeded':
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path
            d="m6 10.4 2.6 2.6L14 7.6"
            fill="none"
            stroke="var(--bg-elev)"
            strokeWidth="2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      );
    case 'failed':
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="9" fill="currentColor" />
          <path d="m7 7 6 6M13 7l-6 6" stroke="var(--bg-elev)" strokeWidth="2" strokeLinecap="round" />
        </svg>
      );
    case 'skipped':
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8.2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="3 2.4" />
          <path d="M6.5 10h7" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      );
    default:
      return (
        <svg {...common}>
          <circle cx="10" cy="10" r="8.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
      );
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function duration(s: StepView): string | undefined {
  if (s.durationMs !== undefined) return formatDuration(s.durationMs);
  if (s.startedAt && s.endedAt) return formatDuration(s.endedAt - s.startedAt);
  return undefined;
}

const linesOf = (n: number) => `${n} line${n === 1 ? '' : 's'}`;

export function OperationSteps({
  steps,
  label,
  selected,
  onSelect,
  now,
}: {
  steps: StepView[];
  label: string;
  /** The step whose log is shown (with `onSelect`). */
  selected?: string;
  /** Makes each step a button that shows its log. */
  onSelect?: (id: string) => void;
  /** Given: start times, the running step's time so far (from `now`), and a moving bar while its fraction is unknown. */
  now?: number;
}) {
  return (
    <ol className={`op-steps${onSelect ? ' op-steps-selectable' : ''}`} aria-label={label}>
      {steps.map((s, i) => {
        const took =
          s.status === 'succeeded' || s.status === 'failed'
            ? duration(s)
            : s.status === 'running' && now !== undefined && s.startedAt
              ? formatDuration(Math.max(0, now - s.startedAt))
              : undefined;
        const title = (
          <>
            <span className="op-step-number">{i + 1}.</span> {s.title}
          </>
        );
        return (
          <li
            key={s.id}
            className={`op-step op-step-${s.status}${selected === s.id ? ' op-step-selected' : ''}`}
            data-step={s.id}
            data-status={s.status}
          >
            <span className="op-step-icon">
              <StepIcon status={s.status} />
            </span>
            <div className="op-step-body">
              <div className="op-step-head">
                {onSelect ? (
                  <button
                    type="button"
                    className="op-step-title op-step-select"
                    aria-pressed={selected === s.id}
                    aria-label={`${i + 1}. ${s.title}: show its log`}
                    onClick={() => onSelect(s.id)}
                  >
                    {title}
                  </button>
                ) : (
                  <span className="op-step-title">{title}</span>
                )}
                <span className="op-step-status">{statusLabel[s.status]}</span>
                {now !== undefined && s.startedAt !== undefined && (
                  <span className="op-step-time">
                    <time dateTime={new Date(s.startedAt).toISOString()}>{formatTime(s.startedAt)}</time>
                  </span>
                )}
                {now !== undefined && s.logLines ? <span className="op-step-lines">{linesOf(s.logLines)}</span> : null}
                {took && <span className="op-step-duration">{took}</span>}
              </div>
              {s.detail && <div className="op-step-detail">{s.detail}</div>}
              {s.status === 'running' && (s.progress !== undefined || now !== undefined) && (
                <progress
                  className="op-step-progress"
                  max={1}
                  {...(s.progress !== undefined ? { value: s.progress } : {})}
                  aria-label={`${s.title} progress`}
                  aria-valuetext={s.progress !== undefined ? `${Math.round(s.progress * 100)} %` : 'under way'}
                />
              )}
              {s.hint && (
                <div className="op-step-hint">
                  <strong>What to do:</strong> {s.hint}
                </div>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

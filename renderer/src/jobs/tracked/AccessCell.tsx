// How a cluster's REST endpoint is reached — the way in use, or why there is none — with the way the user pinned,
// when it is not automatic.
import type { TrackedClusterView } from '../../../../shared/contracts/tracking';

export const accessModeOf = (a: TrackedClusterView['access']) => a?.mode;

export function AccessCell({ access: a }: { access: TrackedClusterView['access'] }) {
  if (!a) return <span className="muted">not resolved yet</span>;
  const mode = accessModeOf(a);
  const via = a.via && a.via !== 'none' ? a.via : undefined;
  return (
    <>
      {via ? (
        <span className="tracked-ellipsis" title={via}>
          {via}
        </span>
      ) : (
        <span className="muted">no way in</span>
      )}
      {a.problem ? (
        <span className="cell-sub tracked-ellipsis access-problem" title={a.problem}>
          {a.problem}
        </span>
      ) : (
        mode && mode !== 'auto' && <span className="cell-sub">pinned: {mode}</span>
      )}
    </>
  );
}

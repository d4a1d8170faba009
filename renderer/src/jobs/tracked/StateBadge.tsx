// A tracked state: solid when Flink reported it, outlined (dashed) when Flink Desk inferred it; the words say which
// to a screen reader, and the tooltip gives the evidence.
import type { StateView } from '../../../../shared/contracts/tracking';
import { evidenceLines, toneOf } from './state-look';
import { useTip } from './Tip';

export function StateBadge({ state, withTip = true }: { state: StateView; withTip?: boolean }) {
  const tip = useTip(() => evidenceLines(state));
  const reported = state.source === 'flink';
  return (
    <span
      className={`state-badge tone-${toneOf(state.state)} ${reported ? 'is-reported' : 'is-inferred'}`}
      data-source={state.source}
      {...(withTip ? { tabIndex: 0, ...tip } : {})}
    >
      {state.state}
      <span className="sr-only">{reported ? ', reported by Flink' : ', inferred by Flink Desk'}</span>
    </span>
  );
}

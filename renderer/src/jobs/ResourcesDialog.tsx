// "Show YAML": what the spec would create, from jobs.render — every Kubernetes object in the order Flink's client
// creates them (or, for a session job, what is submitted), one at a time or all as one multi-document YAML, and the
// effective Flink configuration. Read-only, with Copy.
import { useMemo, useRef, useState } from 'react';
import { stringify } from 'yaml';
import type { JobRenderResult } from '../../../shared/contracts/jobs';
import { CopyButton } from '../components/CopyButton';
import { WideDialog } from './WideDialog';
import { YamlEditor } from './YamlEditor';

interface View {
  id: string;
  label: string;
  sub?: string;
  yaml: string;
}

export function resourceViews(r: JobRenderResult): View[] {
  const each = r.resources.map((o, i) => ({
    id: `r${i}`,
    label: o.metadata.name,
    sub: o.kind,
    yaml: stringify(o, { lineWidth: 0 }),
  }));
  const views: View[] = [];
  if (each.length > 1)
    views.push({ id: 'all', label: 'All objects', sub: `${each.length} documents`, yaml: each.map((v) => v.yaml).join('---\n') });
  views.push(...each);
  if (r.submission) views.push({ id: 'submission', label: 'Submission', sub: 'REST API', yaml: stringify(r.submission, { lineWidth: 0 }) });
  if (Object.keys(r.flinkConfiguration).length)
    views.push({ id: 'conf', label: 'Flink configuration', sub: 'effective', yaml: stringify(r.flinkConfiguration, { lineWidth: 0 }) });
  return views;
}

export function ResourcesDialog({ result, stale, onClose }: { result: JobRenderResult; stale: boolean; onClose: () => void }) {
  const views = useMemo(() => resourceViews(result), [result]);
  const [selected, setSelected] = useState(views[0]?.id);
  const view = views.find((v) => v.id === selected) ?? views[0];
  const box = useRef<HTMLDivElement>(null);
  const title = result.kind === 'session-job' ? 'What would be submitted' : `Resources that would be created (${result.resources.length})`;
  return (
    <WideDialog
      title={title}
      subtitle={
        stale
          ? 'The spec has problems: this is its last valid state.'
          : result.kind === 'session-job'
            ? 'A job for a session cluster creates no Kubernetes objects: its jar is uploaded and run through the REST API.'
            : 'Exactly what Flink’s native-Kubernetes client would create; nothing is sent to the cluster until you deploy.'
      }
      onClose={onClose}
      actions={view && <CopyButton text={view.yaml} label={`the YAML of ${view.label}`} selectOnFailure={box} />}
    >
      <div className="yaml-browser">
        <nav className="yaml-list" aria-label="Objects">
          {views.map((v) => (
            <button
              key={v.id}
              type="button"
              className="yaml-item"
              aria-current={v.id === view?.id || undefined}
              onClick={() => setSelected(v.id)}
            >
              <span className="yaml-item-kind">{v.sub}</span>
              <span className="yaml-item-name">{v.label}</span>
            </button>
          ))}
        </nav>
        <div ref={box} className="yaml-frame yaml-view">
          {view && (
            <YamlEditor
              key={view.id}
              id="resources-yaml"
              value={view.yaml}
              readOnly
              label={`${view.sub ?? ''} ${view.label}, read-only YAML`}
            />
          )}
        </div>
      </div>
    </WideDialog>
  );
}

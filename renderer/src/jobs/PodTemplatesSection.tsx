// Pod templates: the common one and the JobManager's and TaskManager's own, each in a YAML editor that marks what
// Flink would refuse (shared/jobs/pod-template.ts, the same check the server runs) at its line; and the result,
// from jobs.render: the JobManager pod as the Deployment will have it (the template merged with Flink's own pod),
// and the TaskManager template as shipped in the pod-template ConfigMap (Flink merges it into each TaskManager pod
// when it starts one).
import { useMemo, useState } from 'react';
import { stringify } from 'yaml';
import type { JobRenderResult } from '../../../shared/contracts/jobs';
import { podTemplateProblems } from '../../../shared/jobs/pod-template';
import { Button } from '../components/Button';
import { FieldError } from '../components/Field';
import { FormSection, fid, type FormCtl } from './form-controls';
import { podTemplateStarter } from './job-form';
import { YamlEditor, type LineProblem } from './YamlEditor';

const check = (text: string): LineProblem[] =>
  podTemplateProblems(text).map((p) => ({ ...(p.line ? { line: p.line } : {}), message: p.path ? `${p.path}: ${p.message}` : p.message }));

type Slot = 'podTemplate' | 'jmPodTemplate' | 'tmPodTemplate';
const slots: { slot: Slot; path: string; tab: string; help: string }[] = [
  {
    slot: 'podTemplate',
    path: 'spec.podTemplate',
    tab: 'Common',
    help: 'Used for the JobManager and the TaskManagers, unless they have their own.',
  },
  {
    slot: 'jmPodTemplate',
    path: 'spec.jobManager.podTemplate',
    tab: 'JobManager',
    help: 'Replaces the common template for the JobManager pod.',
  },
  {
    slot: 'tmPodTemplate',
    path: 'spec.taskManager.podTemplate',
    tab: 'TaskManager',
    help: 'Replaces the common template for the TaskManager pods.',
  },
];

type Obj = Record<string, unknown>;

export function mergedTemplates(result: JobRenderResult | undefined): { jobManager?: string; taskManager?: string } {
  if (!result) return {};
  const dep = result.resources.find((r) => r.kind === 'Deployment') as Obj | undefined;
  const podTemplate = (dep?.spec as Obj | undefined)?.template;
  const cm = result.resources.find((r) => r.kind === 'ConfigMap' && r.metadata.name.startsWith('pod-template-')) as Obj | undefined;
  const tm = Object.values((cm?.data as Record<string, string> | undefined) ?? {})[0];
  return {
    ...(podTemplate ? { jobManager: stringify(podTemplate, { lineWidth: 0 }) } : {}),
    ...(tm ? { taskManager: tm } : {}),
  };
}

export function PodTemplatesSection({
  ctl,
  problems,
  result,
  current,
}: {
  ctl: FormCtl;
  problems: (prefixes: string[]) => number;
  result: JobRenderResult | undefined;
  current: boolean;
}) {
  const [tab, setTab] = useState<Slot>('podTemplate');
  const [preview, setPreview] = useState<'jobManager' | 'taskManager'>('jobManager');
  const f = ctl.form;
  const active = slots.find((s) => s.slot === tab)!;
  const text = f[tab];
  const local = useMemo(() => (text.trim() ? check(text) : []), [text]);
  const merged = mergedTemplates(result);
  // The same check runs here and on the server: the server's words are shown only for what the local check cannot
  // see (a template file that cannot be read), so a problem is never listed twice.
  const serverError = local.length ? undefined : ctl.errors.under(active.path).map(([, m]) => m)[0];
  const id = fid(active.path);
  return (
    <FormSection
      id="section-templates"
      title="Pod templates"
      description={
        <>
          Kubernetes Pods Flink starts from: its container <code>flink-main-container</code> is merged into Flink’s own; other containers
          (sidecars, init containers) and volumes are kept.
        </>
      }
      problems={problems(['spec.podTemplate', 'spec.jobManager.podTemplate', 'spec.taskManager.podTemplate'])}
    >
      <div className="tabs" role="tablist" aria-label="Pod template">
        {slots.map((s) => (
          <button
            key={s.slot}
            type="button"
            role="tab"
            id={`tpl-tab-${s.slot}`}
            aria-selected={tab === s.slot}
            aria-controls="tpl-panel"
            className="tab"
            onClick={() => setTab(s.slot)}
          >
            {s.tab}
            {f[s.slot].trim() ? <span className={`tab-dot${check(f[s.slot]).length ? ' tab-dot-bad' : ''}`} aria-hidden /> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="tpl-panel" aria-labelledby={`tpl-tab-${tab}`} className="tpl-panel">
        <div className="tpl-toolbar">
          <span className="field-help">{active.help}</span>
          <span className="page-actions">
            {!text.trim() && (
              <Button className="btn-sm" onClick={() => ctl.set({ [tab]: podTemplateStarter })}>
                Start from an example
              </Button>
            )}
            {text.trim() && (
              <Button variant="ghost" className="btn-sm" onClick={() => ctl.set({ [tab]: '' })}>
                Clear
              </Button>
            )}
          </span>
        </div>
        <div className={`yaml-frame${local.length ? ' yaml-frame-invalid' : ''}`}>
          <YamlEditor
            key={tab}
            id={id}
            label={`${active.tab} pod template (YAML)`}
            value={text}
            onChange={(v) => ctl.set({ [tab]: v })}
            onBlur={() => ctl.errors.reveal(active.path)}
            check={check}
            placeholder="No template: Flink’s own pod. Paste a Pod here, or start from the example."
            invalid={Boolean(serverError)}
            describedBy={`${id}-problems`}
            minLines={12}
          />
        </div>
        <FieldError id={id} error={serverError} />
        <ul className="tpl-problems" id={`${id}-problems`} aria-label={`Problems in the ${active.tab} pod template`}>
          {local.map((p, i) => (
            <li key={i}>
              <span className="tpl-line">line {p.line ?? 1}</span> {p.message}
            </li>
          ))}
        </ul>
      </div>

      <div className="tpl-preview">
        <div className="tpl-preview-head">
          <h3>Result</h3>
          <div className="segmented" role="group" aria-label="Result of">
            <button type="button" aria-pressed={preview === 'jobManager'} onClick={() => setPreview('jobManager')}>
              JobManager pod
            </button>
            <button type="button" aria-pressed={preview === 'taskManager'} onClick={() => setPreview('taskManager')}>
              TaskManager template
            </button>
          </div>
          {!current && result && <span className="stale-note">Showing the last valid spec; fix the problems to update.</span>}
        </div>
        <p className="field-help">
          {preview === 'jobManager'
            ? 'The JobManager Deployment’s pod, as Flink’s client renders it: your template merged with Flink’s containers, volumes and settings.'
            : 'What goes into the pod-template ConfigMap; Flink’s ResourceManager merges it into every TaskManager pod it starts.'}
        </p>
        {merged[preview] ? (
          <div className="yaml-frame">
            <YamlEditor
              id={`tpl-result-${preview}`}
              value={merged[preview] ?? ''}
              readOnly
              label={`${preview === 'jobManager' ? 'JobManager pod' : 'TaskManager template'}, read-only`}
              minLines={6}
            />
          </div>
        ) : (
          <div className="rows-empty muted">
            {result
              ? preview === 'taskManager'
                ? 'No TaskManager template: TaskManagers get Flink’s own pod.'
                : 'No JobManager pod to show.'
              : 'The result shows once the spec is valid.'}
          </div>
        )}
      </div>
    </FormSection>
  );
}

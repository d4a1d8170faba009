// New job / Edit job: the spec as a form, checked by the server as the user types (jobs.render, debounced) and on
// every action; problems inline at their fields, counted per section, and listed with links on a failed submit.
// "Show YAML" shows what would be created; "Deploy" saves a version and applies it, with the steps live. A job built
// FROM a base image has its image builds on the page too ("Build image", the build live, the last builds). Every
// keystroke is in the draft (localStorage), so neither leaving the page, a reload nor a failed deploy loses it.
import { useEffect, useMemo, useState } from 'react';
import type { KubeContextInfo, KubeTarget } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { PageHeader } from '../components/PageHeader';
import { useToast } from '../components/Toasts';
import { DeployProgress } from './DeployProgress';
import { isSessionJob, startDeploy } from './deploy-actions';
import { setActiveDeploy, useActiveDeploy } from './deploy-state';
import { draftChanged, newDraft, type JobDraft } from './draft';
import { ChoiceCards, fid, type FormCtl } from './form-controls';
import { FlinkConfigSection } from './FlinkConfigSection';
import { ImageSection } from './ImageSection';
import { JobSection } from './JobSection';
import { KubernetesSection } from './KubernetesSection';
import { ResourcesSection } from './ResourcesSection';
import { sectionPaths } from './section-props';
import { formToDocument, type JobForm, type JobKind } from './job-form';
import { PodTemplatesSection } from './PodTemplatesSection';
import { ResourcesDialog } from './ResourcesDialog';
import { isBuildable, startJobBuild } from './build/build-actions';
import { JobBuilds } from './build/JobBuilds';
import { useJobCheck } from './use-job-check';
import { useRevealedErrors } from './use-revealed-errors';

const kinds: { value: JobKind; title: string; description: string }[] = [
  { value: 'application', title: 'Application cluster', description: 'A cluster of its own for one job; the jar is in the image.' },
  { value: 'session-cluster', title: 'Session cluster', description: 'A long-running cluster that jobs are submitted to.' },
  {
    value: 'session-job',
    title: 'Job for a session cluster',
    description: 'A jar submitted to a running session cluster by its REST URL.',
  },
];

const sectionTitles: [string, string][] = [
  ['job', 'Job'],
  ['image', 'Image'],
  ['resources', 'Resources'],
  ['kubernetes', 'Kubernetes'],
  ['flink', 'Flink configuration'],
  ['templates', 'Pod templates'],
];

/** Where a problem's control is: its own element, else the closest enclosing path that has one. */
function focusField(path: string): void {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fid(parts.slice(0, n).join('.')));
    if (el) {
      const target = el.matches('input, select, textarea, [tabindex]')
        ? el
        : (el.querySelector<HTMLElement>('input, select, textarea, [contenteditable]') ?? el);
      target.scrollIntoView({ block: 'center' });
      target.focus();
      return;
    }
  }
}

const inSection = (section: string, path: string) =>
  (sectionPaths[section] ?? []).some((p) => path === p || path.startsWith(`${p}.`)) &&
  // The pod template paths sit under spec.jobManager/taskManager too: they belong to the templates section only.
  (section === 'templates' || !/podTemplate/.test(path));

export function JobFormView({
  draft,
  setDraft,
  onBack,
}: {
  draft: JobDraft;
  setDraft: (d: JobDraft | undefined) => void;
  onBack: () => void;
}) {
  const toast = useToast();
  const form = draft.form;
  const doc = useMemo(() => formToDocument(form), [form]);
  const check = useJobCheck(doc);
  const errors = useRevealedErrors(check.fields);
  // The problems as they were at the last failed submit; each leaves the list once it is fixed, none is added.
  const [summary, setSummary] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<'save' | 'deploy' | 'yaml' | 'build'>();
  const [showYaml, setShowYaml] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const [contexts, setContexts] = useState<KubeContextInfo[]>();
  const [targets, setTargets] = useState<KubeTarget[]>();
  const [registry, setRegistry] = useState<{ address: string; namespace: string }>();
  const active = useActiveDeploy();
  const mine = active && active.what === (form.name.trim() || '(unnamed)') ? active : undefined;

  useEffect(() => {
    api.invoke('kube.contexts').then(
      (k) => setContexts(k.contexts),
      () => setContexts([]),
    );
    api.invoke('kube.targets.list').then(setTargets, () => setTargets([]));
    api.invoke('registry.get').then(
      (r) => setRegistry({ address: r.address, namespace: r.namespace }),
      () => undefined,
    );
  }, []);

  const set = (patch: Partial<JobForm>) => setDraft({ ...draft, form: { ...form, ...patch } });
  const ctl: FormCtl = { form, set, errors };
  const problems = (prefixes: string[]) =>
    Object.keys(errors.shown).filter((p) => prefixes.some((x) => p === x || p.startsWith(`${x}.`))).length;
  const sectionProblems = (section: string) => Object.keys(errors.shown).filter((p) => inSection(section, p)).length;

  /** The server's verdict on the current text; on problems, every one is shown and the first gets the focus. */
  const validate = async (): Promise<boolean> => {
    const outcome = await check.checkNow();
    setSummary(outcome.ok ? {} : outcome.fields);
    if (outcome.ok) return true;
    errors.revealAll();
    if (outcome.failure) toast(failureMessage('Not checked', outcome.failure), 'error');
    const first = Object.keys(outcome.fields)[0];
    if (first) requestAnimationFrame(() => focusField(first));
    return false;
  };

  const save = async () => {
    setBusy('save');
    try {
      if (!(await validate())) return;
      const { job, changed } = await api.invoke('jobs.save', { document: doc });
      setDraft({ ...newDraft(form, { name: job.name, version: job.latest.version }) });
      toast(
        changed ? `Saved ${job.name} as version ${job.latest.version}` : `No changes: ${job.name} is still version ${job.latest.version}`,
      );
    } catch (e) {
      toast(failureMessage('Not saved', e), 'error');
      if (e instanceof AppError && e.fields) errors.revealAll();
    } finally {
      setBusy(undefined);
    }
  };

  const deploy = async () => {
    setBusy('deploy');
    try {
      if (!(await validate())) return;
      const op = await startDeploy({ document: doc });
      setActiveDeploy({ opId: op.id, what: form.name.trim(), source: { document: doc }, sessionJob: isSessionJob(doc) });
      // Saved as a version by the deploy: the draft is now that version, with nothing unsaved.
      const saved = await api.invoke('jobs.get', { name: form.name.trim() }).catch(() => undefined);
      setDraft(newDraft(form, saved ? { name: saved.name, version: saved.latest.version } : draft.editing));
      scrollToTop();
    } catch (e) {
      toast(failureMessage('Not deployed', e), 'error');
    } finally {
      setBusy(undefined);
    }
  };

  const build = async () => {
    setBusy('build');
    try {
      // The build checks the spec itself (schema, image.base, the artifact); the deploy preview's rules do not apply.
      const name = form.name.trim();
      await startJobBuild(doc, name);
      // Saved as a version by the build, as by a deploy.
      const saved = await api.invoke('jobs.get', { name }).catch(() => undefined);
      setDraft(newDraft(form, saved ? { name: saved.name, version: saved.latest.version } : draft.editing));
    } catch (e) {
      toast(failureMessage('Not built', e), 'error');
      if (e instanceof AppError && e.fields) errors.revealAll();
    } finally {
      setBusy(undefined);
    }
  };

  const replace = async () => {
    if (!mine) return;
    setReplacing(true);
    try {
      const op = await startDeploy(mine.source, true);
      setActiveDeploy({ ...mine, opId: op.id });
    } catch (e) {
      toast(failureMessage('Not replaced', e), 'error');
    } finally {
      setReplacing(false);
    }
  };

  const openYaml = async () => {
    setBusy('yaml');
    try {
      if (await validate()) setShowYaml(true);
      else if (check.result) setShowYaml(true);
    } finally {
      setBusy(undefined);
    }
  };

  const open = Object.entries(summary).filter(([p]) => check.fields[p] !== undefined);
  const shownCount = open.length;
  const liveCount = Object.keys(check.fields).length;
  const sessionJob = form.kind === 'session-job';
  const where = sessionJob
    ? form.sessionRestUrl || 'a session cluster'
    : `${form.context || '(no context)'} / ${form.namespace || 'default'}`;
  const status = check.checking
    ? 'Checking…'
    : check.failure
      ? `Not checked: ${check.failure.message}`
      : liveCount
        ? `${liveCount} problem${liveCount > 1 ? 's' : ''} to fix before deploying`
        : `Valid · deploys to ${where}`;

  return (
    <>
      <div className="page page-wide jf-page">
        <PageHeader
          title={draft.editing ? `Edit ${draft.editing.name}` : 'New job'}
          description={
            draft.editing
              ? `Changes to version ${draft.editing.version}; saving makes a new version. Your edits are kept as a draft until you save or deploy.`
              : 'Describe the job; Flink Desk creates the same Kubernetes objects as Flink’s own client. Your edits are kept as a draft.'
          }
          actions={
            <Button variant="ghost" onClick={onBack}>
              ← All jobs
            </Button>
          }
        />
        {mine && (
          <DeployProgress
            key={mine.opId}
            opId={mine.opId}
            what={mine.what}
            onClose={() => setActiveDeploy(undefined)}
            replacing={replacing}
            {...(mine.sessionJob ? {} : { onReplace: () => void replace() })}
          />
        )}
        {isBuildable(form) && (
          <JobBuilds
            job={draft.editing?.name}
            target={{
              repository: `${registry?.address || '<registry>'}/${registry?.namespace ?? 'streamx'}/${form.clusterId.trim() || '<cluster id>'}`,
              base: form.imageBase.trim(),
            }}
            onBuild={() => void build()}
            building={busy === 'build'}
            disabled={!!busy}
          />
        )}
        {shownCount > 0 && (
          <Banner
            tone="danger"
            title={`${shownCount} problem${shownCount > 1 ? 's' : ''} in the spec`}
            hint="Nothing was sent to Kubernetes. Fix them and try again; your edits are kept."
          >
            <ul className="problem-list">
              {open.map(([path, message]) => (
                <li key={path}>
                  <button type="button" className="link-button" onClick={() => focusField(path)}>
                    {path}
                  </button>
                  : {message}
                </li>
              ))}
            </ul>
          </Banner>
        )}
        <div className="jf-layout">
          <nav className="jf-toc" aria-label="Sections">
            {sectionTitles
              .filter(([s]) => !(sessionJob && (s === 'image' || s === 'resources' || s === 'templates')))
              .map(([s, title]) => {
                const n = sectionProblems(s);
                return (
                  <button
                    key={s}
                    type="button"
                    className="jf-toc-item"
                    onClick={() => goToSection(s)}
                    aria-label={n ? `${title}, ${n} problem${n > 1 ? 's' : ''}` : title}
                  >
                    <span>{title}</span>
                    {n > 0 && <span className="jf-toc-count">{n}</span>}
                  </button>
                );
              })}
          </nav>
          <div className="jf-main">
            <Card>
              <ChoiceCards<JobKind>
                name="job-kind"
                label="What to deploy"
                value={form.kind}
                onChange={(kind) => set({ kind })}
                options={kinds}
              />
            </Card>
            <JobSection ctl={ctl} problems={problems} />
            {!sessionJob && <ImageSection ctl={ctl} problems={problems} {...(registry ? { registry } : {})} />}
            {!sessionJob && <ResourcesSection ctl={ctl} problems={problems} />}
            <KubernetesSection ctl={ctl} problems={problems} contexts={contexts} targets={targets} />
            <FlinkConfigSection ctl={ctl} problems={problems} />
            {!sessionJob && <PodTemplatesSection ctl={ctl} problems={problems} result={check.result} current={check.current} />}
          </div>
        </div>
      </div>
      <div className="savebar">
        <span className={`savebar-status${liveCount ? ' savebar-bad' : ''}`} aria-live="polite">
          {status}
          {draftChanged(draft) && <span className="muted"> · draft kept</span>}
        </span>
        <div className="page-actions">
          <Button variant="ghost" onClick={() => setDraft(undefined)} disabled={!!busy}>
            Discard draft
          </Button>
          <Button onClick={() => void openYaml()} busy={busy === 'yaml'} disabled={!!busy}>
            Show YAML
          </Button>
          <Button onClick={() => void save()} busy={busy === 'save'} disabled={!!busy}>
            Save
          </Button>
          <Button variant="primary" onClick={() => void deploy()} busy={busy === 'deploy'} disabled={!!busy}>
            {sessionJob ? 'Submit' : 'Deploy'}
          </Button>
        </div>
      </div>
      {showYaml && check.result && <ResourcesDialog result={check.result} stale={!check.current} onClose={() => setShowYaml(false)} />}
    </>
  );
}

function goToSection(s: string): void {
  const el = document.getElementById(`section-${s}`);
  el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
}

function scrollToTop(): void {
  document.querySelector('.main')?.scrollTo({ top: 0, behavior: 'smooth' });
}

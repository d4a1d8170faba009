// Jobs: the saved jobs and the Flink clusters in the target namespaces (#/jobs), the form for a new job
// (#/jobs/new) and for editing a saved one (#/jobs/edit/<name>). One draft at a time; starting another while the
// current one has unsaved changes asks first.
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Loading } from '../components/Loading';
import { useToast } from '../components/Toasts';
import { draftChanged, newDraft, useJobDraft, type JobDraft } from '../jobs/draft';
import { documentToForm, emptyForm } from '../jobs/job-form';
import { JobFormView } from '../jobs/JobFormView';
import { JobsList } from '../jobs/JobsList';
import { goTo, useJobsPlace, type JobsPlace } from '../jobs/jobs-route';
import { ClusterPage } from '../jobs/page/ClusterPage';

/** A fresh form, placed in the first target (context, namespace, service account) when there is one. */
async function freshDraft(): Promise<JobDraft> {
  const form = emptyForm('application');
  const targets = await api.invoke('kube.targets.list').catch(() => []);
  const t = targets[0];
  if (t) Object.assign(form, { context: t.context, namespace: t.namespace, serviceAccount: t.serviceAccount });
  return newDraft(form);
}

async function editDraft(name: string): Promise<JobDraft> {
  const job = await api.invoke('jobs.get', { name });
  return newDraft(documentToForm(job.latest.document), { name, version: job.latest.version });
}

const draftIsFor = (d: JobDraft | undefined, place: JobsPlace) =>
  d !== undefined && (place.view === 'new' ? !d.editing : place.view === 'edit' && d.editing?.name === place.name);

export function JobsPage() {
  const toast = useToast();
  const place = useJobsPlace();
  const [draft, setDraft] = useJobDraft();
  const [asking, setAsking] = useState<JobsPlace>();
  const [openError, setOpenError] = useState<{ at: string; message: string }>();
  const placeKey = JSON.stringify(place);

  // Arriving at a form (a link, a reload): use the draft when it is this one; start one when there is none. A draft
  // for something else is never thrown away here: the form shows it, and its address follows.
  useEffect(() => {
    if (place.view === 'list' || place.view === 'tracked') return;
    if (draft) {
      if (!draftIsFor(draft, place)) goTo(draft.editing ? { view: 'edit', name: draft.editing.name } : { view: 'new' });
      return;
    }
    let live = true;
    (place.view === 'new' ? freshDraft() : editDraft(place.name)).then(
      (d) => live && setDraft(d),
      (e: unknown) =>
        live &&
        setOpenError({
          at: JSON.stringify(place),
          message: failureMessage(`Could not open ${place.view === 'edit' ? place.name : 'the form'}`, e),
        }),
    );
    return () => {
      live = false;
    };
  }, [place, draft, setDraft]);

  /** Opens a form; a draft with unsaved changes for something else is only replaced after the user agrees. */
  const open = (target: JobsPlace) => {
    if (draftChanged(draft) && !draftIsFor(draft, target)) return setAsking(target);
    if (!draftIsFor(draft, target)) setDraft(undefined);
    goTo(target);
  };

  const discard = () => {
    setDraft(undefined);
    toast('Draft discarded');
    if (place.view !== 'list') goTo({ view: 'list' });
  };

  return (
    <>
      {place.view === 'list' && (
        <JobsList
          draft={draft}
          onNew={() => open({ view: 'new' })}
          onEdit={(name) => open({ view: 'edit', name })}
          onResume={() => draft && goTo(draft.editing ? { view: 'edit', name: draft.editing.name } : { view: 'new' })}
          onDiscardDraft={discard}
        />
      )}
      {place.view === 'tracked' && <ClusterPage id={place.id} {...(place.jobId ? { jobId: place.jobId } : {})} />}
      {place.view !== 'list' && place.view !== 'tracked' && draft && draftIsFor(draft, place) && (
        <JobFormView
          key={draft.editing?.name ?? '(new)'}
          draft={draft}
          setDraft={(d) => (d ? setDraft(d) : discard())}
          onBack={() => goTo({ view: 'list' })}
        />
      )}
      {place.view !== 'list' && place.view !== 'tracked' && !(draft && draftIsFor(draft, place)) && (
        <div className="page">
          {openError?.at === placeKey ? (
            <Banner tone="danger" title={openError.message}>
              <Button onClick={() => goTo({ view: 'list' })}>Back to jobs</Button>
            </Banner>
          ) : (
            <Loading label="Opening the form…" rows={4} />
          )}
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title="Replace your unsaved draft?"
          body={
            <p>
              The draft{' '}
              {draft?.editing ? `of changes to ${draft.editing.name}` : draft?.form.name ? `of ${draft.form.name}` : 'of a new job'} has
              changes that are not saved. Opening {asking.view === 'edit' ? asking.name : 'a new job'} discards them.
            </p>
          }
          confirmLabel="Discard draft and continue"
          danger
          onConfirm={() => {
            const target = asking;
            setAsking(undefined);
            setDraft(undefined);
            goTo(target);
          }}
          onCancel={() => setAsking(undefined)}
        />
      )}
    </>
  );
}

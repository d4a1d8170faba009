// The seed's settings: registry namespace and the tracking loops' timing, each checked with the same rules the
// services enforce (the message shows when the user leaves the field or saves); unsaved edits survive leaving the
// page and reloading. Below them, where the log file is.
import { useMemo, useRef, useState } from 'react';
import { AppError } from '../../../shared/errors';
import {
  coerceSettingValue,
  defaultSettings,
  settingsMeta,
  settingsShape,
  type SettingKey,
  type SettingMeta,
} from '../../../shared/settings';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ChoiceList } from '../components/ChoiceList';
import { Segmented } from '../components/Segmented';
import { useToast } from '../components/Toasts';
import { useSettings } from '../state/settings';
import { TextInput } from '../components/TextInput';
import { Loading } from '../components/Loading';
import { useShownErrors } from '../components/useShownErrors';
import { CopyButton } from '../components/CopyButton';
import { useAppInfo } from '../state/app-info';

const groups: { name: SettingMeta['group']; description: string }[] = [
  {
    name: 'Registry',
    description: 'Where images built by Flink Desk are pushed. The registry address and credentials are on the Registry page.',
  },
  {
    name: 'Tracking',
    description: 'The background loops that follow every job and cluster (the same settings as StreamPark’s flink-k8s.tracking).',
  },
  { name: 'Build', description: 'How job images are built: Maven, the image engine and the time limit.' },
  { name: 'Notifications', description: 'What Flink Desk tells you about tracked jobs while it runs.' },
  { name: 'Appearance', description: 'How Flink Desk looks.' },
];

/** settingsMeta lists the keys in reading order (interval before its timeout). */
const displayOrder = Object.keys(settingsMeta) as SettingKey[];

const fieldId = (k: SettingKey) => `setting-${k.replace(/[^a-z0-9]+/gi, '-')}`;

export function SettingsPage() {
  const { saved, loadError, draft, setDraft, replaceSaved, reload } = useSettings();
  const toast = useToast();
  const [serverErrors, setServerErrors] = useState<Partial<Record<SettingKey, string>>>({});
  const [saving, setSaving] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);

  const shown = (k: SettingKey): string => draft[k] ?? (saved ? String(saved[k]) : '');

  const liveErrors = useMemo(() => {
    const out: Partial<Record<SettingKey, string>> = {};
    for (const k of Object.keys(draft) as SettingKey[]) {
      const r = settingsShape[k].safeParse(coerceSettingValue(k, draft[k] ?? ''));
      if (!r.success) out[k] = r.error.issues[0]?.message ?? 'Not a valid value';
    }
    return out;
  }, [draft]);

  const { errors, reveal, revealAll } = useShownErrors(liveErrors);
  const dirtyKeys = saved ? (Object.keys(draft) as SettingKey[]).filter((k) => draft[k] !== String(saved[k])) : [];
  const invalid = Object.keys(errors).length > 0;

  const edit = (k: SettingKey, value: string) => {
    const next = { ...draft, [k]: value };
    if (saved && value === String(saved[k])) delete next[k];
    setDraft(next);
    if (serverErrors[k]) setServerErrors({ ...serverErrors, [k]: undefined });
  };

  const save = async () => {
    if (!revealAll()) {
      // Nothing is sent: the first problem gets the focus, its message is read with it.
      const first = displayOrder.find((k) => liveErrors[k]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    const patch: Record<string, unknown> = {};
    for (const k of dirtyKeys) patch[k] = coerceSettingValue(k, draft[k] ?? '');
    setSaving(true);
    try {
      const updated = await api.invoke('settings.update', patch);
      replaceSaved(updated);
      setDraft({});
      setServerErrors({});
      toast('Settings saved');
    } catch (e) {
      if (e instanceof AppError && e.fields) setServerErrors(e.fields);
      toast(failureMessage('Not saved', e), 'error');
    } finally {
      setSaving(false);
    }
  };

  const reset = async () => {
    setConfirmReset(false);
    try {
      replaceSaved(await api.invoke('settings.reset'));
      setDraft({});
      setServerErrors({});
      toast('Settings reset to defaults');
    } catch (e) {
      toast(failureMessage('Not reset', e), 'error');
    }
  };

  return (
    <>
      <div className="page">
        <PageHeader
          title="Settings"
          description="Registry namespace, the timing of the tracking loops and the image build. Changes apply to every window and to the CLI."
          actions={
            <Button variant="ghost" onClick={() => setConfirmReset(true)} disabled={!saved}>
              Reset to defaults
            </Button>
          }
        />
        {loadError && (
          <Banner tone="danger" title="The settings could not be loaded" hint="Check that Flink Desk is still running, then retry.">
            <div>{loadError}</div>
            <Button onClick={reload}>Retry</Button>
          </Banner>
        )}
        {!saved && !loadError && <Loading label="Loading settings…" rows={4} />}
        {saved &&
          groups.map((g) => (
            <Card key={g.name} id={`group-${g.name.toLowerCase()}`} title={g.name} description={g.description}>
              {displayOrder
                .filter((k) => settingsMeta[k].group === g.name)
                .map((k) => (
                  <SettingField
                    key={k}
                    k={k}
                    value={shown(k)}
                    error={errors[k] ?? serverErrors[k]}
                    dirty={dirtyKeys.includes(k)}
                    onChange={(v) => edit(k, v)}
                    onBlur={() => reveal(k)}
                  />
                ))}
            </Card>
          ))}
        {saved && <AboutCard />}
      </div>
      <div className="savebar">
        <span className="savebar-status" aria-live="polite">
          {!saved
            ? loadError
              ? 'Not loaded'
              : 'Loading…'
            : invalid
              ? 'Fix the highlighted values to save.'
              : dirtyKeys.length
                ? `${dirtyKeys.length} unsaved change${dirtyKeys.length > 1 ? 's' : ''}`
                : 'All changes saved'}
        </span>
        <div className="page-actions">
          <Button onClick={() => setDraft({})} disabled={!Object.keys(draft).length || saving}>
            Discard changes
          </Button>
          <Button variant="primary" onClick={() => void save()} disabled={!dirtyKeys.length || saving} busy={saving}>
            Save
          </Button>
        </div>
      </div>
      {confirmReset && (
        <ConfirmDialog
          title="Reset all settings?"
          body="Every setting on this page returns to its default (image namespace streamx, job status every 5 s, metrics every 10 s, round timeouts 120 s, silent-state keep 60 s). Registry credentials are not affected."
          confirmLabel="Reset to defaults"
          danger
          onConfirm={() => void reset()}
          onCancel={() => setConfirmReset(false)}
        />
      )}
    </>
  );
}

function SettingField({
  k,
  value,
  error,
  dirty,
  onChange,
  onBlur,
}: {
  k: SettingKey;
  value: string;
  error: string | undefined;
  dirty: boolean;
  onChange: (v: string) => void;
  onBlur: () => void;
}) {
  const meta = settingsMeta[k];
  const id = fieldId(k);
  const def = defaultSettings[k];
  const help = (
    <>
      {meta.description}
      {meta.min !== undefined && ` Allowed: ${meta.min}–${meta.max} ${meta.unit ?? ''}.`}
      <span className="field-default"> Default: {String(def) || '(empty)'}.</span>
    </>
  );
  if (meta.choices && meta.multiple) {
    return (
      <Field id={id} label={meta.label} settingKey={k} help={help} error={error} dirty={dirty}>
        <ChoiceList id={id} label={meta.label} value={value} onChange={onChange} options={meta.choices} />
      </Field>
    );
  }
  if (meta.choices) {
    return (
      <Field id={id} label={meta.label} settingKey={k} help={help} error={error} dirty={dirty}>
        <Segmented<string> id={id} label={meta.label} value={value} onChange={onChange} options={meta.choices} />
      </Field>
    );
  }
  const numeric = meta.unit !== undefined;
  return (
    <Field id={id} label={meta.label} settingKey={k} help={help} error={error} dirty={dirty}>
      <div className="input-row">
        <TextInput
          id={id}
          name={k}
          className={numeric ? 'input numeric' : 'input'}
          inputMode={numeric ? 'numeric' : 'text'}
          value={value}
          invalid={Boolean(error)}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
        {numeric && <span className="input-suffix">{meta.unit}</span>}
      </div>
    </Field>
  );
}

/** Where to look when something goes wrong, and what this copy of Flink Desk is. */
function AboutCard() {
  const info = useAppInfo();
  const path = useRef<HTMLElement>(null);
  const runningAs =
    info?.transport === 'electron' ? 'Desktop app' : info?.transport === 'web' ? 'Browser (npm run serve)' : info?.transport;
  return (
    <Card id="group-about" title="About and diagnostics" description="What to look at, or send along, when something goes wrong.">
      {info ? (
        <dl className="about">
          <div className="field">
            <dt className="field-label">Log file</dt>
            <dd>
              <div className="input-row">
                <code ref={path} className="about-path">
                  {info.logFile}
                </code>
                <CopyButton text={info.logFile} label="the log file path" selectOnFailure={path} />
              </div>
              <div className="field-help">Every “see the log” hint means this file. Secrets are never written to it.</div>
            </dd>
          </div>
          <div className="field">
            <dt className="field-label">Version</dt>
            <dd>
              {info.version} · {runningAs}
            </dd>
          </div>
          <div className="field">
            <dt className="field-label">Secret storage</dt>
            <dd>
              {info.secrets.backend}
              {info.secrets.warning && <div className="field-help field-warning">{info.secrets.warning}</div>}
            </dd>
          </div>
        </dl>
      ) : (
        <div role="status" className="loading-label">
          <span className="spinner" aria-hidden /> Loading…
        </div>
      )}
    </Card>
  );
}

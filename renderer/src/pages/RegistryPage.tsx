// Registry: the remote Docker registry (address, image namespace, user, password), its verification with the four
// steps shown live, the image pull secret, and import from the Docker config. The password is typed here and sent
// once; the page never receives it back (only hasPassword), and it is never kept in the unsaved draft.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { registrySaveSchema, type RegistryView } from '../../../shared/contracts/registry';
import { AppError, type AppErrorInfo } from '../../../shared/errors';
import { api, onReconnect } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Card } from '../components/Card';
import { Field } from '../components/Field';
import { RegistryIcon } from '../components/Icons';
import { PageHeader } from '../components/PageHeader';
import { PullSecretPanel } from '../components/PullSecretPanel';
import { RegistryVerification } from '../components/RegistryVerification';
import { useToast } from '../components/Toasts';
import { TextInput } from '../components/TextInput';
import { Loading } from '../components/Loading';
import { useShownErrors } from '../components/useShownErrors';
import { useAppInfo } from '../state/app-info';

type DraftKey = 'address' | 'namespace' | 'username' | 'dockerHost';
type Draft = Partial<Record<DraftKey, string>>;
const DRAFT_KEY = 'flinkdesk.registry.draft';
const shape = registrySaveSchema.shape;
const rules: Record<DraftKey, { safeParse(v: string): { success: boolean; error?: { issues: { message: string }[] } } }> = {
  address: shape.address,
  namespace: shape.namespace,
  username: shape.username,
  dockerHost: shape.dockerHost,
};

function readDraft(): Draft {
  try {
    return JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? '{}') as Draft;
  } catch {
    return {};
  }
}

export function RegistryPage() {
  const toast = useToast();
  const [view, setView] = useState<RegistryView>();
  const [loadError, setLoadError] = useState<string>();
  const [draft, setDraftState] = useState<Draft>(readDraft);
  const [password, setPassword] = useState('');
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  // How weak the secret storage is here (no OS keyring; the serve host's key file), said where the password is typed.
  const secretsWarning = useAppInfo()?.secrets.warning;
  const [notice, setNotice] = useState<AppErrorInfo & { title: string }>();
  // Bumped on every save: the verification card starts afresh for the new settings.
  const [savedCount, setSavedCount] = useState(0);

  const reload = useCallback(() => {
    api.invoke('registry.get').then(
      (v) => {
        setView(v);
        setLoadError(undefined);
      },
      (e: Error) => setLoadError(e.message),
    );
  }, []);
  useEffect(() => {
    reload();
    const offRegistry = api.on('registry.changed', setView);
    // The namespace is the setting docker.register.image-namespace: follow edits made on the Settings page.
    const offSettings = api.on('settings.changed', reload);
    // What changed while the connection was down came as events nobody received.
    const offReconnect = onReconnect(reload);
    return () => {
      offRegistry();
      offSettings();
      offReconnect();
    };
  }, [reload]);

  const setDraft = (d: Draft) => {
    setDraftState(d);
    if (Object.keys(d).length) sessionStorage.setItem(DRAFT_KEY, JSON.stringify(d));
    else sessionStorage.removeItem(DRAFT_KEY);
  };
  const saved = (k: DraftKey): string => (view ? view[k] : '');
  const shown = (k: DraftKey): string => draft[k] ?? saved(k);
  const edit = (k: DraftKey, value: string) => {
    const next = { ...draft, [k]: value };
    if (view && value === saved(k)) delete next[k];
    setDraft(next);
    if (serverErrors[k]) setServerErrors({ ...serverErrors, [k]: '' });
  };

  const liveErrors = useMemo(() => {
    const out: Partial<Record<DraftKey, string>> = {};
    for (const k of Object.keys(draft) as DraftKey[]) {
      const r = rules[k].safeParse(draft[k] ?? '');
      if (!r.success) out[k] = r.error?.issues[0]?.message ?? 'Not a valid value';
    }
    return out;
  }, [draft]);
  const { errors, reveal, revealAll } = useShownErrors(liveErrors);
  const dirty = Object.keys(draft).length > 0 || password !== '';
  const invalid = Object.keys(errors).length > 0;
  const canSave = dirty && !saving;

  const save = async () => {
    if (!shown('address')) {
      // An address is what everything else belongs to: say so at the field, not in a toast.
      setServerErrors({ ...serverErrors, address: rules.address.safeParse('').error?.issues[0]?.message ?? 'Enter the address' });
      document.getElementById('registry-address')?.focus();
      return;
    }
    if (!revealAll()) {
      const first = (['address', 'namespace', 'username', 'dockerHost'] as const).find((k) => liveErrors[k]);
      if (first) document.getElementById(`registry-${first}`)?.focus();
      return;
    }
    setSaving(true);
    setNotice(undefined);
    try {
      const v = await api.invoke('registry.save', {
        address: shown('address'),
        namespace: shown('namespace'),
        username: shown('username'),
        dockerHost: shown('dockerHost'),
        ...(password ? { password } : {}),
      });
      setSavedCount((n) => n + 1);
      setView(v);
      setDraft({});
      setPassword('');
      setServerErrors({});
      toast('Registry settings saved');
    } catch (e) {
      if (e instanceof AppError && e.fields) setServerErrors(e.fields);
      toast(failureMessage('Not saved', e), 'error');
    } finally {
      setSaving(false);
    }
  };

  const forgetPassword = async () => {
    if (!view) return;
    try {
      const v = await api.invoke('registry.save', {
        address: view.address,
        namespace: view.namespace,
        username: view.username,
        clearPassword: true,
      });
      setSavedCount((n) => n + 1);
      setView(v);
      toast('Saved password forgotten');
    } catch (e) {
      toast(failureMessage('The password was not forgotten', e), 'error');
    }
  };

  const importDockerConfig = async () => {
    setImporting(true);
    setNotice(undefined);
    try {
      const r = await api.invoke('registry.importDockerConfig', draft.address ? { address: draft.address } : {});
      setSavedCount((n) => n + 1);
      setView(r.view);
      setDraft({});
      setPassword('');
      toast(`Imported the credentials of ${r.view.username} for ${r.view.address} (${r.source})`);
    } catch (e) {
      const info = e instanceof AppError ? e.toInfo() : { code: 'internal' as const, message: String(e) };
      setNotice({ ...info, title: 'Nothing was imported from the Docker config' });
    } finally {
      setImporting(false);
    }
  };

  return (
    <>
      <div className="page">
        <PageHeader
          title="Registry"
          description="The remote Docker registry that job images are pushed to and Kubernetes pulls them from."
          actions={
            <Button onClick={() => void importDockerConfig()} busy={importing} disabled={importing}>
              Import from Docker config
            </Button>
          }
        />
        {loadError && (
          <Banner
            tone="danger"
            title="The registry settings could not be loaded"
            hint="Check that Flink Desk is still running, then retry."
          >
            <div>{loadError}</div>
            <Button onClick={reload}>Retry</Button>
          </Banner>
        )}
        {notice && (
          <Banner tone="danger" title={notice.title} hint={notice.hint}>
            <div>{notice.message}</div>
          </Banner>
        )}
        {!view && !loadError && <Loading label="Loading the registry settings…" rows={5} />}
        {view && !view.address && (
          <div className="registry-intro" role="note">
            <RegistryIcon className="registry-intro-icon" aria-hidden />
            <div>
              <h2>No registry configured yet</h2>
              <p className="muted">
                Fill in the registry below and save — or import the credentials your docker CLI already has with{' '}
                <strong>Import from Docker config</strong>. Then verify it: a real login, push and pull.
              </p>
            </div>
          </div>
        )}
        {view && (
          <>
            <Card
              id="registry-settings"
              title="Registry"
              description="Images go to <address>/<namespace>/<image>. The password is stored encrypted and never shown again."
            >
              <TextField
                k="address"
                label="Address"
                value={shown('address')}
                error={errors.address ?? serverErrors.address}
                dirty={'address' in draft}
                onChange={edit}
                onBlur={reveal}
                placeholder="registry.example.com or 127.0.0.1:5000"
                help="host[:port][/path], without https:// — the Docker engine chooses HTTPS, or HTTP for registries it treats as insecure."
              />
              <TextField
                k="namespace"
                label="Image namespace"
                value={shown('namespace')}
                error={errors.namespace ?? serverErrors.namespace}
                dirty={'namespace' in draft}
                onChange={edit}
                onBlur={reveal}
                help="The same setting as Settings → Image namespace (docker.register.image-namespace). The user needs push and pull here. Default: streamx."
              />
              <TextField
                k="username"
                label="User"
                value={shown('username')}
                error={errors.username ?? serverErrors.username}
                dirty={'username' in draft}
                onChange={edit}
                onBlur={reveal}
                placeholder="user name or robot account"
              />
              <Field
                id="registry-password"
                label="Password"
                dirty={password !== ''}
                error={serverErrors.password}
                help={
                  <>
                    {view.hasPassword
                      ? 'A password is saved (encrypted). Type a new one only to replace it.'
                      : 'A password or an access token. Stored encrypted; never shown again.'}
                    {secretsWarning && <span className="field-warning"> {secretsWarning}</span>}
                  </>
                }
              >
                <div className="input-row">
                  <input
                    id="registry-password"
                    className="input"
                    type="password"
                    autoComplete="new-password"
                    value={password}
                    placeholder={view.hasPassword ? '•••• saved' : ''}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                  {view.hasPassword && !password && (
                    <Button onClick={() => void forgetPassword()} title="Forget the saved password">
                      Forget
                    </Button>
                  )}
                </div>
              </Field>
              <TextField
                k="dockerHost"
                label="Docker engine"
                value={shown('dockerHost')}
                error={errors.dockerHost ?? serverErrors.dockerHost}
                dirty={'dockerHost' in draft}
                onChange={edit}
                onBlur={reveal}
                placeholder={view.engine.source === 'setting' ? '' : view.engine.address}
                help={
                  view.engine.source === 'setting'
                    ? 'The engine that builds, pushes and pulls. Empty: DOCKER_HOST, else the default socket.'
                    : `Empty: using ${view.engine.address} (${view.engine.source === 'DOCKER_HOST' ? 'from DOCKER_HOST' : 'the default socket'}).`
                }
              />
            </Card>
            <RegistryVerification key={savedCount} view={view} unsaved={dirty} onStartError={setNotice} />
            <Card
              id="registry-pull-secret"
              title="Image pull secret"
              description={
                <>
                  A <code>kubernetes.io/dockerconfigjson</code> Secret with these credentials, so Kubernetes can pull the job images.
                  Deployments reference it with <code>kubernetes.container.image.pull-secrets</code>.
                </>
              }
            >
              <PullSecretPanel view={view} onApplied={reload} />
            </Card>
          </>
        )}
      </div>
      <div className="savebar">
        <span className="savebar-status" aria-live="polite">
          {!view
            ? loadError
              ? 'Not loaded'
              : 'Loading…'
            : invalid
              ? 'Fix the highlighted values to save.'
              : dirty
                ? 'Unsaved changes'
                : 'All changes saved'}
        </span>
        <div className="page-actions">
          <Button onClick={() => (setDraft({}), setPassword(''))} disabled={!dirty || saving}>
            Discard changes
          </Button>
          <Button variant="primary" onClick={() => void save()} disabled={!canSave} busy={saving}>
            Save
          </Button>
        </div>
      </div>
    </>
  );
}

function TextField({
  k,
  label,
  value,
  error,
  dirty,
  onChange,
  onBlur,
  placeholder,
  help,
}: {
  k: DraftKey;
  label: string;
  value: string;
  error: string | undefined;
  dirty: boolean;
  onChange: (k: DraftKey, v: string) => void;
  onBlur: (k: DraftKey) => void;
  placeholder?: string;
  help?: string;
}) {
  const id = `registry-${k}`;
  return (
    <Field id={id} label={label} help={help} error={error || undefined} dirty={dirty}>
      <TextInput
        id={id}
        name={k}
        className="input wide"
        value={value}
        placeholder={placeholder}
        invalid={Boolean(error)}
        onChange={(e) => onChange(k, e.target.value)}
        onBlur={() => onBlur(k)}
      />
    </Field>
  );
}

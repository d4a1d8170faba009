// The kubeconfig files Flink Desk reads, where each comes from, what is wrong with one, and adding your own: by path,
// or in the desktop app through the system's file dialog (app.pickFile; the browser has none that gives a path).
import { useState } from 'react';
import type { KubeconfigFileInfo, KubeContextsResult } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { Badge } from './Badge';
import { Button } from './Button';
import { FieldError } from './Field';
import { useAppInfo } from '../state/app-info';
import { useToast } from './Toasts';
import { TextInput } from './TextInput';

const originLabel: Record<KubeconfigFileInfo['origin'], string> = {
  KUBECONFIG: 'KUBECONFIG',
  default: 'default',
  added: 'added here',
  flag: '--kubeconfig',
};

export function KubeconfigFiles({ files, onChange }: { files: KubeconfigFileInfo[]; onChange: (r: KubeContextsResult) => void }) {
  const toast = useToast();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const info = useAppInfo();
  const [pickerMissing, setPickerMissing] = useState(false);
  const canPick = info?.transport === 'electron' && !pickerMissing;

  const add = async (file = path) => {
    setBusy(true);
    try {
      onChange(await api.invoke('kube.files.add', { path: file }));
      toast(`Added ${file}`);
      setPath('');
      setError(undefined);
    } catch (e) {
      setError(e instanceof AppError ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e));
    } finally {
      setBusy(false);
    }
  };
  const browse = async () => {
    try {
      const picked = await api.invoke('app.pickFile', {
        title: 'Add a kubeconfig file',
        filters: [
          { name: 'Kubeconfig', extensions: ['yaml', 'yml', 'conf', 'config', 'kubeconfig'] },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (picked.path) {
        setPath(picked.path);
        await add(picked.path);
      }
    } catch (e) {
      if (e instanceof AppError && e.code === 'not-available') setPickerMissing(true);
      setError(e instanceof AppError ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e));
    }
  };
  const remove = async (p: string) => {
    try {
      onChange(await api.invoke('kube.files.remove', { path: p }));
      toast(`Removed ${p} from the list (the file itself is untouched)`);
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };

  return (
    <div className="kube-files">
      <ul className="kube-file-list">
        {files.map((f) => (
          <li key={f.path} className="kube-file">
            <code className="kube-file-path">{f.path}</code>
            <Badge>{originLabel[f.origin]}</Badge>
            {f.error ? (
              <Badge tone="danger">unusable</Badge>
            ) : f.exists ? (
              <Badge tone="ok">
                {f.contexts} context{f.contexts === 1 ? '' : 's'}
              </Badge>
            ) : (
              <Badge tone="warn">not found</Badge>
            )}
            {f.origin === 'added' && (
              <Button variant="ghost" onClick={() => void remove(f.path)} aria-label={`Remove ${f.path}`}>
                Remove
              </Button>
            )}
            {f.error && (
              <div className="kube-file-error" role="alert">
                {f.error.message}
                {f.error.hint && <div className="hint">{f.error.hint}</div>}
              </div>
            )}
          </li>
        ))}
      </ul>
      <form
        className="kube-file-add"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <label htmlFor="kubeconfig-path" className="field-label">
          Add kubeconfig file
        </label>
        <div className="input-row">
          <TextInput
            id="kubeconfig-path"
            className="input kube-path-input"
            placeholder="/home/you/.kube/other-cluster.yaml"
            value={path}
            invalid={Boolean(error)}
            onChange={(e) => {
              setPath(e.target.value);
              setError(undefined);
            }}
          />
          <Button type="submit" disabled={!path.trim() || busy} busy={busy}>
            Add file
          </Button>
          {canPick && (
            <Button onClick={() => void browse()} disabled={busy}>
              Browse…
            </Button>
          )}
        </div>
        <FieldError id="kubeconfig-path" error={error} />
        <div className="field-help">Flink Desk only reads the file; it never writes your kubeconfig.</div>
      </form>
    </div>
  );
}

// The kubeconfig files Flink Desk reads, where each comes from, what is wrong with one, and adding your own.
import { useState } from 'react';
import type { KubeconfigFileInfo, KubeContextsResult } from '../../../shared/contracts/kube';
import { AppError } from '../../../shared/errors';
import { api } from '../api/client';
import { Badge } from './Badge';
import { Button } from './Button';
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

  const add = async () => {
    setBusy(true);
    try {
      onChange(await api.invoke('kube.files.add', { path }));
      toast(`Added ${path}`);
      setPath('');
      setError(undefined);
    } catch (e) {
      setError(e instanceof AppError ? `${e.message}${e.hint ? ` — ${e.hint}` : ''}` : String(e));
    } finally {
      setBusy(false);
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
        </div>
        {error && (
          <div className="field-error" id="kubeconfig-path-error" role="alert">
            {error}
          </div>
        )}
        <div className="field-help">Flink Desk only reads the file; it never writes your kubeconfig.</div>
      </form>
    </div>
  );
}

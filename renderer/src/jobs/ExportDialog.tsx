// Export of a saved job: its YAML (jobs.yaml), shown read-only with Copy, and downloaded as a file — the same file
// `flink-desk apply -f` takes.
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { failureMessage } from '../api/failure';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { CopyButton } from '../components/CopyButton';
import { WideDialog } from './WideDialog';
import { YamlEditor } from './YamlEditor';

/** A download through an object URL: the browser (or Electron) saves the file; nothing leaves the machine. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportDialog({ name, version, onClose }: { name: string; version: number; onClose: () => void }) {
  const [file, setFile] = useState<{ yaml: string; fileName: string }>();
  const [error, setError] = useState<string>();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    api.invoke('jobs.yaml', { name, version }).then(setFile, (e: unknown) => setError(failureMessage('Not exported', e)));
  }, [name, version]);
  return (
    <WideDialog
      title={`Export ${name}`}
      subtitle={file ? <code>{file.fileName}</code> : `version ${version}`}
      onClose={onClose}
      actions={
        file && (
          <>
            <CopyButton text={file.yaml} label="the YAML" selectOnFailure={box} />
            <Button variant="primary" onClick={() => downloadText(file.fileName, file.yaml)}>
              Download {file.fileName}
            </Button>
          </>
        )
      }
    >
      {error && <Banner tone="danger" title={error} />}
      {!file && !error && (
        <div role="status" className="loading-label">
          <span className="spinner" aria-hidden /> Reading the spec…
        </div>
      )}
      {file && (
        <div ref={box} className="yaml-frame">
          <YamlEditor id="export-yaml" value={file.yaml} readOnly label={`${file.fileName}, read-only`} />
        </div>
      )}
    </WideDialog>
  );
}

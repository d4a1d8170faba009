// Read-only YAML with a copy button: what Flink Desk would apply, shown before it does.
import { useState } from 'react';
import { Button } from './Button';

export function YamlPreview({ yaml, label }: { yaml: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard.writeText(yaml).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="yaml-preview">
      <div className="yaml-preview-bar">
        <span>{label}</span>
        <Button variant="ghost" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <pre aria-label={label} tabIndex={0}>
        <code>{yaml}</code>
      </pre>
    </div>
  );
}

// Read-only YAML with a copy button: what Flink Desk would apply, shown before it does.
import { useRef } from 'react';
import { CopyButton } from './CopyButton';

export function YamlPreview({ yaml, label }: { yaml: string; label: string }) {
  const pre = useRef<HTMLPreElement>(null);
  return (
    <div className="yaml-preview">
      <div className="yaml-preview-bar">
        <span>{label}</span>
        <CopyButton text={yaml} label="the YAML" selectOnFailure={pre} />
      </div>
      <pre ref={pre} aria-label={label} tabIndex={0}>
        <code>{yaml}</code>
      </pre>
    </div>
  );
}

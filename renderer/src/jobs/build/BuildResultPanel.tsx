// How a build ended well: the image and its digest, the reference deployments pin, what was uploaded (or that the
// tag was already there), the engine, the jar and its entry class, the base it was built FROM; each value copyable.
import type { BuildResult } from '../../../../shared/contracts/build';
import { Badge } from '../../components/Badge';
import { CopyButton } from '../../components/CopyButton';
import { formatBytes } from '../../format/bytes';

const engineText = { docker: 'Docker engine', registry: 'Registry to registry (no engine)' } as const;

function Row({ label, value, copy }: { label: string; value: string; copy?: string }) {
  return (
    <div className="build-result-row build-result-copyable">
      <dt>{label}</dt>
      <dd>
        <code className="build-result-value">{value}</code>
        {copy && <CopyButton text={value} label={copy} />}
      </dd>
    </div>
  );
}

export function BuildResultPanel({ result }: { result: BuildResult }) {
  return (
    <section className="build-result" aria-label="Built image">
      <dl>
        <Row label="Image" value={result.image} copy="the image reference" />
        <Row label="Digest" value={result.digest} copy="the digest" />
        <Row label="Pinned" value={result.pinned} copy="the pinned reference" />
        <div className="build-result-row">
          <dt>Uploaded</dt>
          <dd>
            <span>{formatBytes(result.uploadedBytes)}</span>
            {result.reused && <Badge>reused: the tag was already in the registry, nothing was built or uploaded</Badge>}
            <span className="muted">· {engineText[result.engine]}</span>
          </dd>
        </div>
        <div className="build-result-row">
          <dt>Jar</dt>
          <dd>
            <code className="build-result-value">{result.jar.name}</code>
            <span className="muted">{formatBytes(result.jar.size)}</span>
          </dd>
        </div>
        {result.entryClass && <Row label="Entry class" value={result.entryClass} copy="the entry class" />}
        <div className="build-result-row">
          <dt>FROM</dt>
          <dd>
            <code className="build-result-value" title={result.base.digest}>
              {result.base.reference} · {result.base.digest.slice(0, 19)}…
            </code>
          </dd>
        </div>
      </dl>
    </section>
  );
}

// How a build ended well: the image and its digest, the reference deployments pin, what was uploaded (or that the
// tag was already there), the engine, the jar and its entry class, the base it was built FROM; each value copyable.
// A build a deploy ran first is known by its record only: the image, digest and bytes.
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

export type ShownResult = Pick<BuildResult, 'image' | 'digest' | 'uploadedBytes' | 'reused' | 'version'> &
  Partial<Omit<BuildResult, 'image' | 'digest' | 'uploadedBytes' | 'reused' | 'version'>>;

/** <repository>@<digest>: the tag is what follows the last ':' after the last '/' (a registry port has its own ':'). */
export function pinnedOf(image: string, digest: string): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return `${colon > slash ? image.slice(0, colon) : image}@${digest}`;
}

export function BuildResultPanel({ result }: { result: ShownResult }) {
  return (
    <section className="build-result" aria-label="Built image">
      <dl>
        <Row label="Image" value={result.image} copy="the image reference" />
        <Row label="Digest" value={result.digest} copy="the digest" />
        <Row label="Pinned" value={result.pinned ?? pinnedOf(result.image, result.digest)} copy="the pinned reference" />
        <div className="build-result-row">
          <dt>Uploaded</dt>
          <dd>
            <span>{formatBytes(result.uploadedBytes)}</span>
            {result.reused && <Badge>reused: the tag was already in the registry, nothing was built or uploaded</Badge>}
            {result.engine && <span className="muted">· {engineText[result.engine]}</span>}
          </dd>
        </div>
        {result.jar && (
          <div className="build-result-row">
            <dt>Jar</dt>
            <dd>
              <code className="build-result-value">{result.jar.name}</code>
              <span className="muted">{formatBytes(result.jar.size)}</span>
            </dd>
          </div>
        )}
        {result.entryClass && <Row label="Entry class" value={result.entryClass} copy="the entry class" />}
        {result.base && (
          <div className="build-result-row">
            <dt>FROM</dt>
            <dd>
              <code className="build-result-value" title={result.base.digest}>
                {result.base.reference} · {result.base.digest.slice(0, 19)}…
              </code>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}

// Image references as the docker CLI reads them: [host[:port]/]path[:tag][@digest], Docker Hub when the first part
// names no host, "library/" for its one-part names. What is wrong with a bad one is said part by part (host, path,
// tag, digest) instead of the engine's bare "invalid reference format" (StreamPark #3790). Pure, in shared/ so the
// job spec's validation (image.base, image.ref) says the same as the build.
import { AppError } from './errors';

export interface ImageReference {
  /** host[:port] as written ("docker.io" for Docker Hub). */
  host: string;
  /** Repository path inside the registry, e.g. library/flink or streamx/orders. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';
const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^sha256:[0-9a-f]{64}$/;
const hostRe =
  /^(?:\[[0-9a-fA-F:.]+\]|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*)(?::\d{1,5})?$/;

/** A reference that does not read, with what is wrong in it ("its tag "-x" must be …"). */
export class InvalidImageReference extends AppError {
  constructor(
    readonly reference: string,
    readonly problem: string,
  ) {
    super({
      code: 'invalid-input',
      message: `The image reference "${reference}" is not valid: ${problem}`,
      hint: 'An image reference is host[:port]/path[:tag][@sha256:…], the path lowercase letters and digits separated by ".", "_", "__" or "-"',
    });
  }
}

const invalid = (ref: string, part: string, why: string) => new InvalidImageReference(ref, `its ${part} ${why}`);

/** What is wrong with a reference, part by part, or undefined when it reads. */
export function imageReferenceProblem(ref: string): string | undefined {
  try {
    parseImageReference(ref);
    return undefined;
  } catch (e) {
    if (e instanceof InvalidImageReference) return e.problem;
    throw e;
  }
}

export function parseImageReference(ref: string): ImageReference {
  const text = ref.trim();
  if (!text) throw invalid(ref, 'text', 'is empty');
  if (/\s/.test(text)) throw invalid(ref, 'text', 'contains spaces');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw invalid(ref, 'start', 'is a URL scheme: leave out http:// or https://');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) throw invalid(ref, `digest "${digest}"`, 'must be sha256: and 64 lowercase hex digits');
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag))
      throw invalid(ref, `tag "${tag}"`, 'must be letters, digits, "_", "." or "-" (at most 128, not starting with "." or "-")');
  }
  const parts = rest.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('['));
  const host = hasHost ? first : DOCKER_HUB;
  if (hasHost && !hostRe.test(host)) throw invalid(ref, `registry host "${host}"`, 'is not a host name with an optional :port');
  const path = hasHost ? parts.slice(1) : parts;
  for (const c of path)
    if (!component.test(c))
      throw invalid(
        ref,
        `path component "${c}"`,
        /[A-Z]/.test(c)
          ? 'has uppercase letters: repository names are lowercase'
          : 'must be lowercase letters and digits separated by ".", "_", "__" or "-"',
      );
  const repository = host === DOCKER_HUB && path.length === 1 ? `library/${path[0]}` : path.join('/');
  if (repository.length > 255) throw invalid(ref, 'path', 'is longer than 255 characters');
  return { host, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

export function formatReference(r: ImageReference): string {
  return `${r.host}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

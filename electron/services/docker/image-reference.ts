// Image references for the engine and the registry API: the grammar and its part-by-part errors are shared
// (shared/image-reference.ts, also used by the job spec's validation); where Docker Hub's API lives is ours.
export { formatReference, parseImageReference, type ImageReference } from '../../../shared/image-reference';

const DOCKER_HUB = 'docker.io';

/** Where the registry's HTTP API is: Docker Hub's API host is not its name. */
export function apiHost(host: string): string {
  return host === DOCKER_HUB || host === 'index.docker.io' ? 'registry-1.docker.io' : host;
}

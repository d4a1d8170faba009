// The Docker engine capability's public API: which engine, a client for it, following its progress streams,
// tars for it, what its errors mean, and where it uses plain HTTP. The registry and the build pipeline import
// from here, never from the files behind it.
export { resolveEngineAddress, engineOptions, type EngineAddress } from './engine-address';
export { connectEngine, engineUnreachable } from './connect';
export { followStream, progressOf, EngineStreamError, EngineAbortError, type ProgressMessage } from './progress-stream';
export { packEntries, packDirectory, type TarEntry } from './tar';
export { engineErrorText, engineSaid, registryTransportError, redact, type RegistryErrorContext } from './engine-errors';
export { engineTreatsInsecure, hostnameOf, isLoopbackHost } from './insecure-registries';
export { parseImageReference, formatReference, apiHost, type ImageReference } from './image-reference';
export {
  RegistryApi,
  MEDIA,
  isFailure,
  sha256,
  type RegistryCredentials,
  type RegistryFailure,
  type FetchedManifest,
} from './registry-api';
export { reproducibleLayer, type Layer, type LayerFile } from './layer-tar';

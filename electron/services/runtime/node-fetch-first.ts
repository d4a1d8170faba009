// Node's own fetch and the undici package (which @kubernetes/client-node imports) keep their default dispatcher under
// one global key, Symbol.for('undici.globalDispatcher.1'), set by whichever of them loads first. When the package
// loads first, Node's fetch (undici 6 in Node 20) runs on the package's Agent (undici 7), which refuses a request that
// sets its own Content-Length — "invalid content-length header": every blob the registry client pushes, once the app
// had touched Kubernetes. Node's fetch installs its own Agent when its module loads, which any of its globals triggers
// (synchronously): so it is loaded before the package, and the package, finding a dispatcher there, leaves it (the
// package's calls pass their own dispatcher, or run on Node's).
const KEY = Symbol.for('undici.globalDispatcher.1');

/** Call before importing the undici package (or a package that does). */
export function nodeFetchFirst(): void {
  if (KEY in globalThis) return;
  void globalThis.Headers;
  if (!(KEY in globalThis)) throw new Error("Node's fetch did not install its dispatcher on load (node-fetch-first.ts)");
}

// Preloaded (node --import) into Electron's own installer (node_modules/electron/install.js). That installer prints
// only `err.stack`, and for a network failure Node's fetch says just "fetch failed": the reason (DNS, refused,
// timeout, an untrusted certificate) is in `err.cause`, which it drops. Node's fetch (undici) publishes every request
// error on a diagnostics channel; this hook writes the last one as one marked JSON line on stderr for
// scripts/electron-binary.mjs to explain. It changes nothing in what the installer does.
import dc from 'node:diagnostics_channel';

const MARK = 'flink-desk:electron-download-error ';
const origins = new WeakMap();

dc.subscribe('undici:request:create', ({ request }) => {
  origins.set(request, `${request.origin}${request.path}`);
});
dc.subscribe('undici:request:error', ({ request, error }) => {
  const detail = { url: origins.get(request), code: error && error.code, message: error && error.message };
  process.stderr.write(`${MARK}${JSON.stringify(detail)}\n`);
});

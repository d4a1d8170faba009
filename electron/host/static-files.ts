// Serves the built renderer: files under one root only, correct types, SPA fallback to index.html, and HEAD answered
// with GET's headers and no body. Each file is opened once and streamed from that handle: a file that vanishes
// before the open is "not found", one that vanishes after it is still served whole, and a failed read ends that one
// response, never the host.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// Non-blocking, so that a FIFO put where a file was expected cannot hang the open; regular files are unaffected.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

type Opened = { handle: FileHandle; size: number } | 'missing' | { error: NodeJS.ErrnoException };

export interface ServeOptions {
  /** A HEAD request: the same status and headers as GET, no body, and the file is not read. */
  head?: boolean;
}

/** Never rejects: every failure becomes a response (or, once the body has begun, the end of the connection). */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, options: ServeOptions = {}): Promise<void> {
  try {
    await serve(root, urlPath, res, options.head ?? false);
  } catch {
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  }
}

async function serve(root: string, urlPath: string, res: ServerResponse, head: boolean): Promise<void> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  } catch {
    res.writeHead(400).end();
    return;
  }
  const file = join(root, rel);
  if (!file.startsWith(root + sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  const index = join(root, 'index.html');
  // A path without an extension is a route of the single-page app.
  const wanted = extname(file) ? file : index;
  let opened = await openRegularFile(wanted);
  let served = wanted;
  if (opened === 'missing' && wanted !== index) {
    opened = await openRegularFile(index);
    served = index;
  }
  if (opened === 'missing') {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`The renderer is not built: run "npm run build" first (looked in ${root}).`);
    return;
  }
  if ('error' in opened) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`Could not read that file (${opened.error.code ?? 'error'}).`);
    return;
  }
  const { handle, size } = opened;
  res.writeHead(200, {
    'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': served === index ? 'no-store' : 'public, max-age=3600',
  });
  if (head) {
    await handle.close();
    res.end();
    return;
  }
  // pipeline closes the handle and destroys the response when either side fails (a read error, a client gone).
  await pipeline(handle.createReadStream(), res).catch(() => res.destroy());
}

async function openRegularFile(path: string): Promise<Opened> {
  let handle: FileHandle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    const error = e as NodeJS.ErrnoException;
    return error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 'missing' : { error };
  }
  try {
    const stat = await handle.stat();
    if (stat.isFile()) return { handle, size: stat.size };
    await handle.close();
    // A directory is a route (SPA fallback); anything else (a FIFO, a device) is never served.
    return stat.isDirectory() ? 'missing' : { error: Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' }) };
  } catch (e) {
    await handle.close().catch(() => {});
    return { error: e as NodeJS.ErrnoException };
  }
}

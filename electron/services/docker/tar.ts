// Tars for the engine (a build context, an image import), streamed: tar-stream for entries made in memory, tar-fs
// for a directory on disk. Long names are written as the tar formats allow (ustar prefix, else PAX headers), so
// there is no 100-character limit. Owners are written as root: the engine's COPY/ADD and import ignore the
// workstation's uid, and a tar should not carry the user's numeric ids to the registry.
import { Readable } from 'node:stream';
import { pack as packFs } from 'tar-fs';
import { pack, type Pack } from 'tar-stream';

export interface TarEntry {
  name: string;
  content: Buffer | string;
  mode?: number;
  mtime?: Date;
}

// tar-stream's Pack is a streamx stream; dockerode pipes what it is given into an http request, so hand it a
// plain Node Readable.
const toNodeStream = (p: Pack): Readable => Readable.from(p);

/** A tar of `entries`, in order. */
export function packEntries(entries: TarEntry[]): Readable {
  const p = pack();
  for (const e of entries) {
    const body = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content;
    p.entry({ name: e.name, mode: e.mode ?? 0o644, mtime: e.mtime ?? new Date(), uid: 0, gid: 0 }, body);
  }
  p.finalize();
  return toNodeStream(p);
}

/** A tar of the directory `dir` (or of `entries` inside it), read from disk as it is sent. */
export function packDirectory(dir: string, options: { entries?: string[] } = {}): Readable {
  return toNodeStream(
    packFs(dir, {
      ...(options.entries ? { entries: options.entries } : {}),
      map: (header) => ({ ...header, uid: 0, gid: 0 }),
    }),
  );
}

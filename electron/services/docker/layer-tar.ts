// Image layers made without an engine: a reproducible tar (fixed mtime, root owner, given modes, entries in the
// order given, no parent directories so the base's own directories keep their owner and mode) gzipped, with the
// two digests an image needs: `diffId` over the tar, `digest` over the gzip. The same files give the same bytes, so
// an unchanged job gives an unchanged layer (and nothing to upload).
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';

export interface LayerFile {
  /** Path inside the image, without the leading slash: opt/flink/usrlib/job.jar. */
  path: string;
  /** The file on this machine. */
  source: string;
  mode?: number;
}

export interface Layer {
  gzip: Buffer;
  /** sha256 of the gzip: the blob's digest. */
  digest: string;
  /** sha256 of the uncompressed tar: the config's rootfs.diff_ids entry. */
  diffId: string;
  size: number;
}

/** Every entry's time: the epoch, as `tar --mtime=@0` writes it. */
const FIXED_MTIME = new Date(0);

export async function reproducibleLayer(files: LayerFile[], signal?: AbortSignal): Promise<Layer> {
  const p = pack();
  const tarHash = createHash('sha256');
  const gzHash = createHash('sha256');
  const chunks: Buffer[] = [];
  const gzip = createGzip({ level: 6 });
  gzip.on('data', (c: Buffer) => {
    gzHash.update(c);
    chunks.push(c);
  });
  const ended = once(gzip, 'end');

  const produce = async () => {
    for (const f of files) {
      const size = statSync(f.source).size;
      const entry = p.entry({
        name: f.path,
        size,
        mode: f.mode ?? 0o644,
        mtime: FIXED_MTIME,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
        type: 'file',
      });
      await pipeline(createReadStream(f.source, { signal }), entry as unknown as NodeJS.WritableStream);
    }
    p.finalize();
  };
  const consume = async () => {
    for await (const chunk of Readable.from(p) as AsyncIterable<Buffer>) {
      tarHash.update(chunk);
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    }
    gzip.end();
    await ended;
  };
  await Promise.all([produce(), consume()]);
  const gz = Buffer.concat(chunks);
  return { gzip: gz, digest: `sha256:${gzHash.digest('hex')}`, diffId: `sha256:${tarHash.digest('hex')}`, size: gz.length };
}

// A job jar: is it a jar at all (zip magic, a readable central directory), its sha256, and the entry class its
// manifest names (Main-Class, or Flink's own program-class), read through the central directory with yauzl.
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { AppError } from '../../../shared/errors';

export interface JarInfo {
  path: string;
  name: string;
  size: number;
  sha256: string;
  /** Main-Class (or program-class) from META-INF/MANIFEST.MF, offered as the entry class. */
  mainClass?: string;
}

function notAJar(path: string, why: string): AppError {
  return new AppError({
    code: 'invalid-input',
    message: `${path} is not a jar: ${why}`,
    hint: 'Give artifact.jar the path of the job jar (for a Maven project, the shaded jar in target/), or use artifact.maven',
  });
}

function magic(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** The manifest's main attributes (continuation lines joined, as the JAR spec writes them). */
export function parseManifest(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let key: string | undefined;
  for (const l of lines) {
    if (l === '') break; // end of the main section
    if (l.startsWith(' ') && key) out[key] += l.slice(1);
    else {
      const i = l.indexOf(':');
      if (i <= 0) continue;
      key = l.slice(0, i).trim();
      out[key] = l.slice(i + 1).trim();
    }
  }
  return out;
}

async function readManifest(path: string): Promise<string | undefined> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  try {
    while (true) {
      const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(undefined));
        zip.once('error', reject);
        zip.readEntry();
      });
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return undefined;
      if (entry.fileName.toUpperCase() === 'META-INF/MANIFEST.MF') {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
        return Buffer.concat(chunks).toString('utf8');
      }
    }
  } finally {
    zip.close();
  }
}

export async function inspectJar(path: string): Promise<JarInfo> {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw notAJar(path, 'it is not a file');
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError({
      code: 'not-found',
      message: `There is no jar at ${path}`,
      hint: 'Check artifact.jar (relative paths are relative to the spec file), or build the jar first',
    });
  }
  const m = magic(path);
  if (!(m[0] === 0x50 && m[1] === 0x4b && (m[2] === 3 || m[2] === 5) && (m[3] === 4 || m[3] === 6)))
    throw notAJar(path, 'it does not start like a zip archive');
  let manifest: string | undefined;
  try {
    manifest = await readManifest(path);
  } catch (e) {
    throw notAJar(path, `its zip directory cannot be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  const attrs = manifest ? parseManifest(manifest) : {};
  const mainClass = attrs['Main-Class'] ?? attrs['program-class'];
  return { path, name: path.split(/[\\/]/).pop()!, size, sha256: `sha256:${hash.digest('hex')}`, ...(mainClass ? { mainClass } : {}) };
}

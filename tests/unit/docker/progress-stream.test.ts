// Following an engine progress stream, fed by hand through a PassThrough (a test double of the engine's HTTP
// response): messages in order, an error inside the stream rejects with the engine's text, and an abort destroys
// the stream (so the engine, whose client went away, stops the push or pull) and rejects.
import { describe, expect, it } from 'vitest';
import Docker from 'dockerode';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { EngineAbortError, EngineStreamError, followStream, progressOf, type ProgressMessage } from '../../../electron/services/docker';

// A client that never connects: only its modem's stream parsing is used.
const docker = new Docker({ socketPath: '/nonexistent/docker.sock' });
const line = (m: object) => `${JSON.stringify(m)}\n`;

describe('engine progress streams', () => {
  it('passes every message on and resolves with all of them at the end', async () => {
    const stream = new PassThrough();
    const seen: ProgressMessage[] = [];
    const done = followStream(docker, stream, (m) => seen.push(m));
    stream.write(line({ status: 'Pushing', id: 'abc', progressDetail: { current: 5, total: 10 } }));
    stream.end(line({ aux: { Digest: 'sha256:1' } }));
    expect(await done).toHaveLength(2);
    expect(seen.map((m) => m.status ?? m.aux?.Digest)).toEqual(['Pushing', 'sha256:1']);
    expect(progressOf(seen[0]!)).toBe(0.5);
  });

  it("rejects with the engine's text when the stream carries an error", async () => {
    const stream = new PassThrough();
    const done = followStream(docker, stream);
    stream.end(line({ errorDetail: { message: 'denied: requested access to the resource is denied' }, error: 'denied' }));
    const e = await done.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineStreamError);
    expect((e as Error).message).toBe('denied: requested access to the resource is denied');
  });

  it('an abort destroys the stream and rejects', async () => {
    const stream = new PassThrough();
    const abort = new AbortController();
    let first!: () => void;
    const gotFirst = new Promise<void>((r) => (first = r));
    const done = followStream(docker, stream, () => first(), abort.signal);
    stream.write(line({ status: 'Pushing', id: 'abc' }));
    await gotFirst;
    const closed = once(stream, 'close');
    abort.abort();
    await expect(done).rejects.toBeInstanceOf(EngineAbortError);
    await closed;
    expect(stream.destroyed).toBe(true);
  });

  it('a signal aborted before the follow starts destroys the stream at once', async () => {
    const stream = new PassThrough();
    await expect(followStream(docker, stream, undefined, AbortSignal.abort())).rejects.toBeInstanceOf(EngineAbortError);
    expect(stream.destroyed).toBe(true);
  });
});

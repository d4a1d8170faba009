// Keep-alive agents for one client, keyed by the TLS material of the request: an exec credential plugin may hand out
// a new client certificate with each credential, and the kubeconfig's CA or certificate files may change, so the
// material is re-derived for every request and a new agent is made when it differs. The one it replaces is retired:
// destroyed once its last request is done, so an exchange in flight is never cut.
import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export interface TlsMaterial {
  ca?: string | Buffer | (string | Buffer)[] | undefined;
  cert?: string | Buffer | (string | Buffer)[] | undefined;
  key?: unknown;
  servername?: string | undefined;
  rejectUnauthorized?: boolean | undefined;
}

interface Pooled {
  key: string;
  agent: HttpAgent;
  inFlight: number;
  retired: boolean;
}

export interface Lease {
  agent: HttpAgent;
  release(): void;
}

/** A digest of TLS material (strings, Buffers, arrays of them, or key objects { pem, passphrase }). */
export const digestOf = (v: unknown): string => {
  if (v === undefined || v === null) return '-';
  if (Array.isArray(v)) return v.map(digestOf).join(',');
  const bytes = Buffer.isBuffer(v) ? v : typeof v === 'string' ? v : JSON.stringify(v);
  return createHash('sha256').update(bytes).digest('hex');
};

export class AgentPool {
  private current: Pooled | undefined;
  private readonly retiring = new Set<Pooled>();
  private closed = false;

  constructor(private readonly maxSockets = 8) {}

  acquire(secure: boolean, tls: TlsMaterial): Lease {
    if (this.closed) throw new Error('agent pool closed');
    const key = [
      secure,
      digestOf(tls.ca),
      digestOf(tls.cert),
      digestOf(tls.key),
      tls.servername ?? '-',
      tls.rejectUnauthorized ?? '-',
    ].join('|');
    if (this.current?.key !== key) {
      if (this.current) this.retire(this.current);
      this.current = { key, agent: this.make(secure, tls), inFlight: 0, retired: false };
    }
    const pooled = this.current;
    pooled.inFlight++;
    let released = false;
    return {
      agent: pooled.agent,
      release: () => {
        if (released) return;
        released = true;
        pooled.inFlight--;
        if (pooled.retired && pooled.inFlight === 0) this.destroy(pooled);
      },
    };
  }

  /** How many agents are alive (the current one and those still finishing requests): for tests. */
  get size(): number {
    return (this.current ? 1 : 0) + this.retiring.size;
  }

  /** Drops the current agent (its idle sockets with it) once its requests are done: used when the config changes. */
  reset(): void {
    if (this.current) this.retire(this.current);
    this.current = undefined;
  }

  close(): void {
    this.closed = true;
    this.current?.agent.destroy();
    this.current = undefined;
    for (const p of this.retiring) p.agent.destroy();
    this.retiring.clear();
  }

  private retire(p: Pooled): void {
    p.retired = true;
    if (p.inFlight === 0) p.agent.destroy();
    else this.retiring.add(p);
  }

  private destroy(p: Pooled): void {
    this.retiring.delete(p);
    p.agent.destroy();
  }

  private make(secure: boolean, tls: TlsMaterial): HttpAgent {
    if (!secure) return new HttpAgent({ keepAlive: true, maxSockets: this.maxSockets });
    return new HttpsAgent({
      keepAlive: true,
      maxSockets: this.maxSockets,
      ...(tls.ca ? { ca: tls.ca } : {}),
      ...(tls.cert ? { cert: tls.cert } : {}),
      ...(tls.key ? { key: tls.key as string | Buffer } : {}),
      ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      ...(tls.servername ? { servername: tls.servername } : {}),
    });
  }
}

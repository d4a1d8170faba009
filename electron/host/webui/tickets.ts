// One-time tickets: the iframe's first address carries one, the UI origin trades it for its cookie. A ticket works
// once and for a minute, so one seen in a log or a history is worth nothing.
import { randomBytes, timingSafeEqual } from 'node:crypto';

const TTL_MS = 60_000;
const MAX_OPEN = 100;

export class Tickets {
  private readonly open = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): string {
    const t = randomBytes(24).toString('base64url');
    this.sweep();
    if (this.open.size >= MAX_OPEN) this.open.delete(this.open.keys().next().value!);
    this.open.set(t, this.now() + TTL_MS);
    return t;
  }

  /** True once for a ticket issued here that has not expired. */
  redeem(t: string): boolean {
    this.sweep();
    for (const [k, expires] of this.open) {
      if (k.length === t.length && timingSafeEqual(Buffer.from(k), Buffer.from(t))) {
        this.open.delete(k);
        return expires > this.now();
      }
    }
    return false;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, expires] of this.open) if (expires <= now) this.open.delete(k);
  }
}

export function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// A cluster's route: which way its local proxy uses now, chosen in the order choose.ts gives, with fallback. The
// first way that opens is used until a request through it fails; then a way that had worked is opened again — the
// pod, the address or the credentials found anew, which is how a JobManager pod restart is followed — and a way that
// never worked gives its place to the next one. When none opens, acquire() throws with every way's problem, and the
// next request starts again from the first. One choice at a time: requests that arrive meanwhile wait for it.
import type { AccessMode, AccessWay } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import { waysFor, needsService, wayLabel } from './choose';
import type { RouteLike } from './local-proxy';
import type { RestService } from './rest-service';
import type { Upstream } from './upstream';

/** The rest Service as read for a choice: the Service (null: there is none), or why it could not be read. */
export type ServiceReading = { svc: RestService | null } | { error: string };

/** Opens the ways of one cluster (ways.ts for a cluster on Kubernetes; a test double in unit tests). */
export interface WayOpener {
  /** The rest Service; null when there is none. */
  service(): Promise<RestService | null>;
  /** Opens `way`; `reading` is undefined when the choice did not need the Service. */
  open(way: AccessWay, reading: ServiceReading | undefined): Promise<Upstream>;
}

export interface RouteState {
  way?: AccessWay;
  via: string;
  problem?: string;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class ClusterRoute implements RouteLike {
  private current: { up: Upstream; index: number } | undefined;
  private ways: AccessWay[] = [];
  private nextIndex = 0;
  private readonly problems = new Map<AccessWay, string>();
  private choosing: Promise<Upstream> | undefined;
  private closed = false;
  /** Times no way worked (tests; the tracker tells its own errors from the way's). */
  exhausted = 0;

  constructor(
    private readonly name: string,
    private modeNow: AccessMode,
    private readonly restUrl: string | undefined,
    private readonly opener: WayOpener,
  ) {}

  get mode(): AccessMode {
    return this.modeNow;
  }

  /** Whether a way is open now (false after every way failed, until one opens again). */
  get open(): boolean {
    return this.current !== undefined;
  }

  acquire(): Promise<Upstream> {
    if (this.current) return Promise.resolve(this.current.up);
    return (this.choosing ??= this.choose().finally(() => (this.choosing = undefined)));
  }

  succeeded(up: Upstream): void {
    up.worked = true;
    if (this.current?.up === up) this.problems.delete(up.way);
  }

  failed(up: Upstream, problem: string): void {
    if (this.current?.up !== up) return;
    this.problems.set(up.way, problem);
    this.nextIndex = up.worked ? this.current.index : this.current.index + 1;
    this.current = undefined;
    void up.close();
  }

  /** A new mode (the user pinned a way, or went back to auto): the next request chooses again. */
  async reset(mode: AccessMode): Promise<void> {
    this.modeNow = mode;
    this.problems.clear();
    this.nextIndex = 0;
    const up = this.current?.up;
    this.current = undefined;
    await up?.close();
  }

  state(): RouteState {
    const up = this.current?.up;
    const others = [...this.problems.entries()].filter(([way]) => way !== up?.way);
    const problem = others.map(([way, p]) => `${wayLabel[way]}: ${p}`).join('; ');
    return {
      ...(up ? { way: up.way } : {}),
      via: up ? up.via : this.problems.size ? 'none works' : 'not reached yet',
      ...(problem ? { problem } : {}),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const up = this.current?.up;
    this.current = undefined;
    await up?.close();
  }

  private async choose(): Promise<Upstream> {
    if (this.closed) throw new AppError({ code: 'cancelled', message: `${this.name} is no longer tracked` });
    let reading: ServiceReading | undefined;
    if (needsService(this.modeNow, this.restUrl))
      try {
        reading = { svc: await this.opener.service() };
      } catch (e) {
        // The ways that need the Service fail with this; a port-forward does not need it.
        reading = { error: messageOf(e) };
      }
    const type = reading && 'svc' in reading ? reading.svc?.type : undefined;
    this.ways = waysFor(this.modeNow, { ...(type ? { type } : {}), ...(this.restUrl ? { restUrl: this.restUrl } : {}) });
    for (const way of this.problems.keys()) if (!this.ways.includes(way)) this.problems.delete(way);
    for (let i = this.nextIndex; i < this.ways.length; i++) {
      const way = this.ways[i]!;
      try {
        const up = await this.opener.open(way, reading);
        if (this.closed) {
          await up.close();
          throw new AppError({ code: 'cancelled', message: `${this.name} is no longer tracked` });
        }
        this.current = { up, index: i };
        return up;
      } catch (e) {
        if (e instanceof AppError && e.code === 'cancelled') throw e;
        this.problems.set(way, messageOf(e));
      }
    }
    this.nextIndex = 0;
    this.exhausted++;
    const tried = this.ways.map((w) => `${wayLabel[w]}: ${this.problems.get(w) ?? 'not tried'}`).join('; ');
    throw new AppError({
      code: 'unreachable',
      message: `No way to the REST endpoint of ${this.name} works (${tried})`,
      hint:
        this.modeNow === 'auto'
          ? 'Check that the JobManager runs, and that your user may read its Service and pods and use pods/portforward or services/proxy'
          : `The way is pinned to ${wayLabel[this.modeNow]}: set access back to auto to let Flink Desk pick one`,
    });
  }
}

// Which way a cluster is reached by, and what happens when it fails: the order by exposed type (choose.ts) and the
// route's fallback (route.ts), on a test double of the ways (named as one: it opens upstreams that only carry a
// name, nothing is connected). Every way's failure is what the test double is told to throw.
import { describe, expect, it } from 'vitest';
import type { AccessMode, AccessWay } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import { waysFor } from '../../../electron/services/access/choose';
import type { RestService } from '../../../electron/services/access/rest-service';
import { ClusterRoute, type ServiceReading, type WayOpener } from '../../../electron/services/access/route';
import type { Upstream } from '../../../electron/services/access/upstream';

describe('the order of the ways', () => {
  it.each<[AccessMode, string | undefined, string | undefined, AccessWay[]]>([
    ['auto', 'ClusterIP', undefined, ['port-forward', 'service-proxy']],
    ['auto', undefined, undefined, ['port-forward', 'service-proxy']],
    ['auto', 'NodePort', undefined, ['direct', 'port-forward', 'service-proxy']],
    ['auto', 'LoadBalancer', undefined, ['direct', 'port-forward', 'service-proxy']],
    ['auto', 'ClusterIP', 'http://127.0.0.1:8081', ['rest-url']],
    ['direct', 'ClusterIP', undefined, ['direct']],
    ['port-forward', 'NodePort', undefined, ['port-forward']],
    ['service-proxy', 'LoadBalancer', 'http://127.0.0.1:8081', ['service-proxy']],
  ])('%s with a %s Service (REST URL %s): %j', (mode, type, restUrl, ways) => {
    expect(waysFor(mode, { ...(type ? { type } : {}), ...(restUrl ? { restUrl } : {}) })).toEqual(ways);
  });
});

/** A test double of the ways: each opens, or throws what the test set; every open and close is recorded. */
class WaysDouble implements WayOpener {
  readonly opened: AccessWay[] = [];
  readonly closed: string[] = [];
  readonly readings: (ServiceReading | undefined)[] = [];
  serviceReads = 0;
  svc: RestService | null | Error = { name: 'orders-rest', namespace: 'flink', type: 'ClusterIP', port: { name: 'rest', port: 8081 } };
  fail = new Map<AccessWay, string>();
  private n = 0;

  service(): Promise<RestService | null> {
    this.serviceReads++;
    return this.svc instanceof Error ? Promise.reject(this.svc) : Promise.resolve(this.svc);
  }

  open(way: AccessWay, reading: ServiceReading | undefined): Promise<Upstream> {
    this.opened.push(way);
    this.readings.push(reading);
    // As ways.ts: direct and the service proxy need the Service, a port-forward does not.
    const unread = (way === 'direct' || way === 'service-proxy') && reading && 'error' in reading ? reading.error : undefined;
    const problem = this.fail.get(way) ?? unread;
    if (problem) return Promise.reject(new AppError({ code: 'unreachable', message: problem }));
    const name = `${way}#${++this.n}`;
    const up: Upstream = {
      way,
      via: name,
      worked: false,
      target: () => Promise.reject(new Error('not used')),
      close: () => {
        this.closed.push(name);
        return Promise.resolve();
      },
    };
    return Promise.resolve(up);
  }
}

const route = (ways: WaysDouble, mode: AccessMode = 'auto', restUrl?: string) =>
  new ClusterRoute('kube:dev/flink/orders', mode, restUrl, ways);

describe('fallback', () => {
  it('ClusterIP: a port-forward first; when it cannot open, the service proxy, and the view says why', async () => {
    const ways = new WaysDouble();
    ways.fail.set('port-forward', 'orders has no JobManager pod in flink');
    const r = route(ways);
    const up = await r.acquire();
    expect(up.way).toBe('service-proxy');
    expect(ways.opened).toEqual(['port-forward', 'service-proxy']);
    expect(r.state()).toEqual({ way: 'service-proxy', via: up.via, problem: 'port-forward: orders has no JobManager pod in flink' });
    // Kept while it works: no new choice, no second read of the Service.
    expect(await r.acquire()).toBe(up);
    expect(ways.serviceReads).toBe(1);
  });

  it('NodePort: direct first; refused on a request, the next request goes by port-forward', async () => {
    const ways = new WaysDouble();
    ways.svc = { name: 'orders-rest', namespace: 'flink', type: 'NodePort', port: { name: 'rest', port: 8081, nodePort: 30081 } };
    const r = route(ways);
    const direct = await r.acquire();
    expect(direct.way).toBe('direct');
    r.failed(direct, '127.0.0.1:30081 refused the connection');
    expect(ways.closed).toEqual([direct.via]);
    const next = await r.acquire();
    expect(next.way).toBe('port-forward');
    expect(r.state().problem).toBe('direct: 127.0.0.1:30081 refused the connection');
    // The Service was read again for the new choice (its type may have changed).
    expect(ways.serviceReads).toBe(2);
  });

  it('a way that worked is opened again when it fails (a JobManager pod replaced), not given up', async () => {
    const ways = new WaysDouble();
    const r = route(ways);
    const first = await r.acquire();
    r.succeeded(first);
    r.failed(first, 'the connection to 127.0.0.1:40000 was closed before an answer came');
    const again = await r.acquire();
    expect(again.way).toBe('port-forward');
    expect(again).not.toBe(first);
    expect(ways.opened).toEqual(['port-forward', 'port-forward']);
    r.succeeded(again);
    expect(r.state()).toEqual({ way: 'port-forward', via: again.via });
  });

  it('when no way works: an error naming each, and the next request tries them all again', async () => {
    const ways = new WaysDouble();
    ways.fail.set('port-forward', 'no JobManager pod');
    ways.fail.set('service-proxy', 'user limited may not use the service proxy');
    const r = route(ways);
    await expect(r.acquire()).rejects.toMatchObject({
      code: 'unreachable',
      message:
        'No way to the REST endpoint of kube:dev/flink/orders works (port-forward: no JobManager pod; service proxy: user limited may not use the service proxy)',
    });
    expect(r.open).toBe(false);
    expect(r.state()).toMatchObject({ via: 'none works' });
    ways.fail.delete('port-forward');
    expect((await r.acquire()).way).toBe('port-forward');
    expect(ways.opened).toEqual(['port-forward', 'service-proxy', 'port-forward']);
  });

  it('a Service that cannot be read fails the ways that need it, not the port-forward', async () => {
    const ways = new WaysDouble();
    ways.svc = new Error('HTTP 403: services "orders-rest" is forbidden');
    ways.fail.set('port-forward', 'no JobManager pod');
    const r = route(ways);
    await expect(r.acquire()).rejects.toThrow(
      '(port-forward: no JobManager pod; service proxy: HTTP 403: services "orders-rest" is forbidden)',
    );
    expect(ways.readings.at(-1)).toEqual({ error: 'HTTP 403: services "orders-rest" is forbidden' });
  });

  it('a pinned way is the only one tried; reset to auto chooses again', async () => {
    const ways = new WaysDouble();
    ways.fail.set('direct', 'orders exposes its REST endpoint as ClusterIP');
    const r = route(ways, 'direct');
    await expect(r.acquire()).rejects.toThrow(/direct: orders exposes its REST endpoint as ClusterIP\)/);
    expect(ways.opened).toEqual(['direct']);
    await r.reset('auto');
    expect((await r.acquire()).way).toBe('port-forward');
    expect(r.mode).toBe('auto');
  });

  it('a REST URL given: auto uses it without reading the Service', async () => {
    const ways = new WaysDouble();
    const r = route(ways, 'auto', 'http://127.0.0.1:8081');
    expect((await r.acquire()).way).toBe('rest-url');
    expect(ways.serviceReads).toBe(0);
  });

  it('requests that arrive during a choice wait for it: one choice, one upstream', async () => {
    const ways = new WaysDouble();
    const r = route(ways);
    const [a, b, c] = await Promise.all([r.acquire(), r.acquire(), r.acquire()]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(ways.opened).toEqual(['port-forward']);
  });

  it('closed: the upstream is closed and no new choice is made', async () => {
    const ways = new WaysDouble();
    const r = route(ways);
    const up = await r.acquire();
    await r.close();
    expect(ways.closed).toEqual([up.via]);
    await expect(r.acquire()).rejects.toMatchObject({ code: 'cancelled' });
  });
});

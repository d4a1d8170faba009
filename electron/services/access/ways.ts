// The ways to one tracked cluster, opened through its context's Kubernetes client (ctx.kube): the REST URL given,
// direct (direct.ts), a port-forward to the JobManager pod (port-forward-upstream.ts) and the API server's service
// proxy (service-proxy.ts). A cluster tracked by its REST URL alone has only the first.
import type { AccessWay, TrackedRef } from '../../../shared/contracts/tracking';
import { AppError } from '../../../shared/errors';
import type { KubeClients } from '../kube';
import { directAddress } from './direct';
import { PortForwardUpstream } from './port-forward-upstream';
import { readRestService, restServiceName, type RestService } from './rest-service';
import type { ServiceReading, WayOpener } from './route';
import { ServiceProxyUpstream } from './service-proxy';
import { HttpUpstream, type Upstream } from './upstream';

function serviceOf(reading: ServiceReading | undefined, ns: string, clusterId: string): RestService {
  if (!reading || 'error' in reading)
    throw new AppError({ code: 'unreachable', message: `cannot read the rest Service: ${reading?.error ?? 'not read'}` });
  if (!reading.svc)
    throw new AppError({
      code: 'not-found',
      message: `there is no rest Service ${restServiceName(clusterId)} in ${ns}`,
      hint: 'The cluster may be gone or still starting',
    });
  return reading.svc;
}

export function kubeWays(kube: Pick<KubeClients, 'for'>, ref: TrackedRef): WayOpener {
  if (ref.kind === 'rest')
    return {
      service: () => Promise.resolve(null),
      open: (way) => {
        if (way !== 'rest-url')
          throw new AppError({ code: 'invalid-input', message: 'A cluster tracked by its REST URL is reached at that URL' });
        return Promise.resolve(new HttpUpstream('rest-url', `REST URL ${ref.restUrl}`, ref.restUrl));
      },
    };
  const client = () => kube.for(ref.context, { kubeconfig: ref.kubeconfig });
  return {
    service: async () => readRestService(await client(), ref.namespace, ref.clusterId),
    open: async (way: AccessWay, reading): Promise<Upstream> => {
      switch (way) {
        case 'rest-url':
          if (!ref.restUrl) throw new AppError({ code: 'invalid-input', message: 'no REST URL was given for it' });
          return new HttpUpstream('rest-url', `REST URL given ${ref.restUrl}`, ref.restUrl);
        case 'direct': {
          const svc = serviceOf(reading, ref.namespace, ref.clusterId);
          const address = await directAddress(await client(), ref.clusterId, svc);
          return new HttpUpstream('direct', address.via, address.url);
        }
        case 'port-forward':
          return PortForwardUpstream.open(await client(), ref.namespace, ref.clusterId);
        case 'service-proxy':
          return new ServiceProxyUpstream(await client(), serviceOf(reading, ref.namespace, ref.clusterId));
      }
    },
  };
}

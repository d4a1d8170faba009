// The serve host's lifecycle: services opened like every front end's, the server listening on 127.0.0.1, then the
// services' background work started; on SIGINT/SIGTERM the services stop first (operations aborted, watchers
// disposed), then the server closes and the process exits.
import type { Services } from '../services/app';
import type { NodeServicesOptions } from '../services/node-runtime';
import { parseHostArgs, UsageError } from './args';
import { startHost as startHttpHost, type HostOptions, type RunningHost } from './server';
import { SocketBroadcaster } from './ws-rpc';
import { ServeWebUi } from './webui/serve-webui';

export interface HostDeps {
  argv: string[];
  rendererDir: string;
  openServices: (options: NodeServicesOptions) => Promise<Services & { dataDir: string }>;
  startHost?: (options: HostOptions) => Promise<RunningHost>;
  signals: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  print: (line: string) => void;
  printError: (line: string) => void;
  exit: (code: number) => void;
}

/** Resolves once the host serves; the process then ends through a signal (exit 0) or a startup failure (1 or 2). */
export async function runHost(deps: HostDeps): Promise<void> {
  let port: number | undefined;
  try {
    ({ port } = parseHostArgs(deps.argv));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    deps.printError(`flink-desk serve: ${e.message}`);
    return deps.exit(2);
  }
  const broadcaster = new SocketBroadcaster();
  // The Flink Web UIs: each on a 127.0.0.1 origin of its own, framed by the host's /webui/ pages.
  const webUi = new ServeWebUi();
  let services: (Services & { dataDir: string }) | undefined;
  let host: RunningHost;
  try {
    services = await deps.openServices({ transport: 'web', events: broadcaster, webUi });
    host = await (deps.startHost ?? startHttpHost)({
      dispatch: services.dispatch,
      broadcaster,
      rendererDir: deps.rendererDir,
      routes: (req, url, res) => webUi.handle(req, url, res),
      ...(port !== undefined ? { port } : {}),
    });
    webUi.setAppOrigin(host.origin);
  } catch (e) {
    await services?.stop();
    const err = e as NodeJS.ErrnoException;
    deps.printError(
      err.code === 'EADDRINUSE'
        ? 'flink-desk serve: that port is in use; pick another with --port or leave it out for a free one'
        : `flink-desk serve: ${err.message}`,
    );
    return deps.exit(1);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await services.stop();
    await host.close();
    deps.exit(0);
  };
  deps.signals.on('SIGINT', () => void stop());
  deps.signals.on('SIGTERM', () => void stop());
  await services.start();
  deps.print(`Flink Desk is serving on ${host.url}\n(data in ${services.dataDir}; Ctrl+C to stop)`);
}

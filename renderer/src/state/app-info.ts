// app.info, read once for every page that shows part of it (version, log file, secret storage, store warnings), and
// again after a reconnect (the host may have restarted with other warnings).
import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../shared/contract';
import { api, onReconnect } from '../api/client';

let cached: Promise<AppInfo> | undefined;
const listeners = new Set<(info: AppInfo) => void>();

function load(): Promise<AppInfo> {
  const p = api.invoke('app.info');
  cached = p;
  p.then(
    (info) => listeners.forEach((l) => l(info)),
    () => {
      if (cached === p) cached = undefined; // asked again by the next page that needs it
    },
  );
  return p;
}
onReconnect(() => void load().catch(() => undefined));

export function useAppInfo(): AppInfo | undefined {
  const [info, setInfo] = useState<AppInfo>();
  useEffect(() => {
    listeners.add(setInfo);
    (cached ?? load()).then(setInfo, () => undefined);
    return () => void listeners.delete(setInfo);
  }, []);
  return info;
}

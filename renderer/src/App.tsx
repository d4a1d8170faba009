import { useEffect, useState, type ComponentType, type SVGProps } from 'react';
import type { AppInfo } from '../../shared/contract';
import { api, onConnectionStatus } from './api/client';
import { Banner } from './components/Banner';
import { ClustersIcon, JobsIcon, RegistryIcon, SettingsIcon } from './components/Icons';
import { ClustersPage } from './pages/ClustersPage';
import { JobsPage } from './pages/JobsPage';
import { RegistryPage } from './pages/RegistryPage';
import { SettingsPage } from './pages/SettingsPage';
import { useRoute, type Route } from './state/router';
import { useSettings, useThemeEffect } from './state/settings';

const nav: { route: Route; label: string; Icon: ComponentType<SVGProps<SVGSVGElement>> }[] = [
  { route: 'jobs', label: 'Jobs', Icon: JobsIcon },
  { route: 'clusters', label: 'Clusters', Icon: ClustersIcon },
  { route: 'registry', label: 'Registry', Icon: RegistryIcon },
  { route: 'settings', label: 'Settings', Icon: SettingsIcon },
];

const pages: Record<Route, ComponentType> = { jobs: JobsPage, clusters: ClustersPage, registry: RegistryPage, settings: SettingsPage };

export function App() {
  const route = useRoute();
  const { saved } = useSettings();
  const [info, setInfo] = useState<AppInfo>();
  const [connected, setConnected] = useState(true);
  useThemeEffect(saved?.['ui.theme']);
  useEffect(() => {
    api.invoke('app.info').then(setInfo, () => undefined);
    return onConnectionStatus(setConnected);
  }, []);
  const Page = pages[route];

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            FD
          </span>
          Flink Desk
        </div>
        {nav.map(({ route: r, label, Icon }) => (
          <a key={r} className="nav-item" href={`#/${r}`} aria-current={r === route ? 'page' : undefined}>
            <Icon className="nav-icon" aria-hidden />
            {label}
          </a>
        ))}
        <div className="sidebar-footer">
          {info && <span>v{info.version}</span>}
          <span>{connected ? '● connected' : '○ reconnecting…'}</span>
        </div>
      </nav>
      <main className="main">
        {(info?.storeWarnings.length || !connected) && (
          <div className="page" style={{ paddingBottom: 0 }}>
            {!connected && (
              <Banner tone="danger" title="Not connected to Flink Desk" hint="The page reconnects by itself when the host is back." />
            )}
            {info?.storeWarnings.map((w) => (
              <Banner key={w} tone="warn" title="Your data needed attention">
                {w}
              </Banner>
            ))}
          </div>
        )}
        <Page />
      </main>
    </div>
  );
}

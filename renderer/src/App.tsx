import { useEffect, useRef, useState, type ComponentType, type SVGProps } from 'react';
import { onConnectionStatus } from './api/client';
import { Banner } from './components/Banner';
import { ClustersIcon, JobsIcon, RegistryIcon, SettingsIcon } from './components/Icons';
import { Loading } from './components/Loading';
import { ClustersPage } from './pages/ClustersPage';
import { JobsPage } from './pages/JobsPage';
import { RegistryPage } from './pages/RegistryPage';
import { SettingsPage } from './pages/SettingsPage';
import { JobNotices } from './notifications/JobNotices';
import { useAppInfo } from './state/app-info';
import { useRoute, type Route } from './state/router';
import { useSettings, useThemeEffect } from './state/settings';

const nav: { route: Route; label: string; Icon: ComponentType<SVGProps<SVGSVGElement>> }[] = [
  { route: 'jobs', label: 'Jobs', Icon: JobsIcon },
  { route: 'clusters', label: 'Clusters', Icon: ClustersIcon },
  { route: 'registry', label: 'Registry', Icon: RegistryIcon },
  { route: 'settings', label: 'Settings', Icon: SettingsIcon },
];

const pages: Record<Route, ComponentType> = { jobs: JobsPage, clusters: ClustersPage, registry: RegistryPage, settings: SettingsPage };

/** After a page change, focus goes to the new page's heading, so a screen reader says where the user is. */
function useFocusHeadingOnRouteChange(route: Route | undefined): void {
  const previous = useRef<Route | undefined>(undefined);
  useEffect(() => {
    const first = previous.current === undefined;
    previous.current = route;
    if (!route || first) return; // the first page keeps the browser's own start (no focus jump on load)
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, [route]);
}

export function App() {
  const route = useRoute();
  const { saved } = useSettings();
  const info = useAppInfo();
  const [connected, setConnected] = useState(true);
  useThemeEffect(saved?.['ui.theme']);
  useEffect(() => onConnectionStatus(setConnected), []);
  useFocusHeadingOnRouteChange(route);
  const Page = route ? pages[route] : undefined;

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
        {Page ? (
          <Page />
        ) : (
          <div className="page">
            <Loading label="Opening Flink Desk…" rows={2} />
          </div>
        )}
      </main>
      <JobNotices />
    </div>
  );
}

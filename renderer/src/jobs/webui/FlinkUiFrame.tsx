// The cluster's Flink Web UI where the page shows it. Desktop: a placeholder whose place is reported to main, which
// lays its own view over it (the page never has the UI's address). Serve mode: an iframe of the host's frame page for
// that cluster (which frames the cluster's UI origin); "loaded" once that page and the UI inside it have loaded. The
// frame page is the app's own, scriptless (its CSP): the sandbox is on the UI's iframe inside it (frame-page.ts) —
// on this one, with the app's origin, allow-scripts and allow-same-origin together would mean nothing.
import { useRef, useState } from 'react';
import type { WebUiOpened } from '../../../../shared/contracts/webui';
import { useViewPlacement } from './use-view-placement';

export function FlinkUiFrame({ ui }: { ui: WebUiOpened }) {
  const placeholder = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState(ui.embed === 'view');
  useViewPlacement(ui.id, placeholder, ui.embed === 'view');
  return (
    <div className="flink-ui-frame" ref={placeholder} data-embed={ui.embed}>
      {ui.embed === 'iframe' && ui.url && (
        <iframe key={ui.url} src={ui.url} title={ui.title} referrerPolicy="no-referrer" onLoad={() => setLoaded(true)} />
      )}
      {!loaded && (
        <div className="flink-ui-loading" role="status">
          <span className="spinner" aria-hidden /> Loading the Flink dashboard…
        </div>
      )}
    </div>
  );
}

// The job page's "Flink Web UI": the cluster's own dashboard inside the app (jobs, a job's graph, task managers, its
// REST calls through the access layer, whatever the rest Service's exposed type), "Open in browser" beside it, and
// while it cannot be shown, why — in the access layer's words — with Retry.
import { useState } from 'react';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toasts';
import { FlinkUiFrame } from './FlinkUiFrame';
import { useWebUi } from './use-web-ui';
import './webui.css';

export function FlinkUiPanel({ id }: { id: string }) {
  const toast = useToast();
  const { state, retry } = useWebUi(id);
  const [opening, setOpening] = useState(false);
  const [reloads, setReloads] = useState(0);
  const openInBrowser = async () => {
    setOpening(true);
    try {
      const r = await api.invoke('webui.external', { id });
      // Serve mode: the page opens it; a tab of its own, told nothing of this page.
      if (r.url) window.open(r.url, '_blank', 'noopener,noreferrer');
    } catch (e) {
      toast(failureMessage('Not opened', e), 'error');
    } finally {
      setOpening(false);
    }
  };
  return (
    <section className="flink-ui" aria-labelledby="flink-ui-title">
      <div className="flink-ui-head">
        <div>
          <h3 id="flink-ui-title">Flink Web UI</h3>
          <span className="muted">
            {state.status === 'open' && state.ui.via ? `Flink’s own dashboard, reached by ${state.ui.via}` : 'Flink’s own dashboard'}
          </span>
        </div>
        <div className="flink-ui-actions">
          {state.status === 'open' && state.ui.embed === 'iframe' && (
            <Button className="btn-sm" onClick={() => setReloads((n) => n + 1)}>
              Reload
            </Button>
          )}
          <Button className="btn-sm" onClick={() => void openInBrowser()} busy={opening} disabled={state.status === 'failed'}>
            Open in browser
          </Button>
        </div>
      </div>
      {state.status === 'opening' && (
        <div className="flink-ui-frame">
          <div className="flink-ui-loading" role="status">
            <span className="spinner" aria-hidden /> Reaching the cluster…
          </div>
        </div>
      )}
      {state.status === 'failed' && (
        <Banner tone="danger" title={state.error.message} {...(state.error.hint ? { hint: state.error.hint } : {})}>
          <div className="banner-actions">
            <Button onClick={retry}>Retry</Button>
          </div>
        </Banner>
      )}
      {state.status === 'open' && <FlinkUiFrame key={`${state.ui.url ?? 'view'}#${reloads}`} ui={state.ui} />}
    </section>
  );
}

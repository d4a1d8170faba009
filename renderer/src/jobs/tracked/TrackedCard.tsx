// The Jobs page's tracked list (issue 10): every tracked job and session cluster with its state — reported by Flink
// or inferred, drawn differently — the age of the last successful poll, TaskManagers and slots, the last checkpoint
// and the access path; filtered by context, namespace and state, searched, sorted by any column, live from
// tracking.changed, virtualised for 1,000 rows; details with the evidence and history; Track and Stop tracking.
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import type { FlinkClusterView } from '../../../../shared/contracts/deploy';
import { api } from '../../api/client';
import { failureMessage } from '../../api/failure';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toasts';
import { useSettings } from '../../state/settings';
import { OfferedClusters, trackedIdOf } from './OfferedClusters';
import { TipLayer } from './Tip';
import { TrackedDetails } from './TrackedDetails';
import {
  facetsOf,
  filterRows,
  noFilter,
  rowsOf,
  sortRows,
  type RowFilter,
  type RowSort,
  type SortKey,
  type TrackedRow,
} from './tracked-rows';
import { TrackedTable } from './TrackedTable';
import { TrackedToolbar } from './TrackedToolbar';
import { useTracking } from './use-tracking';
import './tracked.css';

export function TrackedCard({ found }: { found: FlinkClusterView[] | undefined }) {
  const toast = useToast();
  const settings = useSettings().saved;
  const intervalSec = settings?.['flink-k8s.tracking.polling-interval-sec.job-status'] ?? 5;
  const { list, error, offsetMs, reload } = useTracking(Math.max(2, intervalSec) * 1000);
  const [filter, setFilter] = useState<RowFilter>(noFilter);
  const deferredFilter = useDeferredValue(filter);
  const [sort, setSort] = useState<RowSort>({ key: 'name', dir: 'asc' });
  const [selectedKey, setSelectedKey] = useState<string>();
  const [stopping, setStopping] = useState<TrackedRow>();
  const opener = useRef<HTMLElement | null>(null);

  const rows = useMemo(() => (list ? rowsOf(list) : []), [list]);
  const facets = useMemo(() => facetsOf(rows, deferredFilter), [rows, deferredFilter]);
  const shown = useMemo(() => sortRows(filterRows(rows, deferredFilter), sort), [rows, deferredFilter, sort]);
  const selected = selectedKey ? rows.find((r) => r.key === selectedKey) : undefined;
  const trackedIds = useMemo(() => new Set(list?.clusters.map((c) => c.id)), [list]);
  const offered = useMemo(() => (list ? (found ?? []).filter((c) => !trackedIds.has(trackedIdOf(c))) : []), [found, list, trackedIds]);

  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  const open = (r: TrackedRow) => {
    opener.current = document.activeElement as HTMLElement | null;
    setSelectedKey((k) => (k === r.key ? undefined : r.key));
  };
  const close = () => {
    setSelectedKey(undefined);
    opener.current?.focus();
  };
  const track = async (c: FlinkClusterView) => {
    try {
      await api.invoke('tracking.add', { context: c.context, namespace: c.namespace, clusterId: c.clusterId });
      toast(`Tracking ${c.clusterId}`);
      reload();
    } catch (e) {
      toast(failureMessage('Not tracked', e), 'error');
    }
  };
  const stopTracking = async (r: TrackedRow) => {
    setStopping(undefined);
    try {
      await api.invoke('tracking.remove', { id: r.cluster.id });
      toast(`Stopped tracking ${r.clusterName}`);
      if (selected?.cluster.id === r.cluster.id) setSelectedKey(undefined);
      reload();
    } catch (e) {
      toast(failureMessage('Still tracked', e), 'error');
    }
  };

  return (
    <Card
      id="tracked"
      title="Tracked jobs and clusters"
      description={`Followed in the background, polled every ${intervalSec} s. A solid state is what Flink reported; an outlined one is what Flink Desk inferred when Flink did not answer — hover or focus it for the evidence.`}
    >
      <TipLayer>
        {error && (
          <Banner
            tone="danger"
            title={`The tracked list could not be read: ${error.message}`}
            {...(error.hint ? { hint: error.hint } : {})}
          >
            <Button onClick={reload}>Retry</Button>
          </Banner>
        )}
        {list && !list.following && (
          <Banner
            tone="warn"
            title="Tracking is not running in this process"
            hint="The states below are as last stored; the app and the serve host follow them."
          />
        )}
        <OfferedClusters offered={offered} onTrack={track} />
        {!list && !error && (
          <div role="status" className="loading-label">
            <span className="spinner" aria-hidden /> Reading the tracked list…
          </div>
        )}
        {list && rows.length === 0 && (
          <p className="muted empty-inline">
            Nothing is tracked yet. A cluster you deploy is tracked from then on; one found in your namespaces can be tracked from here, and
            any REST URL with <code>flink-desk track --rest-url URL</code>.
          </p>
        )}
        {list && rows.length > 0 && (
          <>
            <TrackedToolbar filter={filter} onChange={setFilter} facets={facets} shown={shown.length} total={rows.length} />
            {shown.length === 0 ? (
              <p className="muted empty-inline">Nothing tracked matches these filters.</p>
            ) : (
              <TrackedTable
                rows={shown}
                sort={sort}
                onSort={onSort}
                selectedKey={selectedKey}
                onOpen={open}
                offsetMs={offsetMs}
                staleMs={3 * intervalSec * 1000}
              />
            )}
          </>
        )}
        {selected && <TrackedDetails row={selected} offsetMs={offsetMs} onClose={close} onStopTracking={() => setStopping(selected)} />}
      </TipLayer>
      {stopping && (
        <ConfirmDialog
          title={`Stop tracking ${stopping.clusterName}?`}
          body={
            <p>
              Flink Desk stops polling {stopping.kind === 'application' ? 'this cluster and its job' : 'this cluster and every job in it'}{' '}
              and forgets their states; their history stays. Nothing changes on the cluster. It is tracked again when you deploy it again,
              track it from the clusters found in your namespaces, or run <code>flink-desk track</code>.
            </p>
          }
          confirmLabel="Stop tracking"
          danger
          onConfirm={() => void stopTracking(stopping)}
          onCancel={() => setStopping(undefined)}
        />
      )}
    </Card>
  );
}

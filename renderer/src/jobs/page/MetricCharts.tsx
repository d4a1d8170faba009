// The job page's charts over the time it is open: task managers and slots (tracking's metrics of the cluster),
// records in and out between tasks, busy and backpressured time, and the checkpoint durations Flink remembers.
import type { FlinkJobDetail } from '../../../../shared/contracts/flink';
import type { ClusterSample, Sample } from './use-job-samples';
import { UPlotChart } from './UPlotChart';

export function MetricCharts({ cluster, job, detail }: { cluster: ClusterSample[]; job: Sample[]; detail?: FlinkJobDetail }) {
  const checkpoints = [...(detail?.checkpoints.history ?? [])].filter((c) => c.durationMs !== undefined).sort((a, b) => a.at - b.at);
  return (
    <div className="chart-grid">
      <UPlotChart
        title="Task managers and slots"
        x={cluster.map((s) => s.t)}
        series={[
          { label: 'Task managers', color: '--accent', values: cluster.map((s) => s.taskManagers) },
          { label: 'Slots', color: '--fg-muted', values: cluster.map((s) => s.slotsTotal) },
          { label: 'Free slots', color: '--ok', values: cluster.map((s) => s.slotsFree) },
        ]}
      />
      <UPlotChart
        title="Records between tasks (per second)"
        x={job.map((s) => s.t)}
        series={[
          { label: 'In', color: '--accent', values: job.map((s) => s.recordsIn) },
          { label: 'Out', color: '--info', values: job.map((s) => s.recordsOut) },
        ]}
      />
      <UPlotChart
        title="Busy and backpressured time"
        x={job.map((s) => s.t)}
        yMax={100}
        series={[
          { label: 'Busy', color: '--warn', values: job.map((s) => s.busyPct), unit: ' %' },
          { label: 'Backpressured', color: '--danger', values: job.map((s) => s.backpressuredPct), unit: ' %' },
        ]}
      />
      <UPlotChart
        title="Checkpoint durations"
        x={checkpoints.map((c) => c.at / 1000)}
        series={[{ label: 'Duration', color: '--accent-strong', values: checkpoints.map((c) => c.durationMs), unit: ' ms' }]}
      />
    </div>
  );
}

// The job form's Flink configuration section: any flink-conf key, with the common ones offered.
import { FormSection } from './form-controls';
import { type JobForm } from './job-form';
import { KeyValueEditor } from './RowsEditor';
import { sectionPaths, type SectionProps } from './section-props';

const commonKeys = [
  'execution.checkpointing.interval',
  'execution.checkpointing.mode',
  'state.backend.type',
  'state.checkpoints.dir',
  'state.savepoints.dir',
  'high-availability.type',
  'high-availability.storageDir',
  'restart-strategy.type',
  'taskmanager.memory.managed.fraction',
  'kubernetes.jobmanager.cpu.limit-factor',
  'kubernetes.taskmanager.cpu.limit-factor',
  'metrics.reporters',
];

export function FlinkConfigSection({ ctl, problems }: SectionProps) {
  return (
    <FormSection
      id="section-flink"
      title="Flink configuration"
      description={
        <>
          Any Flink option, as in <code>{ctl.form.flinkVersion.startsWith('2.') ? 'config.yaml' : 'flink-conf.yaml'}</code>. Options that a
          field above sets (cluster id, image, memory, slots…) are refused here, naming the field to use.
        </>
      }
      problems={problems(sectionPaths.flink!)}
    >
      <div className="jf-grid">
        <KeyValueEditor
          ctl={ctl}
          path="spec.flinkConfiguration"
          label="Options"
          rows={ctl.form.flinkConfiguration}
          onChange={(r) => ctl.set({ flinkConfiguration: r })}
          keyPlaceholder="execution.checkpointing.interval"
          valuePlaceholder="30s"
          addLabel="Add option"
          empty="No options: Flink’s defaults apply."
          datalist="flink-keys"
        />
        <datalist id="flink-keys">
          {commonKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </div>
    </FormSection>
  );
}

export type { JobForm };

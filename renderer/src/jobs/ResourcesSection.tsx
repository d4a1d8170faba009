// The job form's resources section: the JobManager's and TaskManagers' cpu, memory, replicas and slots.
import { FormSection, SubHeading, TextField } from './form-controls';
import { sectionPaths, type SectionProps } from './section-props';

export function ResourcesSection({ ctl, problems }: SectionProps) {
  const memoryHelp = 'Flink’s total process memory: 1600m, 2g, 2048 MiB, 2Gi…';
  return (
    <FormSection
      id="section-resources"
      title="Resources"
      description="What the JobManager and each TaskManager request from Kubernetes; memory is Flink’s total process size."
      problems={problems(sectionPaths.resources!)}
    >
      <div className="jf-grid">
        <SubHeading>JobManager</SubHeading>
        <TextField ctl={ctl} path="spec.jobManager.cpu" k="jmCpu" label="CPU" placeholder="1" suffix="cores" help="1, 0.5 or 500m" />
        <TextField ctl={ctl} path="spec.jobManager.memory" k="jmMemory" label="Memory" placeholder="1600m" help={memoryHelp} />
        <TextField
          ctl={ctl}
          path="spec.jobManager.replicas"
          k="jmReplicas"
          label="Replicas"
          placeholder="1"
          help="More than one needs high availability."
        />
        <SubHeading>TaskManager</SubHeading>
        <TextField ctl={ctl} path="spec.taskManager.cpu" k="tmCpu" label="CPU" placeholder="1" suffix="cores" help="Per TaskManager." />
        <TextField ctl={ctl} path="spec.taskManager.memory" k="tmMemory" label="Memory" placeholder="1728m" help={memoryHelp} />
        <TextField
          ctl={ctl}
          path="spec.taskManager.slots"
          k="tmSlots"
          label="Task slots"
          placeholder="1"
          help="taskmanager.numberOfTaskSlots"
        />
      </div>
    </FormSection>
  );
}

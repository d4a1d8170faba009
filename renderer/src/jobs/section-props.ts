// What every section of the job form takes, and which spec paths' problems each section counts (its badge).
import type { FormCtl } from './form-controls';

export interface SectionProps {
  ctl: FormCtl;
  problems: (prefixes: string[]) => number;
}

export const sectionPaths: Record<string, string[]> = {
  job: ['metadata', 'spec.job', 'spec.artifact', 'spec.session', 'spec.dependencies', '(document)'],
  image: ['spec.image', 'spec.flinkVersion'],
  resources: [
    'spec.jobManager.cpu',
    'spec.jobManager.memory',
    'spec.jobManager.replicas',
    'spec.taskManager.cpu',
    'spec.taskManager.memory',
    'spec.taskManager.slots',
  ],
  kubernetes: [
    'spec.context',
    'spec.namespace',
    'spec.clusterId',
    'spec.serviceAccount',
    'spec.rest',
    'spec.labels',
    'spec.annotations',
    'spec.nodeSelector',
    'spec.tolerations',
    'spec.env',
    'spec.secrets',
    'spec.mode',
  ],
  flink: ['spec.flinkConfiguration'],
  templates: ['spec.podTemplate', 'spec.jobManager.podTemplate', 'spec.taskManager.podTemplate'],
};

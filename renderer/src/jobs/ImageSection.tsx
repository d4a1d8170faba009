// The job form's image section: the Flink version, the image to run (one given, or the one Flink Desk builds FROM a
// base image and pushes), its pull policy and pull secrets.
import { Button } from '../components/Button';
import { FormSection, SelectField, StackField, TextField, fid } from './form-controls';
import { clusterIdFrom, flinkVersionChoices } from './job-form';
import { sectionPaths, type SectionProps } from './section-props';

const baseImages = ['flink:1.20', 'flink:1.20-java17', 'flink:1.19', 'flink:1.18', 'flink:2.0', 'flink:2.1', 'flink:2.1-java21'];

export function ImageSection({ ctl, problems, registry }: SectionProps & { registry?: { address: string; namespace: string } }) {
  const f = ctl.form;
  const proposed =
    registry?.address && (f.clusterId || f.name)
      ? `${registry.address}/${registry.namespace}/${clusterIdFrom(f.clusterId || f.name)}:latest`
      : undefined;
  return (
    <FormSection
      id="section-image"
      title="Image"
      description="The container image the JobManager and TaskManagers run."
      problems={problems(sectionPaths.image!)}
    >
      <div className="jf-grid">
        <SelectField
          ctl={ctl}
          path="spec.flinkVersion"
          label="Flink version"
          value={f.flinkVersion}
          onChange={(v) => ctl.set({ flinkVersion: v })}
          help="Decides the configuration keys and file Flink Desk writes (flink-conf.yaml up to 1.20, config.yaml for 2.x)."
          options={flinkVersionChoices.map((v) => ({ value: v, label: `Flink ${v}` }))}
        />
        <SelectField
          ctl={ctl}
          path="spec.image.source"
          label="Image"
          value={f.imageSource}
          onChange={(v) => ctl.set({ imageSource: v })}
          options={[
            { value: 'ref', label: 'A prebuilt image' },
            { value: 'base', label: f.kind === 'session-cluster' ? 'A Flink base image' : 'Build on a Flink base image' },
          ]}
        />
        <SelectField
          ctl={ctl}
          path="spec.image.pullPolicy"
          label="Pull policy"
          value={f.pullPolicy}
          onChange={(v) => ctl.set({ pullPolicy: v })}
          options={[
            { value: '', label: 'Flink’s default (IfNotPresent)' },
            { value: 'IfNotPresent', label: 'IfNotPresent' },
            { value: 'Always', label: 'Always' },
            { value: 'Never', label: 'Never' },
          ]}
        />
        {f.imageSource === 'ref' ? (
          <StackField
            id={fid('spec.image.ref')}
            label="Image reference"
            span={3}
            error={ctl.errors.error('spec.image.ref') ?? ctl.errors.error('spec.image')}
            help={
              <>
                {f.kind === 'application' ? 'An image with the job’s jar in it. ' : 'A Flink image. '}
                {proposed && f.imageRef !== proposed && (
                  <Button variant="ghost" className="btn-link" onClick={() => ctl.set({ imageRef: proposed })}>
                    Use {proposed}
                  </Button>
                )}
              </>
            }
          >
            <input
              id={fid('spec.image.ref')}
              className="input mono wide"
              spellCheck={false}
              autoComplete="off"
              placeholder="registry.example.com/streamx/orders:1.0"
              value={f.imageRef}
              aria-invalid={ctl.errors.error('spec.image.ref') || ctl.errors.error('spec.image') ? true : undefined}
              aria-describedby={`${fid('spec.image.ref')}-error`}
              onChange={(ev) => ctl.set({ imageRef: ev.target.value })}
              onBlur={() => (ctl.errors.reveal('spec.image.ref'), ctl.errors.reveal('spec.image'))}
            />
          </StackField>
        ) : (
          <TextField
            ctl={ctl}
            path="spec.image.base"
            k="imageBase"
            label="Base image"
            span={3}
            list="flink-base-images"
            placeholder="flink:1.20"
            mono
            help={
              f.kind === 'session-cluster'
                ? 'The session cluster runs this image as it is.'
                : 'Flink Desk will build the job’s image on it and push it to your registry; until the image build arrives, deploy needs a prebuilt image.'
            }
          />
        )}
        <datalist id="flink-base-images">
          {baseImages.map((b) => (
            <option key={b} value={b} />
          ))}
        </datalist>
        <TextField
          ctl={ctl}
          path="spec.image.pullSecrets"
          k="pullSecrets"
          label="Image pull secrets"
          placeholder="registry-credentials"
          help="Secret names, separated by commas (the Registry page creates one)."
          span={3}
          optional
          mono
        />
      </div>
    </FormSection>
  );
}

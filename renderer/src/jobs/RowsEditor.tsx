// Editors for the spec's maps and lists: key/value rows (labels, annotations, node selector, Flink configuration),
// tolerations, environment variables (a value or a Secret's key) and mounted Secrets. Each row shows the server's
// problems for its entry (spec.flinkConfiguration.<key>, spec.tolerations.<n>.effect, …) under it.
import type { ReactNode } from 'react';
import { Button } from '../components/Button';
import { FieldError } from '../components/Field';
import { TextInput } from '../components/TextInput';
import { fid, type FormCtl } from './form-controls';
import type { EnvRow, KeyValue, SecretRow, TolerationRow } from './job-form';

function RowError({ id, messages }: { id: string; messages: string[] }) {
  return <FieldError id={id} error={messages.length ? messages.join('; ') : undefined} />;
}

function Rows<R>({
  ctl,
  path,
  label,
  help,
  rows,
  onChange,
  blank,
  addLabel,
  columns,
  renderRow,
  errorsOf,
  empty,
}: {
  ctl: FormCtl;
  path: string;
  label: string;
  help?: ReactNode;
  rows: R[];
  onChange: (rows: R[]) => void;
  blank: R;
  addLabel: string;
  columns: string[];
  renderRow: (row: R, i: number, update: (patch: Partial<R>) => void, id: string) => ReactNode;
  errorsOf: (row: R, i: number) => string[];
  empty?: string;
}) {
  const id = fid(path);
  const groupError = ctl.errors.error(path);
  const update = (i: number) => (patch: Partial<R>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="jf-field span-3 rows-editor" onBlur={() => ctl.errors.reveal(path)}>
      <div className="rows-head">
        <span className="jf-label" id={`${id}-label`}>
          {label}
        </span>
        {help && <span className="field-help">{help}</span>}
      </div>
      <div role="group" aria-labelledby={`${id}-label`} id={id} tabIndex={-1}>
        {rows.length > 0 && (
          <div className="rows-grid" style={{ gridTemplateColumns: `${columns.map(() => 'minmax(0, 1fr)').join(' ')} 32px` }}>
            {columns.map((c) => (
              <span key={c} className="rows-col" aria-hidden>
                {c}
              </span>
            ))}
            <span aria-hidden />
            {rows.map((r, i) => {
              const rowId = `${id}-${i}`;
              const messages = errorsOf(r, i);
              return (
                <div key={i} className="rows-row" data-invalid={messages.length > 0 || undefined}>
                  {renderRow(r, i, update(i), rowId)}
                  <Button
                    variant="ghost"
                    className="btn-icon"
                    aria-label={`Remove row ${i + 1} of ${label}`}
                    onClick={() => onChange(rows.filter((_, j) => j !== i))}
                  >
                    ×
                  </Button>
                  <div className="rows-error">
                    <RowError id={rowId} messages={messages} />
                  </div>
                </div>
              );
            })}
          </div>
        )}
        {rows.length === 0 && empty && <div className="rows-empty muted">{empty}</div>}
        <FieldError id={id} error={groupError} />
        <Button className="btn-sm rows-add" onClick={() => onChange([...rows, blank])}>
          + {addLabel}
        </Button>
      </div>
    </div>
  );
}

/** Problems under `prefix.<key>` of a map entry (the key may hold dots: Flink keys). */
function entryErrors(ctl: FormCtl, prefix: string, key: string): string[] {
  const p = `${prefix}.${key.trim()}`;
  return ctl.errors.under(prefix).flatMap(([path, m]) => (path === p || path.startsWith(`${p}.`) ? [m] : []));
}

export function KeyValueEditor({
  ctl,
  path,
  label,
  help,
  rows,
  onChange,
  keyPlaceholder = 'key',
  valuePlaceholder = 'value',
  addLabel = 'Add',
  empty,
  datalist,
}: {
  ctl: FormCtl;
  path: string;
  label: string;
  help?: ReactNode;
  rows: KeyValue[];
  onChange: (rows: KeyValue[]) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  addLabel?: string;
  empty?: string;
  /** Suggested keys (a <datalist> id). */
  datalist?: string;
}) {
  const keys = rows.map((r) => r.key.trim());
  return (
    <Rows
      ctl={ctl}
      path={path}
      label={label}
      help={help}
      rows={rows}
      onChange={onChange}
      blank={{ key: '', value: '' }}
      addLabel={addLabel}
      empty={empty}
      columns={['Key', 'Value']}
      errorsOf={(r, i) => [
        ...entryErrors(ctl, path, r.key),
        ...(r.key.trim() && keys.indexOf(r.key.trim()) !== i ? [`'${r.key.trim()}' is given twice: the last one wins`] : []),
      ]}
      renderRow={(r, i, update, id) => (
        <>
          <TextInput
            id={`${id}-key`}
            className="input mono"
            aria-label={`${label} ${i + 1}: key`}
            placeholder={keyPlaceholder}
            value={r.key}
            list={datalist}
            describedBy={`${id}-error`}
            onChange={(e) => update({ key: e.target.value })}
          />
          <TextInput
            id={`${id}-value`}
            className="input mono"
            aria-label={`${label} ${i + 1}: value`}
            placeholder={valuePlaceholder}
            value={r.value}
            describedBy={`${id}-error`}
            onChange={(e) => update({ value: e.target.value })}
          />
        </>
      )}
    />
  );
}

const select = (id: string, label: string, value: string, options: string[], onChange: (v: string) => void, blankLabel = '(none)') => (
  <select id={id} className="select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
    <option value="">{blankLabel}</option>
    {options.map((o) => (
      <option key={o} value={o}>
        {o}
      </option>
    ))}
  </select>
);

export function TolerationsEditor({
  ctl,
  rows,
  onChange,
}: {
  ctl: FormCtl;
  rows: TolerationRow[];
  onChange: (r: TolerationRow[]) => void;
}) {
  const path = 'spec.tolerations';
  return (
    <Rows
      ctl={ctl}
      path={path}
      label="Tolerations"
      help="Let the JobManager and TaskManager pods run on tainted nodes."
      rows={rows}
      onChange={onChange}
      blank={{ key: '', operator: 'Equal', value: '', effect: 'NoSchedule', seconds: '' }}
      addLabel="Add toleration"
      columns={['Key', 'Operator', 'Value', 'Effect', 'Seconds']}
      errorsOf={(_, i) => ctl.errors.under(`${path}.${i}`).map(([p, m]) => `${p.split('.').pop()}: ${m}`)}
      renderRow={(r, i, update, id) => (
        <>
          <TextInput
            id={`${id}-key`}
            className="input mono"
            aria-label={`Toleration ${i + 1}: key`}
            value={r.key}
            onChange={(e) => update({ key: e.target.value })}
          />
          {select(`${id}-op`, `Toleration ${i + 1}: operator`, r.operator, ['Equal', 'Exists'], (v) =>
            update({ operator: v as TolerationRow['operator'] }),
          )}
          <TextInput
            id={`${id}-value`}
            className="input mono"
            aria-label={`Toleration ${i + 1}: value`}
            value={r.value}
            disabled={r.operator === 'Exists'}
            onChange={(e) => update({ value: e.target.value })}
          />
          {select(
            `${id}-effect`,
            `Toleration ${i + 1}: effect`,
            r.effect,
            ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
            (v) => update({ effect: v as TolerationRow['effect'] }),
            '(any)',
          )}
          <TextInput
            id={`${id}-seconds`}
            className="input"
            inputMode="numeric"
            aria-label={`Toleration ${i + 1}: seconds`}
            placeholder={r.effect === 'NoExecute' ? 'forever' : '—'}
            value={r.seconds}
            disabled={r.effect !== 'NoExecute'}
            onChange={(e) => update({ seconds: e.target.value })}
          />
        </>
      )}
    />
  );
}

export function EnvEditor({ ctl, rows, onChange }: { ctl: FormCtl; rows: EnvRow[]; onChange: (r: EnvRow[]) => void }) {
  const path = 'spec.env';
  return (
    <Rows
      ctl={ctl}
      path={path}
      label="Environment variables"
      help="Set in the JobManager and TaskManager containers; a value can come from a Secret’s key."
      rows={rows}
      onChange={onChange}
      blank={{ name: '', from: 'value', value: '', secretName: '', secretKey: '' }}
      addLabel="Add variable"
      columns={['Name', 'From', 'Value / Secret', 'Secret key']}
      errorsOf={(r) => entryErrors(ctl, path, r.name)}
      renderRow={(r, i, update, id) => (
        <>
          <TextInput
            id={`${id}-name`}
            className="input mono"
            aria-label={`Variable ${i + 1}: name`}
            placeholder="NAME"
            value={r.name}
            onChange={(e) => update({ name: e.target.value })}
          />
          <select
            id={`${id}-from`}
            className="select"
            aria-label={`Variable ${i + 1}: from`}
            value={r.from}
            onChange={(e) => update({ from: e.target.value as EnvRow['from'] })}
          >
            <option value="value">value</option>
            <option value="secret">Secret</option>
          </select>
          {r.from === 'value' ? (
            <TextInput
              id={`${id}-value`}
              className="input mono"
              aria-label={`Variable ${i + 1}: value`}
              value={r.value}
              onChange={(e) => update({ value: e.target.value })}
            />
          ) : (
            <TextInput
              id={`${id}-secret`}
              className="input mono"
              aria-label={`Variable ${i + 1}: Secret name`}
              placeholder="secret-name"
              value={r.secretName}
              onChange={(e) => update({ secretName: e.target.value })}
            />
          )}
          <TextInput
            id={`${id}-key`}
            className="input mono"
            aria-label={`Variable ${i + 1}: Secret key`}
            placeholder={r.from === 'secret' ? 'key' : '—'}
            disabled={r.from !== 'secret'}
            value={r.secretKey}
            onChange={(e) => update({ secretKey: e.target.value })}
          />
        </>
      )}
    />
  );
}

export function SecretsEditor({ ctl, rows, onChange }: { ctl: FormCtl; rows: SecretRow[]; onChange: (r: SecretRow[]) => void }) {
  const path = 'spec.secrets';
  return (
    <Rows
      ctl={ctl}
      path={path}
      label="Mounted Secrets"
      help="Each Secret is mounted as files in the JobManager and TaskManagers (Flink’s kubernetes.secrets)."
      rows={rows}
      onChange={onChange}
      blank={{ name: '', mountPath: '' }}
      addLabel="Add Secret"
      columns={['Secret', 'Mount path']}
      errorsOf={(_, i) => ctl.errors.under(`${path}.${i}`).map(([p, m]) => `${p.split('.').pop()}: ${m}`)}
      renderRow={(r, i, update, id) => (
        <>
          <TextInput
            id={`${id}-name`}
            className="input mono"
            aria-label={`Secret ${i + 1}: name`}
            placeholder="my-secret"
            value={r.name}
            onChange={(e) => update({ name: e.target.value })}
          />
          <TextInput
            id={`${id}-path`}
            className="input mono"
            aria-label={`Secret ${i + 1}: mount path`}
            placeholder="/opt/secrets/my-secret"
            value={r.mountPath}
            onChange={(e) => update({ mountPath: e.target.value })}
          />
        </>
      )}
    />
  );
}

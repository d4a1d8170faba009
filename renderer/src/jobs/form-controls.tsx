// The job form's controls, wired to the server's field paths: each control's id comes from its path, its error is
// the problem the server reported for that path (shown once, see use-revealed-errors), and leaving it reveals that
// problem. Labels sit above the controls (a dense, multi-column form, like Lens or Podman Desktop).
import type { ReactNode } from 'react';
import { FieldError } from '../components/Field';
import { TextInput } from '../components/TextInput';
import type { JobForm } from './job-form';
import type { RevealedErrors } from './use-revealed-errors';

/** The element id of the control for a spec path: spec.jobManager.memory → f-spec-jobManager-memory. */
export const fid = (path: string) => `f-${path.replace(/[^A-Za-z0-9]+/g, '-')}`;

export interface FormCtl {
  form: JobForm;
  set: (patch: Partial<JobForm>) => void;
  errors: RevealedErrors;
}

export function StackField({
  id,
  label,
  help,
  error,
  children,
  span = 1,
  optional,
}: {
  id: string;
  label: ReactNode;
  help?: ReactNode;
  error?: string;
  children: ReactNode;
  /** Grid columns to take (1–3); 3 is the whole row. */
  span?: 1 | 2 | 3;
  optional?: boolean;
}) {
  return (
    <div className={`jf-field span-${span}`}>
      <div className="jf-label-row">
        <label htmlFor={id} className="jf-label">
          {label}
        </label>
        {optional && <span className="jf-optional">optional</span>}
      </div>
      {children}
      <FieldError id={id} error={error} />
      {help && <div className="field-help">{help}</div>}
    </div>
  );
}

type StringKeys = { [K in keyof JobForm]: JobForm[K] extends string ? K : never }[keyof JobForm];

export function TextField({
  ctl,
  path,
  k,
  label,
  help,
  placeholder,
  span,
  optional,
  mono,
  suffix,
  list,
}: {
  ctl: FormCtl;
  /** The spec path whose problems show here. */
  path: string;
  k: StringKeys;
  label: string;
  help?: ReactNode;
  placeholder?: string;
  span?: 1 | 2 | 3;
  optional?: boolean;
  mono?: boolean;
  suffix?: string;
  /** A <datalist> id with suggestions. */
  list?: string;
}) {
  const id = fid(path);
  const error = ctl.errors.error(path);
  const input = (
    <TextInput
      id={id}
      name={path}
      className={`input${mono ? ' mono' : ''}`}
      value={ctl.form[k]}
      invalid={Boolean(error)}
      placeholder={placeholder}
      list={list}
      onChange={(e) => ctl.set({ [k]: e.target.value })}
      onBlur={() => ctl.errors.reveal(path)}
    />
  );
  return (
    <StackField id={id} label={label} help={help} error={error} span={span} optional={optional}>
      {suffix ? (
        <div className="input-row">
          {input}
          <span className="input-suffix">{suffix}</span>
        </div>
      ) : (
        input
      )}
    </StackField>
  );
}

export function SelectField<T extends string>({
  ctl,
  path,
  value,
  onChange,
  label,
  options,
  help,
  span,
}: {
  ctl: FormCtl;
  path: string;
  value: T;
  onChange: (v: T) => void;
  label: string;
  options: { value: T; label: string }[];
  help?: ReactNode;
  span?: 1 | 2 | 3;
}) {
  const id = fid(path);
  const error = ctl.errors.error(path);
  return (
    <StackField id={id} label={label} help={help} error={error} span={span}>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value as T)}
        onBlur={() => ctl.errors.reveal(path)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </StackField>
  );
}

/** A radio group drawn as cards: a choice whose options need a sentence each (kind of job, exposed type). */
export function ChoiceCards<T extends string>({
  name,
  label,
  value,
  onChange,
  options,
  columns = 3,
}: {
  name: string;
  label: string;
  value: T;
  onChange: (v: T) => void;
  options: { value: T; title: string; description: ReactNode; icon?: ReactNode }[];
  columns?: 2 | 3;
}) {
  return (
    <fieldset className="choice-fieldset">
      <legend className="jf-label">{label}</legend>
      <div className={`choice-cards cols-${columns}`}>
        {options.map((o) => (
          <label key={o.value} className="choice-card" data-checked={o.value === value || undefined}>
            <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            {o.icon && <span className="choice-icon">{o.icon}</span>}
            <span className="choice-text">
              <span className="choice-title">{o.title}</span>
              <span className="choice-description">{o.description}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A section of the form: a card with an anchor for the section list, and how many problems it has. */
export function FormSection({
  id,
  title,
  description,
  problems,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  problems: number;
  children: ReactNode;
}) {
  return (
    <section className="card jf-section" id={id} aria-labelledby={`${id}-title`}>
      <div className="card-header jf-section-header">
        <h2 id={`${id}-title`} tabIndex={-1}>
          {title}
          {problems > 0 && (
            <span className="jf-problem-count">
              {problems} problem{problems > 1 ? 's' : ''}
            </span>
          )}
        </h2>
        {description && <p>{description}</p>}
      </div>
      <div className="card-body">{children}</div>
    </section>
  );
}

export function SubHeading({ children, help }: { children: ReactNode; help?: ReactNode }) {
  return (
    <div className="jf-subheading span-3">
      <h3>{children}</h3>
      {help && <p>{help}</p>}
    </div>
  );
}

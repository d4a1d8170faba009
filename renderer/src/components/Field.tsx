import type { ReactNode } from 'react';

/** A labelled form row: label and key on the left; control, error, help on the right. */
export function Field({
  id,
  label,
  settingKey,
  help,
  error,
  dirty,
  children,
}: {
  id: string;
  label: string;
  settingKey?: string;
  help?: ReactNode;
  error?: string;
  dirty?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>
        <span className="field-label">{label}</span>
        {dirty && <span className="dirty-dot" title="Changed, not saved" aria-label="changed, not saved" />}
        {settingKey && (
          <span className="field-key">
            {/* Break long keys after dots, not mid-word. */}
            {settingKey.split('.').map((part, i, all) => (
              <span key={i}>
                {part}
                {i < all.length - 1 && (
                  <>
                    .<wbr />
                  </>
                )}
              </span>
            ))}
          </span>
        )}
      </label>
      <div className="field-control">
        {children}
        <FieldError id={id} error={error} />
        {help && <div className="field-help">{help}</div>}
      </div>
    </div>
  );
}

/**
 * The error of field `id`, as element `${id}-error` (TextInput points aria-describedby at it). Always rendered: a
 * live region must exist before its text changes for the change to be announced. Callers show errors from a blur or
 * a submit on (useShownErrors), so it speaks once per problem.
 */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div className="field-error" id={`${id}-error`} aria-live="polite">
      {error}
    </div>
  );
}

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
        {error && (
          <div className="field-error" id={`${id}-error`} role="alert">
            {error}
          </div>
        )}
        {help && <div className="field-help">{help}</div>}
      </div>
    </div>
  );
}

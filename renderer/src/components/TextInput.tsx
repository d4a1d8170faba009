// A text input wired for the form conventions: no spell-check or autocomplete for identifiers and paths, and when
// invalid, aria-invalid plus a link to the error message (the element `${id}-error` that Field renders).
import type { ComponentProps } from 'react';

export function TextInput({
  id,
  invalid = false,
  describedBy,
  className = 'input',
  ...rest
}: Omit<ComponentProps<'input'>, 'id'> & {
  id: string;
  invalid?: boolean;
  /** The element describing this input; by default the error message, while there is one. */
  describedBy?: string;
}) {
  return (
    <input
      id={id}
      className={className}
      spellCheck={false}
      autoComplete="off"
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy ?? (invalid ? `${id}-error` : undefined)}
      {...rest}
    />
  );
}

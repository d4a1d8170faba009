import type { ComponentProps, ReactNode } from 'react';

type Variant = 'default' | 'primary' | 'danger' | 'ghost';

export function Button({
  variant = 'default',
  busy = false,
  children,
  className,
  ...rest
}: ComponentProps<'button'> & { variant?: Variant; busy?: boolean; children: ReactNode }) {
  const cls = ['btn', variant !== 'default' ? `btn-${variant}` : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type="button" className={cls} aria-busy={busy || undefined} {...rest}>
      {busy && <span className="spinner" aria-hidden />}
      {children}
    </button>
  );
}

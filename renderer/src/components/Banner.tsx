import type { ReactNode } from 'react';

export function Banner({
  tone,
  title,
  children,
  hint,
}: {
  tone: 'warn' | 'danger' | 'info';
  title: string;
  children?: ReactNode;
  hint?: string;
}) {
  return (
    <div className={`banner banner-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <div>
        <strong>{title}</strong>
        {children}
        {hint && <div className="hint">{hint}</div>}
      </div>
    </div>
  );
}

import type { ReactNode } from 'react';

export function Card({ title, description, children, id }: { title?: string; description?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={title && id ? `${id}-title` : undefined}>
      {title && (
        <div className="card-header">
          <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
          {description && <p>{description}</p>}
        </div>
      )}
      <div className="card-body">{children}</div>
    </section>
  );
}

// What a page shows while its data arrives: the shape of what is coming, and a status for screen readers.
export function Loading({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <section className="card loading-card" aria-busy="true">
      <div className="card-body">
        <div role="status" className="loading-label">
          <span className="spinner" aria-hidden /> {label}
        </div>
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="skeleton-row" aria-hidden>
            <span className="skeleton skeleton-label" />
            <span className="skeleton skeleton-input" />
          </div>
        ))}
      </div>
    </section>
  );
}

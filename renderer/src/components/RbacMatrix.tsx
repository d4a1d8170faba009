// Verb × resource grid of an RBAC preflight: allowed, denied or unknown per cell, with why it is needed on hover.
import type { RbacRow, RbacStatus } from '../../../shared/contracts/kube';

const verbOrder = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
const mark: Record<RbacStatus, string> = { allowed: '✓', denied: '✕', unknown: '?' };

export function RbacMatrix({ rows, caption }: { rows: RbacRow[]; caption: string }) {
  const verbs = verbOrder.filter((v) => rows.some((r) => r.verb === v));
  const resources: { key: string; resource: string; group: string; optional: boolean; why: string }[] = [];
  for (const r of rows) {
    const key = `${r.resource}.${r.group}`;
    if (!resources.some((x) => x.key === key))
      resources.push({ key, resource: r.resource, group: r.group, optional: r.optional, why: r.why });
  }
  return (
    <div className="rbac-matrix-wrap">
      <table className="rbac-matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Resource</th>
            {verbs.map((v) => (
              <th key={v} scope="col">
                {v === 'deletecollection' ? (
                  <>
                    delete
                    <wbr />
                    collection
                  </>
                ) : (
                  v
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {resources.map((res) => (
            <tr key={res.key}>
              <th scope="row" title={res.why}>
                <span className="rbac-resource">{res.resource}</span>
                {res.group && <span className="rbac-group">.{res.group}</span>}
                {res.optional && <span className="rbac-optional">optional</span>}
              </th>
              {verbs.map((v) => {
                const cell = rows.find((r) => `${r.resource}.${r.group}` === res.key && r.verb === v);
                if (!cell) return <td key={v} className="rbac-na" aria-label="not needed" />;
                const label = `${v} ${res.resource}: ${cell.status}${cell.reason ? ` — ${cell.reason}` : ''}`;
                return (
                  <td key={v} className={`rbac-cell rbac-${cell.status}`} title={label} aria-label={label}>
                    {mark[cell.status]}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

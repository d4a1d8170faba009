// Every context of every kubeconfig file: cluster server, user, default namespace and the file it comes from.
import type { KubeContextInfo } from '../../../shared/contracts/kube';
import { Badge } from './Badge';
import { Button } from './Button';

export function ContextList({ contexts, onPick }: { contexts: KubeContextInfo[]; onPick: (c: KubeContextInfo) => void }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Context</th>
            <th scope="col">Server</th>
            <th scope="col">User</th>
            <th scope="col">Namespace</th>
            <th scope="col">File</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contexts.map((c) => (
            <tr key={c.name}>
              <td>
                <span className="ctx-name">{c.name}</span> {c.current && <Badge tone="ok">current</Badge>}
              </td>
              <td>
                <code>{c.server || '—'}</code>
              </td>
              <td>{c.user}</td>
              <td>{c.namespace ?? <span className="muted">default</span>}</td>
              <td>
                <code className="muted" title={c.source}>
                  {c.source.split('/').slice(-2).join('/')}
                </code>
              </td>
              <td className="cell-actions">
                <Button variant="ghost" onClick={() => onPick(c)} aria-label={`Use context ${c.name}`}>
                  Use…
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The note above the list while a draft has unsaved changes: what it is, with Discard and Continue editing.
import { Button } from '../../components/Button';
import type { JobDraft } from '../draft';
import { kindLabel } from '../job-labels';

export function DraftNote({ draft, onResume, onDiscard }: { draft: JobDraft; onResume: () => void; onDiscard: () => void }) {
  return (
    <div className="draft-note" role="note">
      <span>
        <strong>Unsaved draft:</strong> {draft.editing ? `changes to ${draft.editing.name}` : draft.form.name || 'a new job'} (
        {kindLabel[draft.form.kind]})
      </span>
      <span className="page-actions">
        <Button variant="ghost" onClick={onDiscard}>
          Discard draft
        </Button>
        <Button onClick={onResume}>Continue editing</Button>
      </span>
    </div>
  );
}

// The tracked table's columns: what each header says, what it sorts by, and the grid track it takes.
import type { SortKey } from './tracked-rows';

export interface Column {
  key: SortKey;
  label: string;
  /** The CSS grid track. */
  track: string;
}

export const columns: Column[] = [
  { key: 'name', label: 'Job or cluster', track: 'minmax(160px, 1.6fr)' },
  { key: 'state', label: 'State', track: '128px' },
  { key: 'where', label: 'Where', track: 'minmax(110px, 1fr)' },
  { key: 'poll', label: 'Last poll', track: '90px' },
  { key: 'slots', label: 'TMs · slots', track: '84px' },
  { key: 'checkpoint', label: 'Checkpoint', track: '92px' },
  { key: 'access', label: 'Access', track: 'minmax(110px, 1fr)' },
];

export const gridTemplate = columns.map((c) => c.track).join(' ');

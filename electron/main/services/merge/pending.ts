// The conflicts one merge run is collecting, shared by the run (merge-records.ts) and the per-person
// step (merge-person.ts); kept apart from both so that neither has to import the other's file.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../core/canonical';
import type { MergeConflict } from '../../../records/shared-docs';

export const sha = (x: string) => createHash('sha256').update(x).digest('hex');
/** An id that is the same every time for the same thing: a merge run twice lists a conflict once. */
const conflictId = (kind: string, key: string, workstation: unknown) => sha(`${kind}|${key}|${canonicalJson(workstation)}`);

export interface Pending {
  conflicts: MergeConflict[];
  known: Set<string>;
  held: Set<string>;
  runId: string;
  station: string;
}

export function conflict(p: Pending, c: Omit<MergeConflict, 'id' | 'runId' | 'station' | 'decided' | 'heldEvents'> & { key: string; heldEvents?: string[] }): void {
  const id = conflictId(c.kind, c.key, c.workstation);
  if (p.known.has(id)) return;
  p.known.add(id);
  const { key: _k, heldEvents = [], ...rest } = c;
  for (const e of heldEvents) p.held.add(e);
  p.conflicts.push({ ...rest, id, runId: p.runId, station: p.station, heldEvents, decided: null });
}

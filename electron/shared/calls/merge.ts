// The calls of reviewing merges of workstations' records.
import { z } from 'zod';
import { call, OFFICE, none } from './common';
import type { MergeRunView, MergeConflictView } from '../views/merge';

export const mergeCalls = {
  'merge.list': call<{ runs: MergeRunView[]; conflicts: MergeConflictView[] }>()(none, OFFICE),
  'merge.decide': call<MergeConflictView>()(z.object({ conflictId: z.string().regex(/^[0-9a-f]{64}$/), choice: z.enum(['server', 'workstation']) }).strict(), OFFICE),
} as const;

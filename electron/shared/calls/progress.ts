// The calls of the office's progress table and ledger.
import { employeeNoSchema } from '../../core/model';
import { call, OFFICE, campaignRef } from './common';
import type { ProgressRow, PersonSessions } from '../views/progress';

export const progressCalls = {
  'progress.table': call<ProgressRow[]>()(campaignRef, [...OFFICE, 'archivist']),
  'progress.person': call<PersonSessions>()(campaignRef.extend({ employeeNo: employeeNoSchema }), [...OFFICE, 'archivist']),
  'progress.ledger': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),
} as const;

// The calls of the office's progress table and ledger.
import { z } from 'zod';
import { employeeNoSchema } from '../../core/model';
import { call, OFFICE, campaignRef } from './common';
import type { ProgressView, PersonSessions } from '../views/progress';

/** The largest page the progress page asks for: enough for a department on one screen, never everyone at once. */
export const PROGRESS_MAX_PAGE = 200;
export const PROGRESS_PAGE = 50;

const progressQuery = campaignRef.extend({
  dept: z.string().max(100).optional(),
  team: z.string().max(100).optional(),
  onlyBehind: z.boolean().optional(),
  /** part of a name or 工号 */
  find: z.string().max(50).optional(),
  page: z.number().int().min(0).max(100_000).optional(),
  pageSize: z.number().int().min(1).max(PROGRESS_MAX_PAGE).optional(),
});

export const progressCalls = {
  'progress.table': call<ProgressView>()(progressQuery, [...OFFICE, 'archivist']),
  'progress.person': call<PersonSessions>()(campaignRef.extend({ employeeNo: employeeNoSchema }), [...OFFICE, 'archivist']),
  'progress.ledger': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),
} as const;

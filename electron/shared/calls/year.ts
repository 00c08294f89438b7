// The calls of the year's training (年度培训): everyone's 学时 of a calendar year, and its ledger.
import { z } from 'zod';
import { call, OFFICE } from './common';
import type { YearView } from '../views/year';

const yearRef = z.object({ year: z.string().regex(/^(19|20|21)\d{2}$/, 'rule.year') });

export const yearCalls = {
  'year.view': call<YearView>()(yearRef, [...OFFICE, 'archivist']),
  'year.ledger': call<{ fileName: string; base64: string }>()(yearRef, [...OFFICE, 'archivist']),
} as const;

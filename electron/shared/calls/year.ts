// The calls of the year's training (年度培训): everyone's 学时 of a calendar year, and its ledger.
import { z } from 'zod';
import { call, OFFICE } from './common';
import type { YearView } from '../views/year';

// a year after the app's this year is refused by the service (the clock is not the contract's)
const yearSchema = z.string().regex(/^(19|20|21)\d{2}$/, 'rule.year');
const yearRef = z.object({ year: yearSchema });

export const yearCalls = {
  /** year absent: this year by the app's clock (a workstation's clock may be ahead of it, or in another zone) */
  'year.view': call<YearView>()(z.object({ year: yearSchema.optional() }), [...OFFICE, 'archivist']),
  'year.ledger': call<{ fileName: string; base64: string }>()(yearRef, [...OFFICE, 'archivist']),
} as const;

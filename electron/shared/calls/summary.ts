// The calls of the 总结报告.
import { z } from 'zod';
import { call, OFFICE, campaignRef } from './common';
import type { SummaryView } from '../views/summary';

export const summaryCalls = {
  'summary.get': call<SummaryView>()(campaignRef, [...OFFICE, 'archivist']),
  'summary.save': call<{ savedAt: string }>()(
    campaignRef.extend({ sections: z.object({ overview: z.string().max(20000), measures: z.string().max(20000), problems: z.string().max(20000), next: z.string().max(20000) }).strict() }).strict(),
    OFFICE,
  ),
  /** the draft to the bureau: an editable .docx, or a PDF */
  'summary.export': call<{ fileName: string; base64: string }>()(campaignRef.extend({ format: z.enum(['docx', 'pdf']) }).strict(), [...OFFICE, 'archivist']),
} as const;

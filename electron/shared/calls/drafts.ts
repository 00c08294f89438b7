// The calls of drafting questions from an official text: the server drafts, the officer reviews,
// and only what the officer accepts enters a bank (the same rules as a question written by hand).
import { z } from 'zod';
import { call, MB, OFFICE } from './common';
import { bankCalls } from './quiz';
import type { DraftsAdded, DraftsView } from '../views/drafts';

export const bankDraftCalls = {
  'bank.drafts': call<DraftsView>()(z.object({ docId: z.string().min(1).max(80) }), OFFICE),
  /** all or nothing, in one write; questions already in the bank are skipped and counted */
  'bank.addDrafts': call<DraftsAdded>()(
    z.object({
      bank: z.string().trim().min(1, 'rule.bankName').max(100),
      questions: z
        .array(bankCalls['bank.save'].input.omit({ id: true }))
        .min(1)
        .max(1000),
    }),
    OFFICE,
    // a long standard's few hundred drafts, each quoting its sentence, pass the 1 MB of an ordinary call
    { maxBytes: 8 * MB },
  ),
} as const;

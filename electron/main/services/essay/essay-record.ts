// What an essay record says, read the same way by the employee's side (essay.ts) and the
// officer's (essay-review.ts): the minimum asked, the parts of older records, the reviews.
import { emptyEssay } from '../../../core/essay';
import type { Campaign, EssayParts, Person } from '../../../core/model';
import type { EssayReview } from '../../../shared/api';
import type { PersonEvent } from '../../../records/events';

export function minCharsFor(c: Campaign, p: Pick<Person, 'category'> | undefined): number {
  return (p && c.essay.minCharsByCategory?.[p.category]) ?? c.essay.minChars;
}

/** Older records have no 5th part: read them as empty. */
export function fullParts(parts: Partial<EssayParts>): EssayParts {
  return { ...emptyEssay(), ...parts };
}

export function reviewsOf(events: readonly PersonEvent[], campaignId: string): EssayReview[] {
  return events
    .filter((e): e is Extract<PersonEvent, { type: 'essay.reviewed' }> => e.type === 'essay.reviewed' && e.data.campaignId === campaignId)
    .map((r) => ({
      at: r.at,
      reviewer: r.by,
      decision: r.data.decision,
      comment: r.data.comment,
      version: r.data.version,
      partComments: r.data.partComments ?? [],
      override: r.data.override ?? null,
    }));
}

// The calls that set up campaigns, list them, and close them.
import { z } from 'zod';
import { campaignInputSchema, isoDateSchema, type Campaign, type CampaignInput } from '../../core/model';
import { TEMPLATE_KINDS } from '../../core/campaign-template';
import { isCalendarDay } from '../../core/days';
import { call, ALL, OFFICE, none, campaignRef } from './common';
import type { CampaignListItem } from '../views/campaign';

export const campaignCalls = {
  /**
   * A new campaign of a kind (default the 警示月), dated from `start` (default: the enterprise's
   * today); a start before today only with `past` (the officer says so).
   */
  'campaign.template': call<CampaignInput>()(
    z
      .object({
        kind: z.enum(TEMPLATE_KINDS).optional(),
        start: isoDateSchema.refine(isCalendarDay, 'rule.dateFormat').optional(),
        past: z.boolean().optional(),
      })
      .strict(),
    OFFICE,
  ),
  'campaign.save': call<Campaign>()(campaignInputSchema, OFFICE),
  /** officers and archivists: every campaign; an employee: those they take part in. Current first, then upcoming, then ended and closed. */
  'campaign.list': call<CampaignListItem[]>()(none, ALL),
  'campaign.get': call<Campaign>()(campaignRef, OFFICE),
  /** closing freezes a campaign: nothing of it changes until an officer opens it again (both audited) */
  'campaign.close': call<Campaign>()(campaignRef, OFFICE),
  'campaign.reopen': call<Campaign>()(campaignRef.extend({ reason: z.string().trim().min(2).max(200) }), OFFICE),
} as const;

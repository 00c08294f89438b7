// The calls that set up campaigns, list them, and close them.
import { z } from 'zod';
import { campaignInputSchema, type Campaign, type CampaignInput } from '../../core/model';
import { call, ALL, OFFICE, none, campaignRef } from './common';
import type { CampaignListItem } from '../views/campaign';

export const campaignCalls = {
  'campaign.template': call<CampaignInput>()(none, OFFICE),
  'campaign.save': call<Campaign>()(campaignInputSchema, OFFICE),
  /** officers and archivists: every campaign; an employee: those they take part in. Current first, then upcoming, then ended and closed. */
  'campaign.list': call<CampaignListItem[]>()(none, ALL),
  'campaign.get': call<Campaign>()(campaignRef, OFFICE),
  /** closing freezes a campaign: nothing of it changes until an officer opens it again (both audited) */
  'campaign.close': call<Campaign>()(campaignRef, OFFICE),
  'campaign.reopen': call<Campaign>()(campaignRef.extend({ reason: z.string().trim().min(2).max(200) }), OFFICE),
} as const;

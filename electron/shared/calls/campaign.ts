// The calls that set up campaigns, and list them.
import { campaignInputSchema, type Campaign, type CampaignInput } from '../../core/model';
import { call, ALL, OFFICE, none, campaignRef } from './common';
import type { CampaignSummary } from '../views/campaign';

export const campaignCalls = {
  'campaign.template': call<CampaignInput>()(none, OFFICE),
  'campaign.save': call<Campaign>()(campaignInputSchema, OFFICE),
  'campaign.list': call<CampaignSummary[]>()(none, ALL),
  'campaign.get': call<Campaign>()(campaignRef, OFFICE),
} as const;

import { who, type Handlers } from '../handler';
import { campaignTemplate, closeCampaign, getCampaign, listCampaigns, reopenCampaign, saveCampaign } from './campaign';
import { planDeleteTask, planFromTemplate, planGet, planSaveTask, planSetDone } from './plan';

export const campaignHandlers = {
  'campaign.template': (p, _c, i) => campaignTemplate(p, i),
  'campaign.save': (p, c, i) => saveCampaign(p, who(c), i),
  'campaign.list': (p, c) => listCampaigns(p, who(c)),
  'campaign.get': (p, _c, i) => getCampaign(p, i.campaignId),
  'campaign.close': (p, c, i) => closeCampaign(p, who(c), i),
  'campaign.reopen': (p, c, i) => reopenCampaign(p, who(c), i),
  'plan.get': (p, _c, i) => planGet(p, i),
  'plan.fromTemplate': (p, _c, i) => planFromTemplate(p, i),
  'plan.saveTask': (p, _c, i) => planSaveTask(p, i),
  'plan.setDone': (p, c, i) => planSetDone(p, who(c), i),
  'plan.deleteTask': (p, _c, i) => planDeleteTask(p, i),
} satisfies Partial<Handlers>;

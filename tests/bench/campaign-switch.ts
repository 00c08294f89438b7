// The officer's campaign picker switching campaigns (`study --years N`): what each call the screens
// make when the picker switches took, the first after the switch.
import type { Ports } from '../../electron/main/services/ports';
import type { CampaignListItem } from '../../electron/shared/api';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const mb = (b: number) => round(b / 1024 / 1024, 1);

/** One switch of the officer's campaign picker: what each call the screens make took, first after the switch. */
export interface Switch {
  to: string;
  state: string;
  ms: Record<(typeof SWITCH_CALLS)[number], number>;
}
export const SWITCH_CALLS = ['campaign.list', 'progress.table', 'campaign.get'] as const;
/** where the picker goes, in turn: the other current campaign, one ended half-way back, the oldest (closed), back to the newest */
const SWITCH_TO = ['other_current', 'ended', 'oldest_closed', 'newest'] as const;

/**
 * The officer switches campaigns: the picker lists them (campaign.list), then the dashboard of the
 * chosen one (progress.table) and the campaign itself (campaign.get), each the first call after the
 * switch. Each is a campaign not viewed just before, so nothing of it is warm but what the store keeps.
 */
export async function switchCampaigns(ports: Ports, officer: string, newest: string, sample: () => void): Promise<Switch[]> {
  const { dispatch } = await import('../../electron/main/transport/dispatch');
  const out: Switch[] = [];
  for (const to of SWITCH_TO) {
    const ms = {} as Switch['ms'];
    let t0 = performance.now();
    const list = await dispatch(ports, 'campaign.list', {}, officer);
    ms['campaign.list'] = performance.now() - t0;
    if (!list.ok) throw new Error(JSON.stringify(list.error));
    const items = list.value as CampaignListItem[];
    const ended = items.filter((c) => c.state === 'ended');
    const pick =
      to === 'other_current'
        ? items.find((c) => c.state === 'current' && c.id !== newest)
        : to === 'ended'
          ? ended[Math.floor(ended.length / 2)]
          : to === 'oldest_closed'
            ? items[items.length - 1]
            : items.find((c) => c.id === newest);
    if (!pick || (to === 'oldest_closed' && pick.state !== 'closed')) throw new Error(`no campaign to switch to (${to})`);
    for (const call of ['progress.table', 'campaign.get'] as const) {
      t0 = performance.now();
      const r = await dispatch(ports, call, { campaignId: pick.id }, officer);
      ms[call] = performance.now() - t0;
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    sample();
    console.log(
      `[bench] switch to ${to} (${pick.name}, ${pick.state}, ${pick.participantCount} people): ${SWITCH_CALLS.map((c) => `${c} ${round(ms[c])} ms`).join(', ')}; RSS ${mb(process.memoryUsage().rss)} MB`,
    );
    out.push({ to, state: pick.state, ms });
  }
  return out;
}

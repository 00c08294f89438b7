// The self-analysis essay (个人剖析材料): autosaved draft, submit, review rounds.
import { checkSubmittable, countEssay, emptyEssay } from '../../core/essay';
import type { EssayView, Input } from '../../shared/api';
import type { Account, PersonFile } from '../storage/data-store';
import { appendEvent } from '../storage/events';
import { getCampaign } from './campaign';
import { essayState } from './derive';
import { badInput, conflict } from './errors';
import { iso, type Ports } from './ports';
import type { Campaign } from '../../core/model';

export function essayView(f: PersonFile, c: Campaign): EssayView {
  const st = essayState(f, c.id);
  const draft = f.open.essayDrafts[c.id];
  const parts = draft?.parts ?? st.latest?.data.parts ?? emptyEssay();
  return {
    campaignId: c.id,
    parts,
    savedAt: draft?.savedAt ?? st.latest?.at ?? null,
    status: st.status,
    minChars: c.essay.minChars,
    version: st.latest?.data.version ?? 0,
    reviews: st.reviewed.map((r) => ({ at: r.at, reviewer: r.by, decision: r.data.decision, comment: r.data.comment, version: r.data.version })),
    accidents: [...c.accidents],
  };
}

export async function getEssay(ports: Ports, caller: Account, input: Input<'essay.get'>): Promise<EssayView> {
  const c = await getCampaign(ports, input.campaignId);
  return essayView(await ports.store.person(caller.employeeNo).read(), c);
}

function assertEditable(f: PersonFile, campaignId: string) {
  const { status } = essayState(f, campaignId);
  if (status === 'submitted') throw conflict('剖析材料已提交，正在审阅中，暂不能修改');
  if (status === 'accepted') throw conflict('剖析材料已通过审阅，不能再修改');
}

export async function saveEssay(ports: Ports, caller: Account, input: Input<'essay.save'>): Promise<{ savedAt: string }> {
  await getCampaign(ports, input.campaignId);
  const savedAt = iso(ports.clock.now());
  await ports.store.person(caller.employeeNo).update((f) => {
    assertEditable(f, input.campaignId);
    f.open.essayDrafts[input.campaignId] = { parts: input.parts, savedAt };
  });
  return { savedAt };
}

export async function submitEssay(ports: Ports, caller: Account, input: Input<'essay.submit'>): Promise<EssayView> {
  const c = await getCampaign(ports, input.campaignId);
  const check = checkSubmittable(input.parts, c.essay.minChars);
  if (!check.ok) {
    if (check.reason === 'empty_part') throw badInput('四个部分都需要填写', `parts.${check.part}`);
    throw badInput(`字数不足：${check.total} / ${check.min}`, 'parts');
  }
  const at = iso(ports.clock.now());
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    assertEditable(f, c.id);
    const version = (essayState(f, c.id).latest?.data.version ?? 0) + 1;
    appendEvent(f.events, 'essay.submitted', { campaignId: c.id, version, parts: input.parts, total: countEssay(input.parts).total }, { at, by: caller.employeeNo });
    delete f.open.essayDrafts[c.id];
    return f;
  });
  return essayView(f, c);
}

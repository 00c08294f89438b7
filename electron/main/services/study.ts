// Self-study time. The backend owns the clock and the totals; the renderer only reports activity.
import { randomUUID } from 'node:crypto';
import { applyBeat, openStudy, policyFromSettings, type OpenStudy } from '../../core/study-time';
import type { BeatReply, Input, MyProgress, StudyStartReply } from '../../shared/api';
import type { Account, PersonFile } from '../storage/data-store';
import { appendEvent } from '../storage/events';
import { getCampaign, summarize } from './campaign';
import { docTitle, listDocs } from './corpus';
import { bestResult, essayState, quizResults, studyTotals } from './derive';
import { badInput, conflict } from './errors';
import { iso, type Ports } from './ports';

function closeOpen(f: PersonFile, s: OpenStudy, title: string, closedBy: 'stop' | 'replaced' | 'recovered', by: string) {
  appendEvent(
    f.events,
    'study.session',
    {
      sessionId: s.id,
      campaignId: s.campaignId,
      docId: s.docId,
      docTitle: title,
      textKey: s.textKey ?? null,
      edition: s.edition ?? null,
      startedAt: s.startedAtIso,
      endedAt: iso(s.lastBeatAt),
      countedMs: s.countedMs,
      excludedMs: { ...s.excludedMs },
      byDay: { ...s.byDay },
      closedBy,
    },
    { at: iso(s.lastBeatAt), by },
  );
  f.open.study = null;
}

async function docTitleOfOpen(ports: Ports, employeeNo: string): Promise<string> {
  const s = (await ports.store.person(employeeNo).read()).open.study;
  return s ? docTitle(ports, s.docId) : '';
}

export async function startStudy(ports: Ports, caller: Account, input: Input<'study.start'>): Promise<StudyStartReply> {
  const campaign = await getCampaign(ports, input.campaignId);
  if (!campaign.documents.some((d) => d.docId === input.docId)) throw badInput('该文件不在本次培训计划的学习清单中', 'docId');
  const { settings } = await ports.store.meta.read();
  const policy = policyFromSettings(settings);
  const now = ports.clock.now();
  const docs = await listDocs(ports);
  const text = docs.find((d) => d.id === input.docId)?.texts.find((t) => t.key === (input.key ?? 'notes')) ?? null;
  const open0 = (await ports.store.person(caller.employeeNo).read()).open.study;
  const prevTitle = open0 ? (docs.find((d) => d.id === open0.docId)?.title ?? open0.docId) : '';
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    const prev = f.open.study;
    // One active session per person: a new start (here or at another workstation) ends the old one.
    if (prev) closeOpen(f, prev, prevTitle, now - prev.lastBeatAt > policy.maxCreditPerBeatMs ? 'recovered' : 'replaced', caller.employeeNo);
    f.open.study = {
      ...openStudy({ id: randomUUID(), campaignId: campaign.id, docId: input.docId, now, nowIso: iso(now) }),
      // the session keeps pointing at the edition it read, even after a newer one is imported
      textKey: text?.key ?? null,
      edition: text?.edition?.sha256 ?? null,
    };
    return f;
  });
  return {
    sessionId: f.open.study!.id,
    beatEveryMs: Math.max(200, Math.round(policy.heartbeatMs / ports.clockSpeed)),
    idleAfterMs: Math.max(500, Math.round(policy.idleLimitMs / ports.clockSpeed)),
    totals: studyTotals(f, campaign, settings, now),
  };
}

export async function beat(ports: Ports, caller: Account, input: Input<'study.beat'>): Promise<BeatReply> {
  const { settings } = await ports.store.meta.read();
  const policy = policyFromSettings(settings);
  const now = ports.clock.now();
  const f = await ports.store.person(caller.employeeNo).update((f) => {
    const s = f.open.study;
    if (!s || s.id !== input.sessionId) throw conflict('本次学习已结束（可能在另一台电脑上开始了学习），请重新打开文件');
    f.open.study = applyBeat(s, { visible: input.visible, focused: input.focused, interacted: input.interacted }, now, policy).session;
    return f;
  });
  const s = f.open.study!;
  const campaign = await getCampaign(ports, s.campaignId);
  const outcome = applyBeat(s, input, now, policy); // elapsed 0: only recomputes the status
  return { status: outcome.status, totals: studyTotals(f, campaign, settings, now), sessionCountedMs: s.countedMs };
}

export async function stopStudy(ports: Ports, caller: Account, input: Input<'study.stop'>): Promise<{ ok: true }> {
  const title = await docTitleOfOpen(ports, caller.employeeNo);
  await ports.store.person(caller.employeeNo).update((f) => {
    const s = f.open.study;
    if (s && s.id === input.sessionId) closeOpen(f, s, title, 'stop', caller.employeeNo);
  });
  return { ok: true };
}

export async function myProgress(ports: Ports, caller: Account, input: Input<'progress.mine'>): Promise<MyProgress> {
  const campaign = await getCampaign(ports, input.campaignId);
  const { settings } = await ports.store.meta.read();
  const f = await ports.store.person(caller.employeeNo).read();
  const results = quizResults(f, campaign.id);
  const openAttempt = Object.values(f.open.quiz).find((a) => a.campaignId === campaign.id) ?? null;
  return {
    campaign: summarize(campaign),
    totals: studyTotals(f, campaign, settings, ports.clock.now()),
    quiz: { attemptsUsed: results.length, best: bestResult(results), openAttemptId: openAttempt?.attemptId ?? null },
    essayStatus: essayState(f, campaign.id).status,
  };
}

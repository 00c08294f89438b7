// Current state derived from a person's events (pure functions of the file and the time).
import { scoreAttempt } from '../core/grading';
import { targetFor, type Campaign, type EssayStatus, type Settings } from '../core/model';
import { localDay } from '../core/study-time';
import { sessionCountsFor } from '../core/campaign-scope';
import type { QuizResult, StudyTotals } from '../core/record-shapes';
import type { PersonFile } from './person';
import type { DeepReadonly } from './versioned';
import type { AttemptSummary, PersonCampaignView, PersonYearView } from './summary';
import type { EventBodies, PersonEvent } from './events';
import { inductionOf, inductionSignOffs } from './induction';

export type { QuizResult, StudyTotals };

type Ev<K extends PersonEvent['type']> = Extract<PersonEvent, { type: K }>;
export function eventsOf<K extends PersonEvent['type']>(f: PersonFile, type: K): Ev<K>[] {
  return f.events.filter((e): e is Ev<K> => e.type === type);
}

/** Every collective session a person is recorded as attending (attended, not later withdrawn), by session id. */
export function attendance(f: Pick<PersonFile, 'events'>): Map<string, EventBodies['collective.attended']> {
  const out = new Map<string, EventBodies['collective.attended']>();
  for (const e of f.events) {
    if (e.type === 'collective.attended') out.set(e.data.sessionId, e.data);
    if (e.type === 'collective.withdrawn') out.delete(e.data.sessionId);
  }
  return out;
}

/** The 研讨 a person spoke at (the last of spoke / unspoke for a session), by session id. */
export function spokenAt(f: Pick<PersonFile, 'events'>): Map<string, EventBodies['collective.spoke'] & { at: string }> {
  const out = new Map<string, EventBodies['collective.spoke'] & { at: string }>();
  for (const e of f.events) {
    if (e.type === 'collective.spoke') out.set(e.data.sessionId, { ...e.data, at: e.at });
    if (e.type === 'collective.unspoke') out.delete(e.data.sessionId);
  }
  return out;
}

/** The collective sessions a person attended in one campaign. */
export function attendedSessions(f: Pick<PersonFile, 'events'>, campaignId: string): EventBodies['collective.attended'][] {
  return [...attendance(f).values()].filter((c) => c.campaignId === campaignId);
}

/** `category`: the person's (their campaign target may differ from the campaign's own, see targetFor). */
export function studyTotals(f: PersonFile, campaign: Campaign, settings: Settings, now: number, category: string | null): StudyTotals {
  const today = localDay(now, settings.utcOffsetMinutes);
  let todayMs = 0;
  let campaignMs = 0;
  const perDocMs: Record<string, number> = {};
  const sessions: { campaignId: string; alsoFor?: string[]; docId: string; countedMs: number; byDay: Record<string, number> }[] = eventsOf(f, 'study.session').map((e) => e.data);
  const o = f.open.study;
  if (o) {
    // an open session shows its provisional time too (counted unless a check is missed)
    const byDay = { ...o.byDay };
    for (const [d, ms] of Object.entries(o.provisionalByDay ?? {})) byDay[d] = (byDay[d] ?? 0) + ms;
    sessions.push({ campaignId: o.campaignId, ...(o.alsoFor ? { alsoFor: o.alsoFor } : {}), docId: o.docId, countedMs: o.countedMs + (o.provisionalMs ?? 0), byDay });
  }
  for (const s of sessions) {
    todayMs += s.byDay[today] ?? 0;
    if (!sessionCountsFor(s, campaign.id)) continue;
    campaignMs += s.countedMs;
    perDocMs[s.docId] = (perDocMs[s.docId] ?? 0) + s.countedMs;
  }
  // 集中学习活动 count towards the campaign apart from self-study (自学), and on the day they were held
  let collectiveMs = 0;
  for (const c of attendedSessions(f, campaign.id)) {
    collectiveMs += c.durationMinutes * 60_000;
    if (c.date === today) todayMs += c.durationMinutes * 60_000;
  }
  // signed levels of 三级安全教育 are training held on their dates, counted as collective time
  for (const s of inductionOf(f, campaign.id)) {
    collectiveMs += s.minutes * 60_000;
    if (s.date === today) todayMs += s.minutes * 60_000;
  }
  return {
    todayMs,
    campaignMs: campaignMs + collectiveMs,
    selfMs: campaignMs,
    collectiveMs,
    perDocMs,
    targetCreditHours: targetFor(campaign, category),
    minutesPerCreditHour: settings.minutesPerCreditHour,
  };
}

export function manualGrades(f: PersonFile, attemptId: string): Record<string, number> {
  const m: Record<string, number> = {};
  for (const g of eventsOf(f, 'quiz.graded')) if (g.data.attemptId === attemptId) m[g.data.questionId] = g.data.score;
  return m;
}

/** The items of an attempt as they stand: the last regrading after a key correction, else as submitted. */
export function effectiveItems(f: PersonFile, e: EventBodies['quiz.submitted']): EventBodies['quiz.submitted']['items'] {
  let items = e.items;
  for (const x of f.events) if (x.type === 'quiz.regraded' && x.data.attemptId === e.attemptId) items = x.data.items;
  return items;
}

export function attemptResult(f: PersonFile, e: EventBodies['quiz.submitted']): QuizResult {
  return resultView(e, e.campaignId, scoreAttempt(effectiveItems(f, e), manualGrades(f, e.attemptId)));
}

/** An attempt's result from its summary (storage/person-summary.ts): the same as attemptResult of the record. */
export function summaryResult(a: DeepReadonly<AttemptSummary>, campaignId: string): QuizResult {
  return resultView(a, campaignId, a);
}

function resultView(
  a: { attemptId: string; submittedAt: string; startedAt: string; passMark: number; timedOut: boolean },
  campaignId: string,
  s: { score: number; max: number; percent: number; pendingCount: number },
): QuizResult {
  return {
    attemptId: a.attemptId,
    campaignId,
    submittedAt: a.submittedAt,
    score: s.score,
    max: s.max,
    percent: s.percent,
    pendingCount: s.pendingCount,
    passed: s.pendingCount > 0 ? null : s.percent >= a.passMark,
    passMark: a.passMark,
    durationMs: Math.max(0, Date.parse(a.submittedAt) - Date.parse(a.startedAt)),
    timedOut: a.timedOut,
  };
}

/** The campaign's hours of a person from their summary and their open session, as studyTotals counts them. */
export function summaryHours(v: PersonCampaignView, campaignId: string): { selfMs: number; collectiveMs: number; studiedMs: number } {
  const open = v.study && sessionCountsFor(v.study, campaignId) ? v.study.countedMs : 0;
  const selfMs = (v.campaign?.selfMs ?? 0) + open;
  const collectiveMs = v.campaign?.collectiveMs ?? 0;
  return { selfMs, collectiveMs, studiedMs: selfMs + collectiveMs };
}

/** A person's counted time in a calendar year from their summary and open session (as yearMs). */
export function summaryYearMs(v: PersonYearView, year: string): number {
  let ms = v.years[year] ?? 0;
  for (const [d, x] of Object.entries(v.study?.byDay ?? {})) if (d.startsWith(`${year}-`)) ms += x;
  return ms;
}

export function quizResults(f: PersonFile, campaignId: string): QuizResult[] {
  return eventsOf(f, 'quiz.submitted')
    .filter((e) => e.data.campaignId === campaignId)
    .map((e) => attemptResult(f, e.data));
}

/** The best attempt: fully graded ones first, then by percent. */
export function bestResult(results: readonly QuizResult[]): QuizResult | null {
  let best: QuizResult | null = null;
  for (const r of results) {
    if (!best) best = r;
    else if ((best.pendingCount > 0 && r.pendingCount === 0) || ((r.pendingCount === 0) === (best.pendingCount === 0) && r.percent > best.percent)) best = r;
  }
  return best;
}

export function essayState(f: PersonFile, campaignId: string) {
  const submitted = eventsOf(f, 'essay.submitted').filter((e) => e.data.campaignId === campaignId);
  const reviewed = eventsOf(f, 'essay.reviewed').filter((e) => e.data.campaignId === campaignId);
  const latest = submitted[submitted.length - 1];
  const latestReview = reviewed[reviewed.length - 1];
  let status: EssayStatus = 'not_started';
  if (latest) {
    if (latestReview && latestReview.data.version === latest.data.version) status = latestReview.data.decision === 'accept' ? 'accepted' : 'returned';
    else status = 'submitted';
  } else if (f.open.essayDrafts[campaignId]) status = 'draft';
  return { status, latest, submitted, reviewed };
}

/** Everything counted in a calendar year (local dates), over all campaigns (三级安全教育 levels included): the annual retraining figure. */
export function yearMs(f: PersonFile, year: string): number {
  let ms = 0;
  const add = (rec: Record<string, number> | undefined) => {
    for (const [d, v] of Object.entries(rec ?? {})) if (d.startsWith(`${year}-`)) ms += v;
  };
  for (const e of eventsOf(f, 'study.session')) add(e.data.byDay);
  if (f.open.study) {
    add(f.open.study.byDay);
    add(f.open.study.provisionalByDay);
  }
  for (const c of attendance(f).values()) if (c.date.startsWith(`${year}-`)) ms += c.durationMinutes * 60_000;
  for (const s of inductionSignOffs(f).values()) if (s.date.startsWith(`${year}-`)) ms += s.minutes * 60_000;
  return ms;
}

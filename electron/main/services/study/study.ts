// Self-study time. The backend owns the clock, the totals and the attention checks; the renderer
// only reports activity and shows the prompt.
import { onRoster } from '../roster/on-roster';
import { randomInt, randomUUID } from 'node:crypto';
import { answerCheck, applyBeat, closeStudy, issueCheckIfDue, localDay, openStudy, policyFromSettings, shownMs, statusAt, type OpenStudy, type StudyPolicy } from '../../../core/study-time';
import type { Campaign, Person, Settings } from '../../../core/model';
import type { BeatReply, CheckView, Input, MyProgress, StudyStartReply } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import type { PersonFile } from '../../../records/person';
import { appendEvent, type EventBodies } from '../../../records/events';
import { assertTakesPart, getCampaign, peekCampaign, summarize } from '../campaign/campaign';
import { alsoCountsFor, sessionCountsFor } from '../../../core/campaign-scope';
import { docTitle, docTitleIn, listDocs, PRACTICE_DOC, PRACTICE_KEY } from '../corpus/corpus';
import { inductionOf } from '../../../records/induction';
import { attendedSessions, bestResult, essayState, eventsOf, quizResults, studyTotals, yearMs } from '../../../records/derive';
import { badInput, conflict } from '../errors';
import { iso, type Ports } from '../ports';

/** Characters for attention checks: common, distinct, easy to read and type. */
const CHECK_CHARS = '安全生产防火检查作业设备班组巡检交接监护阀门管道现场规程培训学习';

function newCheck() {
  const a = randomInt(CHECK_CHARS.length);
  let b = randomInt(CHECK_CHARS.length - 1);
  if (b >= a) b += 1;
  return { id: randomUUID(), code: CHECK_CHARS[a]! + CHECK_CHARS[b]! };
}

/** The record of an open session, ended now (or at its last beat, if that is later): what is appended as its study.session. */
export function sessionRecord(s0: OpenStudy, title: string, closedBy: 'stop' | 'replaced' | 'recovered', now: number): { data: EventBodies['study.session']; at: string } {
  const s = closeStudy(s0, Math.max(now, s0.lastBeatAt));
  return {
    data: {
      sessionId: s.id,
      campaignId: s.campaignId,
      ...(s.alsoFor?.length ? { alsoFor: [...s.alsoFor] } : {}),
      docId: s.docId,
      docTitle: title,
      textKey: s.textKey ?? null,
      edition: s.edition ?? null,
      startedAt: s.startedAtIso,
      endedAt: iso(s.lastBeatAt),
      countedMs: s.countedMs,
      excludedMs: { ...s.excludedMs },
      byDay: { ...s.byDay },
      checks: { ...s.checks },
      closedBy,
    },
    at: iso(s.lastBeatAt),
  };
}

function closeOpen(f: PersonFile, s0: OpenStudy, title: string, closedBy: 'stop' | 'replaced' | 'recovered', by: string, now: number) {
  const r = sessionRecord(s0, title, closedBy, now);
  appendEvent(f.events, 'study.session', r.data, { at: r.at, by });
  f.open.study = null;
}

/** What the person's closed sessions counted on the day of `now` (for the daily cap). */
function closedToday(f: PersonFile, now: number, p: StudyPolicy): number {
  const day = localDay(now, p.utcOffsetMinutes);
  return eventsOf(f, 'study.session').reduce((n, e) => n + (e.data.byDay[day] ?? 0), 0);
}

function checkView(s: OpenStudy, now: number, speed: number): CheckView | null {
  const c = s.pendingCheck;
  if (!c) return null;
  return { id: c.id, code: c.code, answerWithinMs: Math.max(0, Math.round((c.dueAt - now) / speed)), missed: s.checkMissed || now > c.dueAt };
}

async function docTitleOfOpen(ports: Ports, employeeNo: string): Promise<string> {
  // only the open session's document: the record is not copied (a history of years is large)
  const s = (await ports.store.person(employeeNo).peek()).open.study;
  return s ? docTitle(ports, s.docId) : '';
}

/** A person's category in the roster (their campaign target may depend on it), or null. */
async function categoryOf(ports: Ports, employeeNo: string): Promise<string | null> {
  return (await onRoster(ports, employeeNo))?.category ?? null;
}

export async function startStudy(ports: Ports, caller: Account, input: Input<'study.start'>): Promise<StudyStartReply> {
  // read, never changed: not copied at every start
  const campaign = (await peekCampaign(ports, input.campaignId)) as Campaign;
  const me = (await onRoster(ports, caller.employeeNo)) as Person | null;
  // the campaign guard refuses a closed campaign, and an employee-only caller who does not take part;
  // someone with other roles too is checked here
  assertTakesPart(campaign, me, caller.employeeNo);
  const docs = await listDocs(ports);
  // practice counts as self-study (of its document, or of practice as a whole); the case library
  // is warning education, readable in every campaign
  const practising = input.key === PRACTICE_KEY && (input.docId === PRACTICE_DOC || docs.some((d) => d.id === input.docId));
  const isCase = docs.some((d) => d.id === input.docId && d.case);
  if (!practising && !isCase && !campaign.documents.some((d) => d.docId === input.docId)) throw badInput('study.documentNotCampaignS', {}, 'docId');
  const { settings } = await ports.store.meta.peek();
  const p = policyFromSettings(settings);
  const now = ports.clock.now();
  const text = practising
    ? { key: PRACTICE_KEY, edition: undefined }
    : ((texts) => (input.key ? texts?.find((t) => t.key === input.key) : texts?.[0]) ?? null)(docs.find((d) => d.id === input.docId)?.texts);
  // the time also counts toward the person's other current campaigns that have this document
  const alsoFor = practising ? [] : alsoCountsFor((await ports.store.campaigns.peek()).campaigns as Campaign[], campaign.id, me, input.docId, localDay(now, settings.utcOffsetMinutes));
  // most starts find nothing open and change only the study state (one statement on PostgreSQL)
  const f = await ports.store.person(caller.employeeNo).updateMostlyStudy((f) => {
    const prev = f.open.study;
    // One active session per person: a new start (here or at another workstation) ends the old one.
    // the title from the listing at hand: the record is not read a second time before its update
    if (prev) closeOpen(f, prev, docTitleIn(docs, prev.docId), now - prev.lastBeatAt > p.maxCreditPerBeatMs ? 'recovered' : 'replaced', caller.employeeNo, now);
    f.open.study = {
      ...openStudy({ id: randomUUID(), campaignId: campaign.id, docId: input.docId, now, nowIso: iso(now), policy: p, random01: ports.random() }),
      // the session keeps pointing at the edition it read, even after a newer one is imported
      textKey: text?.key ?? null,
      edition: text?.edition?.sha256 ?? null,
      ...(alsoFor.length ? { alsoFor } : {}),
    };
    return f;
  });
  return {
    sessionId: f.open.study!.id,
    beatEveryMs: Math.max(200, Math.round(p.heartbeatMs / ports.clockSpeed)),
    idleAfterMs: Math.max(500, Math.round(p.idleLimitMs / ports.clockSpeed)),
    totals: studyTotals(f, campaign, settings, now, await categoryOf(ports, caller.employeeNo)),
  };
}

export async function beat(ports: Ports, caller: Account, input: Input<'study.beat'>): Promise<BeatReply> {
  // read, never changed: not copied at every beat
  const settings = (await ports.store.meta.peek()).settings as Settings;
  const p = policyFromSettings(settings);
  const now = ports.clock.now();
  let status!: BeatReply['status'];
  const closed = await closedCampaignIds(ports);
  const f = await ports.store.person(caller.employeeNo).updateStudy((f) => {
    const s = f.open.study;
    if (!s || s.id !== input.sessionId) throw conflict('study.studySessionEndedPerhaps');
    // a campaign closed while the session was open takes no more of its time (its figures are frozen)
    if (closed.has(s.campaignId)) throw conflict('study.campaignClosedDuring');
    if (s.alsoFor?.some((id) => closed.has(id))) s.alsoFor = s.alsoFor.filter((id) => !closed.has(id));
    const other = closedToday(f, now, p);
    const out = applyBeat(s, input, now, p, other);
    f.open.study = issueCheckIfDue(out.session, now, newCheck, p);
    status = statusAt(f.open.study, input, now, p, other);
    return f;
  });
  return reply(ports, f, status, now, settings);
}

async function closedCampaignIds(ports: Ports): Promise<Set<string>> {
  return new Set((await ports.store.campaigns.peek()).campaigns.filter((c) => c.closedAt).map((c) => c.id));
}

/** The beat's answer; `settings` are the ones the beat was judged with (read once per beat). */
async function reply(ports: Ports, f: PersonFile, status: BeatReply['status'], now: number, settings: Settings): Promise<BeatReply> {
  const s = f.open.study!;
  // read, never changed: not copied at every beat
  const campaign = (await peekCampaign(ports, s.campaignId)) as Campaign;
  return { status, totals: studyTotals(f, campaign, settings, now, await categoryOf(ports, f.employeeNo)), sessionCountedMs: shownMs(s), check: checkView(s, now, ports.clockSpeed) };
}

export async function answerAttentionCheck(ports: Ports, caller: Account, input: Input<'study.answerCheck'>): Promise<BeatReply> {
  const { settings } = await ports.store.meta.read();
  const p = policyFromSettings(settings);
  const now = ports.clock.now();
  let status!: BeatReply['status'];
  const f = await ports.store.person(caller.employeeNo).updateStudy((f) => {
    const s = f.open.study;
    if (!s || s.id !== input.sessionId) throw conflict('study.studySessionEndedOpen');
    const r = answerCheck(s, input.checkId, input.answer, now, p, ports.random());
    if (!r.ok) throw badInput(r.reason === 'wrong' ? 'study.checkWrongCharacters' : 'study.checkEnded', {}, 'answer');
    f.open.study = r.session;
    status = statusAt(r.session, { visible: true, focused: true, interacted: true }, now, p, closedToday(f, now, p));
    return f;
  });
  return reply(ports, f, status, now, settings);
}

export async function stopStudy(ports: Ports, caller: Account, input: Input<'study.stop'>): Promise<{ ok: true }> {
  const title = await docTitleOfOpen(ports, caller.employeeNo);
  const now = ports.clock.now();
  await ports.store.person(caller.employeeNo).update((f) => {
    const s = f.open.study;
    if (s && s.id === input.sessionId) closeOpen(f, s, title, 'stop', caller.employeeNo, now);
  });
  return { ok: true };
}

/** Counted time per local day for one campaign: closed and open sessions, collective sessions, signed 三级安全教育 levels. */
export function campaignDays(f: PersonFile, campaignId: string): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (rec: Record<string, number> | undefined) => {
    for (const [d, ms] of Object.entries(rec ?? {})) out[d] = (out[d] ?? 0) + ms;
  };
  for (const e of eventsOf(f, 'study.session')) if (sessionCountsFor(e.data, campaignId)) add(e.data.byDay);
  const o = f.open.study;
  if (o && sessionCountsFor(o, campaignId)) {
    add(o.byDay);
    add(o.provisionalByDay);
  }
  for (const c of attendedSessions(f, campaignId)) add({ [c.date]: c.durationMinutes * 60_000 });
  for (const s of inductionOf(f, campaignId)) add({ [s.date]: s.minutes * 60_000 });
  return out;
}

/** The local dates (YYYY-MM-DD) of the Monday-to-Sunday week containing `now`. */
export function weekOf(now: number, utcOffsetMinutes: number): string[] {
  const local = new Date(now + utcOffsetMinutes * 60_000);
  const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
  return Array.from({ length: 7 }, (_, i) => new Date(local.getTime() + (i - dow) * 86_400_000).toISOString().slice(0, 10));
}

export async function myProgress(ports: Ports, caller: Account, input: Input<'progress.mine'>): Promise<MyProgress> {
  const campaign = await getCampaign(ports, input.campaignId);
  const { settings } = await ports.store.meta.read();
  const f = await ports.store.person(caller.employeeNo).read();
  const results = quizResults(f, campaign.id);
  const openAttempt = Object.values(f.open.quiz).find((a) => a.campaignId === campaign.id) ?? null;
  const now = ports.clock.now();
  const byDay = campaignDays(f, campaign.id);
  const week = weekOf(now, settings.utcOffsetMinutes);
  // the year the campaign shown ran in (a campaign of an earlier year shows that year's total)
  const year = campaign.start.slice(0, 4);
  const category = (await onRoster(ports, caller.employeeNo))?.category ?? null;
  const targets = category ? settings.categoryTargets[category] : null;
  return {
    year: { year, ms: yearMs(f, year), annualCreditHours: targets?.annual ?? 0, initialCreditHours: targets?.initial ?? 0, category },
    campaign: summarize(campaign),
    totals: studyTotals(f, campaign, settings, now, category),
    byDay,
    weekMs: Object.entries(byDay).reduce((n, [d, ms]) => n + (week.includes(d) ? ms : 0), 0),
    quiz: { attemptsUsed: results.length, best: bestResult(results), openAttemptId: openAttempt?.attemptId ?? null, results },
    essayStatus: essayState(f, campaign.id).status,
  };
}

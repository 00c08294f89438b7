// Study-time accounting. The backend owns the clock; the renderer only reports what it saw (window
// visible, focused, screen locked, any input since the last beat). Pure and deterministic: `now`
// and every random choice are parameters; the caller reads `now` from a monotonic clock.
//
// Rules (each excluded millisecond is kept with its reason, as evidence):
// - a clock that went backwards or stood still credits nothing; the part of an interval longer than
//   the cap of one beat is 'gap' (sleep, a frozen PC, a wall-clock jump);
// - hidden, unfocused or locked windows credit nothing;
// - without input, time counts only until lastInteraction + idle limit; after an idle spell, input
//   restarts counting from that beat on;
// - attention checks (防挂机验证): time counted since the last answered check is provisional; a check
//   missed for longer than its answer time turns that provisional time into 'check_missed', and
//   counting stays stopped until the person answers;
// - a day never counts more than the daily cap across all sessions ('daily_cap').
import type { ExcludeReason } from './model';

export interface StudyPolicy {
  idleLimitMs: number;
  heartbeatMs: number;
  /** the most one beat can credit */
  maxCreditPerBeatMs: number;
  utcOffsetMinutes: number;
  dailyCapMs: number;
  checks: { enabled: boolean; minIntervalMs: number; maxIntervalMs: number; answerMs: number };
}

export interface PendingCheck {
  id: string;
  /** what the person must type (two characters) */
  code: string;
  issuedAt: number;
  dueAt: number;
}

export interface OpenStudy {
  id: string;
  campaignId: string;
  /** the other campaigns the session counts toward (core/campaign-scope.ts alsoCountsFor), decided when it starts */
  alsoFor?: string[];
  docId: string;
  /** wall-clock ISO time the session began, for the record */
  startedAtIso: string;
  startedAt: number;
  lastBeatAt: number;
  lastInteractionAt: number;
  /** confirmed counted time (an answered check, or no check due) */
  countedMs: number;
  /** counted since the last answered check: confirmed at the next answer, lost if a check is missed */
  provisionalMs: number;
  excludedMs: Record<ExcludeReason, number>;
  /** confirmed counted time per local day (YYYY-MM-DD) */
  byDay: Record<string, number>;
  provisionalByDay: Record<string, number>;
  checks: { issued: number; answered: number; missed: number };
  pendingCheck: PendingCheck | null;
  /** a missed check stops counting until it is answered */
  checkMissed: boolean;
  nextCheckAt: number | null;
  /** which text was read: 'notes', 'official', …, and for an official text its edition (SHA-256) */
  textKey?: string | null;
  edition?: string | null;
}

export interface Beat {
  visible: boolean;
  focused: boolean;
  interacted: boolean;
  /** the OS says the screen is locked (desktop app); browsers report a locked screen as hidden */
  locked?: boolean;
}

export type StudyStatus = { counting: true } | { counting: false; reason: ExcludeReason };

export interface BeatOutcome {
  session: OpenStudy;
  creditedMs: number;
  status: StudyStatus;
}

export function policyFromSettings(s: {
  idleLimitSeconds: number;
  heartbeatSeconds: number;
  utcOffsetMinutes: number;
  dailyCapHours: number;
  attentionChecks: boolean;
  attentionCheckMinMinutes: number;
  attentionCheckMaxMinutes: number;
  attentionCheckAnswerSeconds: number;
}): StudyPolicy {
  return {
    idleLimitMs: s.idleLimitSeconds * 1000,
    heartbeatMs: s.heartbeatSeconds * 1000,
    maxCreditPerBeatMs: s.heartbeatSeconds * 2000,
    utcOffsetMinutes: s.utcOffsetMinutes,
    dailyCapMs: s.dailyCapHours * 3_600_000,
    checks: {
      enabled: s.attentionChecks,
      minIntervalMs: s.attentionCheckMinMinutes * 60_000,
      maxIntervalMs: Math.max(s.attentionCheckMinMinutes, s.attentionCheckMaxMinutes) * 60_000,
      answerMs: s.attentionCheckAnswerSeconds * 1000,
    },
  };
}

export function localDay(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function emptyExcluded(): Record<ExcludeReason, number> {
  return { idle: 0, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 };
}

/** The delay to the next check: uniform in [min, max], from a random number in [0, 1). */
export function checkDelay(p: StudyPolicy, random01: number): number {
  return Math.round(p.checks.minIntervalMs + (p.checks.maxIntervalMs - p.checks.minIntervalMs) * random01);
}

export function openStudy(args: { id: string; campaignId: string; docId: string; now: number; nowIso: string; policy: StudyPolicy; random01: number }): OpenStudy {
  return {
    id: args.id,
    campaignId: args.campaignId,
    docId: args.docId,
    startedAtIso: args.nowIso,
    startedAt: args.now,
    lastBeatAt: args.now,
    lastInteractionAt: args.now,
    countedMs: 0,
    provisionalMs: 0,
    excludedMs: emptyExcluded(),
    byDay: {},
    provisionalByDay: {},
    checks: { issued: 0, answered: 0, missed: 0 },
    pendingCheck: null,
    checkMissed: false,
    nextCheckAt: args.policy.checks.enabled ? args.now + checkDelay(args.policy, args.random01) : null,
  };
}

function addTo(rec: Record<string, number>, day: string, ms: number): Record<string, number> {
  return ms === 0 ? rec : { ...rec, [day]: (rec[day] ?? 0) + ms };
}

/** Provisional time becomes counted time (a check was answered, or the session ends normally). */
export function confirmProvisional(s: OpenStudy): OpenStudy {
  const byDay = { ...s.byDay };
  for (const [d, ms] of Object.entries(s.provisionalByDay)) byDay[d] = (byDay[d] ?? 0) + ms;
  return { ...s, countedMs: s.countedMs + s.provisionalMs, provisionalMs: 0, byDay, provisionalByDay: {} };
}

function missCheck(s: OpenStudy): OpenStudy {
  return {
    ...s,
    excludedMs: { ...s.excludedMs, check_missed: s.excludedMs.check_missed + s.provisionalMs },
    provisionalMs: 0,
    provisionalByDay: {},
    checkMissed: true,
    checks: { ...s.checks, missed: s.checks.missed + 1 },
  };
}

/**
 * Credit the interval since the last beat. The interval is judged by the state reported at its end
 * (the renderer beats at once on every visibility or focus change, so intervals follow the state).
 * `otherTodayMs` is what the person's other sessions already counted today (for the daily cap).
 */
export function applyBeat(s0: OpenStudy, beat: Beat, now: number, p: StudyPolicy, otherTodayMs = 0): BeatOutcome {
  let s = s0;
  // A check left unanswered past its time: the time since the last answered check is not counted.
  if (s.pendingCheck && !s.checkMissed && now > s.pendingCheck.dueAt) s = missCheck(s);
  const elapsed = now - s.lastBeatAt;
  if (elapsed <= 0) return { session: s, creditedMs: 0, status: statusAt(s, beat, now, p, otherTodayMs) };
  const excluded = { ...s.excludedMs };
  const gap = Math.max(0, elapsed - p.maxCreditPerBeatMs);
  const window = elapsed - gap;
  excluded.gap += gap;

  let credited = 0;
  if (beat.locked) excluded.locked += window;
  else if (!beat.visible) excluded.hidden += window;
  else if (!beat.focused) excluded.unfocused += window;
  else {
    const windowStart = s.lastBeatAt + gap;
    const activeUntil = s.lastInteractionAt + p.idleLimitMs;
    const wasActiveAtStart = activeUntil > windowStart;
    if (beat.interacted) credited = wasActiveAtStart ? window : 0;
    else credited = Math.max(0, Math.min(window, activeUntil - windowStart));
    excluded.idle += window - credited;
    if (credited > 0 && s.checkMissed) {
      excluded.check_missed += credited;
      credited = 0;
    }
  }
  const day = localDay(now, p.utcOffsetMinutes);
  if (credited > 0) {
    const today = otherTodayMs + (s.byDay[day] ?? 0) + (s.provisionalByDay[day] ?? 0);
    const room = Math.max(0, p.dailyCapMs - today);
    if (credited > room) {
      excluded.daily_cap += credited - room;
      credited = room;
    }
  }
  const lastInteractionAt = beat.interacted && beat.visible && !beat.locked ? now : s.lastInteractionAt;
  const checksOn = p.checks.enabled;
  const session: OpenStudy = {
    ...s,
    lastBeatAt: now,
    lastInteractionAt,
    // with checks on, new time waits for the next answered check; without, it counts at once
    countedMs: s.countedMs + (checksOn ? 0 : credited),
    byDay: checksOn ? s.byDay : addTo(s.byDay, day, credited),
    provisionalMs: s.provisionalMs + (checksOn ? credited : 0),
    provisionalByDay: checksOn ? addTo(s.provisionalByDay, day, credited) : s.provisionalByDay,
    excludedMs: excluded,
  };
  return { session, creditedMs: credited, status: statusAt(session, beat, now, p, otherTodayMs) };
}

/** Issue a check when one is due and none is pending. */
export function issueCheckIfDue(s: OpenStudy, now: number, make: () => { id: string; code: string }, p: StudyPolicy): OpenStudy {
  if (!p.checks.enabled || s.pendingCheck || s.nextCheckAt === null || now < s.nextCheckAt) return s;
  const { id, code } = make();
  return { ...s, pendingCheck: { id, code, issuedAt: now, dueAt: now + p.checks.answerMs }, checks: { ...s.checks, issued: s.checks.issued + 1 } };
}

export type CheckAnswer = { ok: true; session: OpenStudy; late: boolean } | { ok: false; reason: 'no_check' | 'wrong' };

/** The person typed `answer`. In time: the provisional time is confirmed. Late: counting resumes from now. */
export function answerCheck(s0: OpenStudy, checkId: string, answer: string, now: number, p: StudyPolicy, random01: number): CheckAnswer {
  let s = s0;
  if (!s.pendingCheck || s.pendingCheck.id !== checkId) return { ok: false, reason: 'no_check' };
  if (answer.normalize('NFKC').replace(/\s/g, '') !== s.pendingCheck.code) return { ok: false, reason: 'wrong' };
  if (!s.checkMissed && now > s.pendingCheck.dueAt) s = missCheck(s);
  const late = s.checkMissed;
  if (late && now > s.lastBeatAt) {
    // the stretch from the last beat to this late answer belongs to the missed check
    s = { ...s, excludedMs: { ...s.excludedMs, check_missed: s.excludedMs.check_missed + (now - s.lastBeatAt) }, lastBeatAt: now };
  }
  s = late ? s : confirmProvisional(s);
  return {
    ok: true,
    late,
    session: {
      ...s,
      pendingCheck: null,
      checkMissed: false,
      lastInteractionAt: now,
      checks: { ...s.checks, answered: s.checks.answered + 1 },
      nextCheckAt: now + checkDelay(p, random01),
    },
  };
}

/** End of a session: provisional time counts unless a check is overdue (it is then missed). */
export function closeStudy(s: OpenStudy, now: number): OpenStudy {
  const overdue = s.pendingCheck !== null && !s.checkMissed && now > s.pendingCheck.dueAt;
  const t = overdue ? missCheck(s) : s;
  return t.checkMissed ? t : confirmProvisional(t);
}

export function statusAt(s: OpenStudy, beat: Beat, now: number, p: StudyPolicy, otherTodayMs = 0): StudyStatus {
  if (beat.locked) return { counting: false, reason: 'locked' };
  if (!beat.visible) return { counting: false, reason: 'hidden' };
  if (!beat.focused) return { counting: false, reason: 'unfocused' };
  if (s.checkMissed || (s.pendingCheck && now > s.pendingCheck.dueAt)) return { counting: false, reason: 'check_missed' };
  if (now - s.lastInteractionAt >= p.idleLimitMs) return { counting: false, reason: 'idle' };
  const day = localDay(now, p.utcOffsetMinutes);
  if (otherTodayMs + (s.byDay[day] ?? 0) + (s.provisionalByDay[day] ?? 0) >= p.dailyCapMs) return { counting: false, reason: 'daily_cap' };
  return { counting: true };
}

/** What the session has counted so far, provisional time included (for display). */
export function shownMs(s: OpenStudy): number {
  return s.countedMs + s.provisionalMs;
}

/** ms → 学时, rounded down to 0.1 so a display never shows more than was earned. */
export function toCreditHours(ms: number, minutesPerCreditHour: number): number {
  return Math.floor((ms / 60_000 / minutesPerCreditHour) * 10) / 10;
}

export function toHours(ms: number): number {
  return Math.floor((ms / 3_600_000) * 10) / 10;
}

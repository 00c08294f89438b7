// Study-time accounting. The backend owns the clock; the renderer only reports what it saw
// (window visible, window focused, any input since the last beat). Pure and deterministic:
// `now` is always a parameter, taken from a monotonic clock by the caller.
import type { ExcludeReason } from './model';

export interface StudyPolicy {
  idleLimitMs: number;
  heartbeatMs: number;
  /** the most one beat can credit: a longer gap (sleep, frozen PC, clock jump) is excluded as 'gap'. */
  maxCreditPerBeatMs: number;
  utcOffsetMinutes: number;
}

export interface OpenStudy {
  id: string;
  campaignId: string;
  docId: string;
  /** wall-clock ISO time the session began, for the record */
  startedAtIso: string;
  startedAt: number;
  lastBeatAt: number;
  lastInteractionAt: number;
  countedMs: number;
  excludedMs: Record<ExcludeReason, number>;
  /** counted time per local day (YYYY-MM-DD) */
  byDay: Record<string, number>;
  /** which text was read: 'notes', 'official', …, and for an official text its edition (SHA-256) */
  textKey?: string | null;
  edition?: string | null;
}

export interface Beat {
  visible: boolean;
  focused: boolean;
  interacted: boolean;
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
}): StudyPolicy {
  return {
    idleLimitMs: s.idleLimitSeconds * 1000,
    heartbeatMs: s.heartbeatSeconds * 1000,
    maxCreditPerBeatMs: s.heartbeatSeconds * 2000,
    utcOffsetMinutes: s.utcOffsetMinutes,
  };
}

export function localDay(ms: number, utcOffsetMinutes: number): string {
  return new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function emptyExcluded(): Record<ExcludeReason, number> {
  return { idle: 0, hidden: 0, unfocused: 0, gap: 0 };
}

export function openStudy(args: {
  id: string;
  campaignId: string;
  docId: string;
  now: number;
  nowIso: string;
}): OpenStudy {
  return {
    id: args.id,
    campaignId: args.campaignId,
    docId: args.docId,
    startedAtIso: args.nowIso,
    startedAt: args.now,
    lastBeatAt: args.now,
    lastInteractionAt: args.now,
    countedMs: 0,
    excludedMs: emptyExcluded(),
    byDay: {},
  };
}

/**
 * Credit the interval since the last beat. The interval is judged by the state reported at its end
 * (the renderer beats at once on every visibility or focus change, so intervals follow the state).
 * - a clock that went backwards or stood still credits nothing;
 * - the part of the interval longer than maxCreditPerBeat is 'gap';
 * - hidden or unfocused windows credit nothing;
 * - without input, time counts only until lastInteraction + idleLimit; after an idle spell, input
 *   restarts counting from this beat on (we do not know when in the interval it came).
 */
export function applyBeat(s: OpenStudy, beat: Beat, now: number, p: StudyPolicy): BeatOutcome {
  const elapsed = now - s.lastBeatAt;
  if (elapsed <= 0) {
    return { session: s, creditedMs: 0, status: statusAt(s, beat, now, p) };
  }
  const excluded = { ...s.excludedMs };
  const gap = Math.max(0, elapsed - p.maxCreditPerBeatMs);
  const window = elapsed - gap;
  excluded.gap += gap;

  let credited = 0;
  let lastInteractionAt = s.lastInteractionAt;
  if (!beat.visible) {
    excluded.hidden += window;
  } else if (!beat.focused) {
    excluded.unfocused += window;
  } else {
    const windowStart = s.lastBeatAt + gap;
    const activeUntil = s.lastInteractionAt + p.idleLimitMs;
    const wasActiveAtStart = activeUntil > windowStart;
    if (beat.interacted) {
      credited = wasActiveAtStart ? window : 0;
    } else {
      credited = Math.max(0, Math.min(window, activeUntil - windowStart));
    }
    excluded.idle += window - credited;
  }
  if (beat.interacted && beat.visible) lastInteractionAt = now;

  const day = localDay(now, p.utcOffsetMinutes);
  const byDay = { ...s.byDay };
  if (credited > 0) byDay[day] = (byDay[day] ?? 0) + credited;
  const session: OpenStudy = {
    ...s,
    lastBeatAt: now,
    lastInteractionAt,
    countedMs: s.countedMs + credited,
    excludedMs: excluded,
    byDay,
  };
  return { session, creditedMs: credited, status: statusAt(session, beat, now, p) };
}

function statusAt(s: OpenStudy, beat: Beat, now: number, p: StudyPolicy): StudyStatus {
  if (!beat.visible) return { counting: false, reason: 'hidden' };
  if (!beat.focused) return { counting: false, reason: 'unfocused' };
  if (now - s.lastInteractionAt >= p.idleLimitMs) return { counting: false, reason: 'idle' };
  return { counting: true };
}

/** ms → 学时, rounded down to 0.1 so a display never shows more than was earned. */
export function toCreditHours(ms: number, minutesPerCreditHour: number): number {
  return Math.floor((ms / 60_000 / minutesPerCreditHour) * 10) / 10;
}

export function toHours(ms: number): number {
  return Math.floor((ms / 3_600_000) * 10) / 10;
}

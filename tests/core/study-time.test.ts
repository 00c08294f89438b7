import { describe, expect, it } from 'vitest';
import {
  answerCheck,
  applyBeat,
  closeStudy,
  emptyExcluded,
  issueCheckIfDue,
  localDay,
  openStudy,
  shownMs,
  toCreditHours,
  type Beat,
  type OpenStudy,
  type StudyPolicy,
} from '../../electron/core/study-time';

const NO_CHECKS = { enabled: false, minIntervalMs: 600_000, maxIntervalMs: 1_200_000, answerMs: 60_000 };
const P: StudyPolicy = { idleLimitMs: 120_000, heartbeatMs: 15_000, maxCreditPerBeatMs: 30_000, utcOffsetMinutes: 480, dailyCapMs: 8 * 3600_000, checks: NO_CHECKS };
const T0 = Date.parse('2024-09-06T01:00:00Z');
const active: Beat = { visible: true, focused: true, interacted: true };
const quiet: Beat = { visible: true, focused: true, interacted: false };

function run(beats: [number, Beat][], start = T0, p = P): OpenStudy {
  let s = openStudy({ id: 's', campaignId: 'c', docId: 'd', now: start, nowIso: new Date(start).toISOString(), policy: p, random01: 0 });
  for (const [t, b] of beats) s = applyBeat(s, b, t, p).session;
  return s;
}

describe('study-time accounting', () => {
  it('credits every interval while the person interacts', () => {
    const s = run([1, 2, 3, 4].map((i) => [T0 + i * 15_000, active]));
    expect(s.countedMs).toBe(60_000);
    expect(s.excludedMs).toEqual(emptyExcluded());
  });

  it('stops counting at the idle limit when there is no input', () => {
    // one input at start, then 10 minutes of quiet beats every 15 s
    const beats: [number, Beat][] = [];
    for (let i = 1; i <= 40; i++) beats.push([T0 + i * 15_000, quiet]);
    const s = run(beats);
    expect(s.countedMs).toBe(120_000);
    expect(s.excludedMs.idle).toBe(600_000 - 120_000);
  });

  it('after an idle spell, input restarts counting from that beat, not retroactively', () => {
    const beats: [number, Beat][] = [];
    for (let i = 1; i <= 20; i++) beats.push([T0 + i * 15_000, quiet]); // 5 min, 2 counted
    beats.push([T0 + 21 * 15_000, active]); // input after idle: this interval is not credited
    beats.push([T0 + 22 * 15_000, quiet]); // counted again
    const s = run(beats);
    expect(s.countedMs).toBe(120_000 + 15_000);
  });

  it('does not count a hidden or unfocused window', () => {
    const s = run([
      [T0 + 15_000, { visible: false, focused: false, interacted: false }],
      [T0 + 30_000, { visible: true, focused: false, interacted: true }],
      [T0 + 45_000, active],
    ]);
    expect(s.excludedMs.hidden).toBe(15_000);
    expect(s.excludedMs.unfocused).toBe(15_000);
    expect(s.countedMs).toBe(15_000);
  });

  it('a long gap between beats (sleep, frozen PC, clock jump) credits nothing; counting resumes after', () => {
    const s = run([
      [T0 + 8 * 3600_000, active],
      [T0 + 8 * 3600_000 + 15_000, active],
    ]);
    expect(s.excludedMs.gap).toBe(8 * 3600_000 - 30_000);
    expect(s.excludedMs.idle).toBe(30_000);
    expect(s.countedMs).toBe(15_000);
  });

  it('a gap just over the cap while active credits only the capped part', () => {
    const s = run([
      [T0 + 10_000, active],
      [T0 + 10_000 + 45_000, active],
    ]);
    expect(s.countedMs).toBe(10_000 + 30_000);
    expect(s.excludedMs.gap).toBe(15_000);
  });

  it('a clock that goes backwards credits nothing', () => {
    const s = run([
      [T0 + 15_000, active],
      [T0 - 3600_000, active],
    ]);
    expect(s.countedMs).toBe(15_000);
    expect(s.lastBeatAt).toBe(T0 + 15_000);
  });

  it('reports why counting is paused', () => {
    let s = run([]);
    expect(applyBeat(s, { visible: false, focused: true, interacted: false }, T0 + 1000, P).status).toEqual({ counting: false, reason: 'hidden' });
    expect(applyBeat(s, { visible: true, focused: false, interacted: false }, T0 + 1000, P).status).toEqual({ counting: false, reason: 'unfocused' });
    s = run([[T0 + 150_000, quiet]]);
    expect(applyBeat(s, quiet, T0 + 151_000, P).status).toEqual({ counting: false, reason: 'idle' });
    expect(applyBeat(s, active, T0 + 151_000, P).status).toEqual({ counting: true });
  });

  it('attributes time to the local (UTC+8) day of the beat', () => {
    const lateUtc = Date.parse('2024-09-06T15:59:50Z'); // 23:59:50 in Beijing
    const s = run(
      [
        [lateUtc + 5_000, active],
        [lateUtc + 20_000, active], // 00:00:10 next day
      ],
      lateUtc,
    );
    expect(s.byDay).toEqual({ '2024-09-06': 5_000, '2024-09-07': 15_000 });
    expect(localDay(lateUtc, 480)).toBe('2024-09-06');
  });

  it('does not count while the screen is locked', () => {
    const s = run([
      [T0 + 15_000, { visible: true, focused: true, interacted: false, locked: true }],
      [T0 + 30_000, active],
    ]);
    expect(s.excludedMs.locked).toBe(15_000);
    expect(s.countedMs).toBe(15_000); // back within the idle limit: the interval after unlocking counts
  });

  it('caps a day across sessions: what other sessions counted today is taken into account', () => {
    let s = openStudy({ id: 's', campaignId: 'c', docId: 'd', now: T0, nowIso: '', policy: P, random01: 0 });
    const other = 8 * 3600_000 - 20_000; // other sessions today: 7 h 59 min 40 s
    s = applyBeat(s, active, T0 + 15_000, P, other).session;
    const out = applyBeat(s, active, T0 + 30_000, P, other);
    expect(out.session.countedMs).toBe(20_000);
    expect(out.session.excludedMs.daily_cap).toBe(10_000);
    expect(out.status).toEqual({ counting: false, reason: 'daily_cap' });
  });

  it('converts to 学时 with the configured minutes, rounding down', () => {
    expect(toCreditHours(45 * 60_000, 45)).toBe(1);
    expect(toCreditHours(67 * 60_000, 45)).toBe(1.4);
    expect(toCreditHours(44 * 60_000, 45)).toBe(0.9);
    expect(toCreditHours(60 * 60_000, 60)).toBe(1);
  });
});

describe('attention checks (防挂机验证)', () => {
  const C: StudyPolicy = { ...P, checks: { enabled: true, minIntervalMs: 600_000, maxIntervalMs: 1_200_000, answerMs: 60_000 } };
  const make = () => ({ id: 'chk', code: '安全' });
  /** active reading every 15 s from `from` to `to`, issuing checks as the service does */
  function read(s0: OpenStudy, from: number, to: number): OpenStudy {
    let s = s0;
    for (let t = from + 15_000; t <= to; t += 15_000) s = issueCheckIfDue(applyBeat(s, active, t, C).session, t, make, C);
    return s;
  }
  const start = () => openStudy({ id: 's', campaignId: 'c', docId: 'd', now: T0, nowIso: '', policy: C, random01: 0 });

  it('the first check comes after the minimum interval (random 0) and the maximum (random 1)', () => {
    expect(start().nextCheckAt).toBe(T0 + 600_000);
    expect(openStudy({ id: 's', campaignId: 'c', docId: 'd', now: T0, nowIso: '', policy: C, random01: 0.999999 }).nextCheckAt).toBe(T0 + 1_199_999);
  });

  it('time since the last answered check is provisional; answering in time confirms it', () => {
    const s = read(start(), T0, T0 + 600_000);
    expect(s.pendingCheck).toMatchObject({ id: 'chk', code: '安全', dueAt: T0 + 660_000 });
    expect(s.countedMs).toBe(0);
    expect(shownMs(s)).toBe(600_000);
    const r = answerCheck(s, 'chk', ' 安全 ', T0 + 610_000, C, 0);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.late).toBe(false);
    expect(r.session.countedMs).toBe(600_000);
    expect(r.session.byDay).toEqual({ '2024-09-06': 600_000 });
    expect(r.session.nextCheckAt).toBe(T0 + 610_000 + 600_000);
  });

  it('a wrong answer is refused and changes nothing', () => {
    const s = read(start(), T0, T0 + 600_000);
    expect(answerCheck(s, 'chk', '安金', T0 + 610_000, C, 0)).toEqual({ ok: false, reason: 'wrong' });
    expect(answerCheck(s, 'other', '安全', T0 + 610_000, C, 0)).toEqual({ ok: false, reason: 'no_check' });
  });

  it('a missed check drops the time since the last answered check and stops counting until answered', () => {
    let s = read(start(), T0, T0 + 600_000); // check issued at +10 min
    s = read(s, T0 + 600_000, T0 + 900_000); // 5 more minutes, no answer
    expect(s.countedMs).toBe(0);
    expect(s.provisionalMs).toBe(0);
    expect(s.excludedMs.check_missed).toBe(900_000);
    expect(s.checkMissed).toBe(true);
    expect(applyBeat(s, active, T0 + 915_000, C).status).toEqual({ counting: false, reason: 'check_missed' });
    const r = answerCheck(s, 'chk', '安全', T0 + 915_000, C, 0);
    expect(r).toMatchObject({ ok: true, late: true });
    if (!r.ok) return;
    const after = applyBeat(r.session, active, T0 + 930_000, C);
    expect(after.status).toEqual({ counting: true });
    expect(shownMs(after.session)).toBe(15_000);
    expect(r.session.checks).toEqual({ issued: 1, answered: 1, missed: 1 });
  });

  it('closing a session confirms provisional time unless a check is overdue', () => {
    const quiet = read(start(), T0, T0 + 300_000);
    expect(closeStudy(quiet, T0 + 300_000).countedMs).toBe(300_000);
    const overdue = read(start(), T0, T0 + 600_000);
    const closed = closeStudy(overdue, T0 + 700_000);
    expect(closed.countedMs).toBe(0);
    expect(closed.excludedMs.check_missed).toBe(600_000);
  });

  it('a clock set back never credits; set forward is a gap', () => {
    let s = read(start(), T0, T0 + 60_000);
    s = applyBeat(s, active, T0 - 86_400_000, C).session;
    expect(shownMs(s)).toBe(60_000);
    s = applyBeat(s, active, T0 + 86_400_000, C).session;
    expect(s.excludedMs.gap).toBe(86_400_000 - 60_000 - 30_000);
  });
});

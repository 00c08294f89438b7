import { describe, expect, it } from 'vitest';
import { applyBeat, localDay, openStudy, toCreditHours, type Beat, type OpenStudy, type StudyPolicy } from '../../electron/core/study-time';

const P: StudyPolicy = { idleLimitMs: 120_000, heartbeatMs: 15_000, maxCreditPerBeatMs: 30_000, utcOffsetMinutes: 480 };
const T0 = Date.parse('2024-09-06T01:00:00Z');
const active: Beat = { visible: true, focused: true, interacted: true };
const quiet: Beat = { visible: true, focused: true, interacted: false };

function run(beats: [number, Beat][], start = T0): OpenStudy {
  let s = openStudy({ id: 's', campaignId: 'c', docId: 'd', now: start, nowIso: new Date(start).toISOString() });
  for (const [t, b] of beats) s = applyBeat(s, b, t, P).session;
  return s;
}

describe('study-time accounting', () => {
  it('credits every interval while the person interacts', () => {
    const s = run([1, 2, 3, 4].map((i) => [T0 + i * 15_000, active]));
    expect(s.countedMs).toBe(60_000);
    expect(s.excludedMs).toEqual({ idle: 0, hidden: 0, unfocused: 0, gap: 0 });
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

  it('converts to 学时 with the configured minutes, rounding down', () => {
    expect(toCreditHours(45 * 60_000, 45)).toBe(1);
    expect(toCreditHours(67 * 60_000, 45)).toBe(1.4);
    expect(toCreditHours(44 * 60_000, 45)).toBe(0.9);
    expect(toCreditHours(60 * 60_000, 60)).toBe(1);
  });
});

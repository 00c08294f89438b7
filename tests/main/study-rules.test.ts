// Study-time rules through the services, on real files: attention checks, the daily cap, a locked
// screen, and data written by the previous schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../electron/core/model';
import type { BeatReply } from '../../electron/shared/api';
import { makeApp, lowdbFilesOnly, removeDir, seeded, storedPerson, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
afterEach(() => {
  app?.close();
  if (app) removeDir(app.dir);
});

async function reading(withChecks: boolean) {
  app = makeApp();
  const s = await seeded(app, { attentionChecks: withChecks });
  const e1 = await s.login('E001');
  const st = await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, e1);
  const beat = async (interacted = true, extra: { locked?: boolean } = {}) => {
    app.clock.advance(15_000);
    return app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted, ...extra }, e1);
  };
  const beats = async (n: number) => {
    let r: BeatReply | null = null;
    for (let i = 0; i < n; i++) r = await beat();
    return r!;
  };
  return { s, e1, st, beat, beats };
}

describe('attention checks through the services', () => {
  it('a check falls due; a wrong answer is refused; the right one keeps the time', async () => {
    const { e1, st, beats } = await reading(true);
    let r = await beats(39); // 9 min 45 s
    expect(r.check).toBeNull();
    r = await beats(1); // 10 min: the check (random 0 → the minimum interval)
    expect(r.check).toMatchObject({ missed: false, answerWithinMs: 60_000 });
    expect(r.check!.code).toMatch(/^[\u4e00-\u9fff]{2}$/);
    expect(r.sessionCountedMs).toBe(600_000);
    const wrong = await app.raw('study.answerCheck', { sessionId: st.sessionId, checkId: r.check!.id, answer: '不对' }, e1);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'answer' } });
    const ok = await app.call('study.answerCheck', { sessionId: st.sessionId, checkId: r.check!.id, answer: r.check!.code }, e1);
    expect(ok.check).toBeNull();
    expect(ok.status).toEqual({ counting: true });
    expect(ok.totals.campaignMs).toBe(600_000);
  });

  it('a missed check: the time since the last answered check is dropped and counting stops until answered', async () => {
    const { e1, st, beats } = await reading(true);
    const r = await beats(40);
    const missed = await beats(5); // 75 s without answering
    expect(missed.status).toEqual({ counting: false, reason: 'check_missed' });
    expect(missed.check).toMatchObject({ missed: true });
    expect(missed.sessionCountedMs).toBe(0);
    const late = await app.call('study.answerCheck', { sessionId: st.sessionId, checkId: r.check!.id, answer: r.check!.code }, e1);
    expect(late.status).toEqual({ counting: true });
    const after = await beats(2);
    expect(after.sessionCountedMs).toBe(30_000);
    await app.call('study.stop', { sessionId: st.sessionId }, e1);
    const f = await storedPerson(app.dir, 'E001');
    const ev = f.events.at(-1).data;
    expect(ev.countedMs).toBe(30_000);
    expect(ev.excludedMs.check_missed).toBe(600_000 + 75_000);
    expect(ev.checks).toEqual({ issued: 1, answered: 1, missed: 1 });
  });
});

describe('other rules through the services', () => {
  it('the daily cap stops counting for the day', async () => {
    app = makeApp();
    const s = await seeded(app);
    const settings = await app.call('settings.get', {}, s.admin);
    await app.call('settings.save', { ...settings, dailyCapHours: 1 }, s.admin);
    const e1 = await s.login('E001');
    const st = await app.call('study.start', { campaignId: s.campaign.id, docId: 'gb-30871-2022' }, e1);
    let r!: BeatReply;
    for (let i = 0; i < 4 * 70; i++) {
      app.clock.advance(15_000);
      r = await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, e1);
    }
    expect(r.status).toEqual({ counting: false, reason: 'daily_cap' });
    expect(r.totals.todayMs).toBe(3_600_000);
    // a second session the same day counts nothing more
    const st2 = await app.call('study.start', { campaignId: s.campaign.id, docId: 'aqt-3034-2022' }, e1);
    app.clock.advance(15_000);
    const r2 = await app.call('study.beat', { sessionId: st2.sessionId, visible: true, focused: true, interacted: true }, e1);
    expect(r2.sessionCountedMs).toBe(0);
    expect(r2.status).toEqual({ counting: false, reason: 'daily_cap' });
  });

  it('a locked screen does not count and says so', async () => {
    const { beat } = await reading(false);
    await beat();
    const r = await beat(false, { locked: true });
    expect(r.status).toEqual({ counting: false, reason: 'locked' });
    expect(r.sessionCountedMs).toBe(15_000);
  });
});

describe.skipIf(lowdbFilesOnly('data written by the previous schema'))('data written by the previous schema', () => {
  it('settings gain the new defaults; an open session gains check state', async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'people'));
    const { dailyCapHours: _d, attentionChecks: _a, attentionCheckMinMinutes: _b, attentionCheckMaxMinutes: _c, attentionCheckAnswerSeconds: _e, ...v1Settings } = DEFAULT_SETTINGS;
    writeFileSync(
      path.join(dir, 'meta.json'),
      JSON.stringify({ schemaVersion: 1, enterprise: '旧数据（虚构）', createdAt: '2024-09-01T00:00:00Z', settings: { ...v1Settings, minutesPerCreditHour: 40 } }),
    );
    const t = Date.parse('2024-09-06T01:00:00Z');
    const oldStudy = {
      id: 's1',
      campaignId: 'c',
      docId: 'd',
      startedAtIso: '',
      startedAt: t,
      lastBeatAt: t,
      lastInteractionAt: t,
      countedMs: 5000,
      excludedMs: { idle: 1, hidden: 0, unfocused: 0, gap: 0 },
      byDay: { '2024-09-06': 5000 },
    };
    writeFileSync(path.join(dir, 'people', 'E9.json'), JSON.stringify({ schemaVersion: 1, employeeNo: 'E9', events: [], open: { study: oldStudy, quiz: {}, essayDrafts: {} } }));
    app = makeApp(dir);
    const meta = await app.ports.store.meta.read();
    expect(meta).toMatchObject({
      schemaVersion: 6,
      enterprise: '旧数据（虚构）',
      settings: { minutesPerCreditHour: 40, dailyCapHours: 8, attentionChecks: true, essaySimilarityPercent: 30, retentionYears: 3 },
    });
    const f = await app.ports.store.person('E9').read();
    expect(f.schemaVersion).toBe(2);
    expect(f.open.study).toMatchObject({ countedMs: 5000, provisionalMs: 0, checkMissed: false, pendingCheck: null, excludedMs: { idle: 1, check_missed: 0, daily_cap: 0, locked: 0 } });
  });
});

// archive — 一期一档 of a campaign with 3,000 people (every person's PDF, JSON and rows, the
// campaign's PDF and ledgers, xAPI, the manifest), against one Chromium page.pdf() per person as the
// yardstick (timed on a sample in the same run). Target: under 3 minutes.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function benchArchive(sample: () => number, people = 3000) {
  const { DataStore } = await import('../../electron/main/storage/lowdb/data-store');
  const { appendEvent } = await import('../../electron/records/events');
  const { memorySessions, setupInit } = await import('../../electron/main/services/accounts/auth');
  const { defaultContentDir, loadContent } = await import('../../electron/main/services/corpus/corpus');
  const { campaignTemplate, saveCampaign, bankQuestions } = await import('../../electron/main/services/campaign/campaign');
  const { createJob, runJob } = await import('../../electron/main/services/archive/job');
  const { buildPersonRecord } = await import('../../electron/main/services/archive');
  const { gradeItem } = await import('../../electron/core/grading');
  const { newRuntime } = await import('../../electron/main/services/runtime');
  const { nodeFiles } = await import('../../electron/main/files');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'anxue-bench-archive-'));
  const out = mkdtempSync(path.join(os.tmpdir(), 'anxue-bench-archive-out-'));
  try {
    let t = Date.parse('2024-09-20T01:00:00Z');
    const ports = {
      store: DataStore.open(dir),
      clock: { now: () => t },
      files: nodeFiles,
      content: loadContent(nodeFiles, defaultContentDir()),
      sessions: memorySessions(),
      clockSpeed: 1,
      random: () => 0.5,
      runtime: newRuntime(),
    };
    await setupInit(ports, { enterprise: '基准测试化工（虚构）', adminNo: 'admin', adminName: 'a', password: 'bench-password' });
    const admin = (await ports.store.accounts.read()).accounts[0]!;
    const c = await saveCampaign(ports, admin, await campaignTemplate(ports, { start: '2024-09-01', past: true }));
    const questions = (await bankQuestions(ports)).filter((q) => c.quiz.questionIds.includes(q.id));
    const depts = ['甲醇车间', '合成氨车间', '储运车间', '公用工程车间', '安全环保部'];
    await ports.store.roster.update((f) => {
      for (let i = 0; i < people; i++)
        f.people.push({ employeeNo: `A${i}`, name: `员工${i}`, dept: depts[i % 5]!, team: `班组${i % 20}`, post: '操作工', category: '其他从业人员', leader: false, updatedAt: '' });
    });
    const sessions = [
      { id: 'film-1', type: 'film' as const, topic: '“9·7”事故警示教育片', date: '2024-09-03', start: '09:00', durationMinutes: 90, place: '培训室', host: '安全环保部' },
      { id: 'lecture-1', type: 'lecture' as const, topic: '事故案例宣讲', date: '2024-09-05', start: '14:00', durationMinutes: 60, place: '会议室', host: '安全总监' },
    ];
    await ports.store.collective.update((f) => {
      for (const s of sessions)
        f.sessions.push({
          ...s,
          campaignId: c.id,
          createdBy: 'admin',
          createdAt: '2024-09-01T00:00:00Z',
          attendees: Array.from({ length: people }, (_, i) => ({ employeeNo: `A${i}`, via: 'roster' as const, at: `${s.date}T01:00:00.000Z` })),
          checkIn: null,
        });
    });
    const docs = c.documents.slice(0, 6);
    const parts = {
      awareness: '巡检有走过场的情况，只看仪表读数，不到现场确认阀门状态。'.repeat(3),
      responsibility: '交接班时没有把设备异常交代清楚。'.repeat(3),
      warning: '任何一次侥幸都可能酿成大祸。'.repeat(3),
      measures: '每班按路线巡检，每月参加一次应急演练。'.repeat(3),
      leadership: '',
    };
    for (let i = 0; i < people; i++) {
      await ports.store.person(`A${i}`).update((f) => {
        for (const s of sessions)
          appendEvent(
            f.events,
            'collective.attended',
            { sessionId: s.id, campaignId: c.id, type: s.type, topic: s.topic, date: s.date, start: s.start, durationMinutes: s.durationMinutes, place: s.place, host: s.host, via: 'roster' },
            { at: `${s.date}T02:00:00.000Z`, by: 'admin' },
          );
        docs.forEach((d, k) => {
          const start = Date.parse(`2024-09-0${2 + k}T01:00:00Z`);
          appendEvent(
            f.events,
            'study.session',
            {
              sessionId: `s${i}-${k}`,
              campaignId: c.id,
              docId: d.docId,
              docTitle: d.docId,
              textKey: null,
              edition: null,
              startedAt: new Date(start).toISOString(),
              endedAt: new Date(start + 50 * 60_000).toISOString(),
              countedMs: 45 * 60_000,
              excludedMs: { idle: 5 * 60_000, hidden: 0, unfocused: 0, locked: 0, gap: 0, check_missed: 0, daily_cap: 0 },
              byDay: { [`2024-09-0${2 + k}`]: 45 * 60_000 },
              checks: { issued: 3, answered: 3, missed: 0 },
              closedBy: 'stop',
            },
            { at: new Date(start + 50 * 60_000).toISOString(), by: `A${i}` },
          );
        });
        const answers: Record<string, string[]> = Object.fromEntries(questions.map((q) => [q.id, i % 3 ? q.answer : ['A']]));
        const items = questions.map((q) => gradeItem(q, answers[q.id]));
        appendEvent(
          f.events,
          'quiz.submitted',
          { attemptId: `q${i}`, campaignId: c.id, startedAt: '2024-09-12T01:00:00.000Z', submittedAt: '2024-09-12T01:20:00.000Z', questions, answers, items, timedOut: false, passMark: 80, leaves: 0 },
          { at: '2024-09-12T01:20:00.000Z', by: `A${i}` },
        );
        for (const it of items)
          if (it.status === 'pending')
            appendEvent(f.events, 'quiz.graded', { attemptId: `q${i}`, questionId: it.questionId, score: Math.round(it.max * 0.8), comment: '' }, { at: '2024-09-13T01:00:00.000Z', by: 'admin' });
        appendEvent(f.events, 'essay.submitted', { campaignId: c.id, version: 1, parts, total: 300, accidents: ['“9·7”事故'] }, { at: '2024-09-14T01:00:00.000Z', by: `A${i}` });
        appendEvent(f.events, 'essay.reviewed', { campaignId: c.id, version: 1, decision: 'accept', comment: '', similarity: 0 }, { at: '2024-09-15T01:00:00.000Z', by: 'admin' });
      });
    }
    t = Date.parse('2024-10-20T01:00:00Z');
    const base = sample();
    const t0 = performance.now();
    const job = await createJob(ports, out, { campaignId: c.id, zip: false }, 'admin');
    const watch = process.env.ANXUE_BENCH_WATCH
      ? setInterval(
          () =>
            console.log(
              `[watch] ${((performance.now() - t0) / 1000).toFixed(0)} s RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} ext ${Math.round(process.memoryUsage().external / 1048576)} ab ${Math.round(process.memoryUsage().arrayBuffers / 1048576)}`,
            ),
          3000,
        )
      : null;
    let last = 0;
    await runJob(ports, out, job.jobId, {
      progress: (p) => {
        sample();
        if (p.done - last >= 500)
          console.log(
            `[bench archive] ${p.done} / ${p.total} people, ${((performance.now() - t0) / 1000).toFixed(1)} s, RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB (heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB)`,
          );
        last = p.done - (p.done % 500);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    if (watch) clearInterval(watch);
    const peak = sample();
    const folder = readdirSync(out).find((n) => n.startsWith('一期一档'))!;
    // the yardstick: the same content as an HTML page, printed by Chromium, one per person
    const SAMPLE = 20;
    // the yardstick's driver is loaded only now: its ~25 MB of code are not ours to count
    const { launchChromium } = await import('../helpers/browser');
    const browser = await launchChromium();
    const page = await browser.newPage();
    const t1 = performance.now();
    for (let i = 0; i < SAMPLE; i++) {
      const r = await buildPersonRecord(ports, `A${i}`, 'admin');
      const rows = r.events.map((e) => `<tr><td>${e.at}</td><td>${e.type}</td><td>${'docTitle' in e.data ? e.data.docTitle : 'topic' in e.data ? e.data.topic : ''}</td></tr>`).join('');
      await page.setContent(
        `<!doctype html><meta charset="utf-8"><style>body{font-family:'Noto Sans CJK SC';font-size:11pt}table{border-collapse:collapse;width:100%}td{border:1px solid #999;padding:2px}</style><h1>安全生产教育和培训档案</h1><p>${r.person.name} ${r.person.employeeNo} ${r.person.dept}</p><table>${rows}</table><p>${Object.values(parts).join('</p><p>')}</p><p>本人签字：________ 日期：________</p>`,
      );
      await page.pdf({ format: 'A4' });
    }
    const chromiumPerS = SAMPLE / ((performance.now() - t1) / 1000);
    await browser.close();
    ports.store.close();
    const perS = people / seconds;
    console.log(
      `[bench archive] ${people} people in ${seconds.toFixed(1)} s (${perS.toFixed(1)} people/s) into ${folder}; Chromium page.pdf(): ${chromiumPerS.toFixed(1)} people/s (sample of ${SAMPLE})`,
    );
    return { people, seconds, perS, chromiumPerS, base, peak };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

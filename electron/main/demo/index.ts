// A clearly fake demo enterprise, lived in: ~30 people in 3 workshops and a warning month around
// today. Everything is done through the same calls the screens make (the contract dispatcher), on a
// clock the demo moves from twelve days ago up to a little before now: people studied on those
// days (some finished, some behind, some not begun), went to collective sessions, took the quiz
// (some answers still awaiting grading), wrote their self-analysis (drafts, handed in, returned,
// accepted, one copied from a colleague), reported on their duties; the officer inspected, kept the
// plan and the summary draft; the archivist exported files. Printed passwords; only into a fresh folder.
import type { Question } from '../../core/model';
import { COLLECTIVE_DAYS, demoPeople, ENTERPRISE, toCsv, type DemoPerson } from './cast';
import { localDay } from '../../core/study-time';
import { DEMO_DRAFTS, DEMO_ESSAYS, ESSAY_RETURN_COMMENT, REPORT_RETURN_COMMENT, copiedEssay, reportParts } from './texts';
import { generatePassword, hashPassword } from '../services/accounts/auth';
import { iso, type Clock, type Ports } from '../services/ports';
import { dispatch } from '../transport/dispatch';
import { lastYearsWarningMonth, newHiresInduction, signInductionLevels, type DemoContext } from './year-round';
import type { CallName, Input, Output } from '../../shared/api';

/** The demo's own clock: moved by hand from twelve days ago; never past the real now. */
class DemoClock implements Clock {
  constructor(public t: number) {}
  now() {
    return this.t;
  }
}

const DAY = 86_400_000;
const MIN = 60_000;

export async function createDemo(real: Ports) {
  const realNow = real.clock.now();
  // every day's activity runs in the three hours before this time of day: today's ends just before now
  const anchor = realNow - 3 * 60 * MIN;
  // a year and a little more back: the enterprise has used the app since last year's warning month
  const clock = new DemoClock(anchor - 380 * DAY);
  const ports: Ports = { ...real, clock, random: () => 0.5 };
  const call = async <K extends CallName>(name: K, input: Input<K>, token: string | null): Promise<Output<K>> => {
    const r = await dispatch(ports, name, input, token);
    if (!r.ok) throw new Error(`internal: the demo's ${name} failed: ${r.error.message}`);
    return r.value as Output<K>;
  };
  const at = (day: number, minutes: number) => {
    clock.t = Math.max(clock.t, anchor + day * DAY + minutes * MIN);
  };

  // the enterprise, its admin, the roster; the officer and an archivist
  const adminPassword = generatePassword();
  await call('setup.init', { enterprise: ENTERPRISE, adminNo: 'admin', adminName: '演示管理员', password: adminPassword }, null);
  const admin = (await call('auth.login', { employeeNo: 'admin', password: adminPassword }, null)).token;
  const settings = await call('settings.get', {}, admin);
  const offset = settings.utcOffsetMinutes;
  // seeded with minute beats and no attention checks; the enterprise's own settings are back at the end
  await call('settings.save', { ...settings, heartbeatSeconds: 60, attentionChecks: false }, admin);
  const people = demoPeople();
  const roster = await call('roster.commit', { fileName: 'demo-roster.csv', base64: Buffer.from(toCsv(people)).toString('base64') }, admin);
  const passwords = new Map(roster.initialPasswords.map((p) => [p.employeeNo, p.password]));
  const officerPw = generatePassword();
  const archivistPw = generatePassword();
  const officerHash = await hashPassword(officerPw);
  const archivistHash = await hashPassword(archivistPw);
  await ports.store.accounts.update((f) => {
    const officer = f.accounts.find((a) => a.employeeNo === 'D003')!;
    officer.roles = ['employee', 'officer'];
    officer.passwordHash = officerHash;
    f.accounts.push({ employeeNo: 'archive', name: '演示档案员', roles: ['archivist'], passwordHash: archivistHash, createdAt: iso(clock.now()) });
  });
  passwords.set('D003', officerPw);
  const tokens = new Map<string, string>();
  // everyone signs in (again after the year's jump: sessions end when unused)
  const signIn = async () => {
    for (const p of people) tokens.set(p.employeeNo, (await call('auth.login', { employeeNo: p.employeeNo, password: passwords.get(p.employeeNo)! }, null)).token);
    tokens.set('admin', (await call('auth.login', { employeeNo: 'admin', password: adminPassword }, null)).token);
  };
  await signIn();
  const tok = (no: string) => tokens.get(no)!;
  const today = localDay(realNow, offset);
  const d = (days: number) => localDay(Date.parse(`${today}T12:00:00Z`) + days * DAY, 0);
  const template = await call('campaign.template', {}, tok('D003'));
  const x: DemoContext = { call, clock, d, tok, officer: tok('D003'), people };
  await lastYearsWarningMonth(x, template);
  for (const t of [...tokens.values(), admin]) await call('auth.logout', {}, t);
  at(-12, 0);
  await signIn();
  const officer = tok('D003');
  x.officer = officer;
  const archivist = (await call('auth.login', { employeeNo: 'archive', password: archivistPw }, null)).token;

  // the campaign: the warning month's template, dated around today
  const year = today.slice(0, 4);
  const campaign = await call(
    'campaign.save',
    {
      ...template,
      name: `${year}年“危险化学品生产安全事故警示月”安全专项整治（演示）`,
      start: d(-12),
      end: d(30),
      studyStart: d(-5),
      studyEnd: d(1),
      phases: [
        { name: '动员部署阶段', start: d(-12), end: d(-6) },
        { name: '专项整治阶段', start: d(-5), end: d(16) },
        { name: '总结提升阶段', start: d(17), end: d(30) },
      ],
      // a demo campaign asks for shorter essays than the notice's template, so the demo's are readable
      essay: { ...template.essay, minChars: 300, deadline: d(4) },
    },
    officer,
  );
  const campaignId = campaign.id;
  const docs = campaign.documents.map((x) => x.docId);
  await call('plan.fromTemplate', { campaignId }, officer);
  const induction = await newHiresInduction(x, docs, template);

  const attendees = (pred: (p: DemoPerson) => boolean) => people.filter((p) => p.stage !== 'none' && pred(p)).map((p) => p.employeeNo);
  const session = async (day: number, input: Omit<Input<'collective.save'>, 'campaignId' | 'date'>, who: string[]) => {
    at(day, 0);
    const s = await call('collective.save', { ...input, campaignId, date: d(day) }, officer);
    await call('collective.attendance', { sessionId: s.id, employeeNos: who }, officer);
  };
  // how many minutes each stage studies on each day of the study week (day 0 is today)
  const minutesOn = (p: DemoPerson, day: number): number => {
    if (p.stage === 'done') return day >= -5 && day <= -1 ? 60 : 0;
    if (p.stage === 'studying') return day >= -3 && day <= 0 ? 20 : 0;
    if (p.stage === 'behind') return day === -5 ? 40 : 0;
    return 0;
  };

  const bank = await call('bank.list', {}, officer);
  const byId = new Map(bank.map((q) => [q.id, q]));
  /** answers as the person sees the paper (options shuffled): `wrong` ids answered wrongly */
  const answer = (paper: Output<'quiz.start'>, wrong: readonly string[], post: string): Record<string, string[]> => {
    const out: Record<string, string[]> = {};
    for (const shown of paper.questions) {
      const q = byId.get(shown.id) as Question;
      const miss = wrong.includes(q.id);
      if (q.type === 'single' || q.type === 'multiple') {
        const right = q.answer.map((l) => q.options[l.charCodeAt(0) - 65]!);
        const pick = miss ? shown.options.filter((o) => !right.includes(o)).slice(0, 1) : right;
        out[q.id] = pick.map((o) => String.fromCharCode(65 + shown.options.indexOf(o)));
      } else if (q.type === 'truefalse') out[q.id] = miss ? [q.answer[0] === 'T' ? 'F' : 'T'] : q.answer;
      else if (q.type === 'fill') out[q.id] = [miss ? '观察' : q.answer[0]!];
      else
        out[q.id] = [
          `我在${post}岗位最大的风险是${miss ? '操作失误' : '有毒气体泄漏导致中毒窒息。防范措施：进入装置区前检查便携式报警仪，严格执行两人同行、一人监护，发现泄漏先报告、佩戴空气呼吸器后再处置'}。`,
        ];
    }
    return out;
  };
  const attempts: { no: string; attemptId: string; shortId: string | null; short: number | null }[] = [];
  /** `misses`: how many of the paper's objective questions the person gets wrong (papers are drawn per person) */
  const quiz = async (no: string, misses: number, short: number | null) => {
    const post = people.find((x) => x.employeeNo === no)!.post;
    const paper = await call('quiz.start', { campaignId }, tok(no));
    clock.t += 9 * MIN;
    const wrong = paper.questions
      .filter((q) => q.type !== 'short')
      .slice(0, misses)
      .map((q) => q.id);
    await call('quiz.submit', { attemptId: paper.attemptId, answers: answer(paper, wrong, post) }, tok(no));
    attempts.push({ no, attemptId: paper.attemptId, shortId: paper.questions.find((q) => q.type === 'short')?.id ?? null, short });
  };
  const essaySubmit = (no: string, parts: Partial<Input<'essay.submit'>['parts']>) =>
    call(
      'essay.submit',
      { campaignId, parts: { awareness: '', responsibility: '', warning: '', measures: '', leadership: '', ...parts }, accidents: ['“9·7”事故', '近期国内外危险化学品生产安全事故'] },
      tok(no),
    );

  let rectifyLater: string | null = null;
  for (let day = -12; day <= 0; day++) {
    // collective sessions: the mobilization meeting, the warning film, a case lecture, a group discussion
    for (const c of COLLECTIVE_DAYS.filter((x) => x.day === day)) await session(day, c.session, attendees(c.who));

    // study: everyone who studies that day opens a document at the same time and reads on
    at(day, 5);
    const open = new Map<string, { sessionId: string; left: number }>();
    for (const [i, p] of people.entries()) {
      const m = minutesOn(p, day);
      if (m === 0) continue;
      const s = await call('study.start', { campaignId, docId: docs[(i + day + 12) % docs.length]! }, tok(p.employeeNo));
      open.set(p.employeeNo, { sessionId: s.sessionId, left: m });
    }
    while ([...open.values()].some((o) => o.left > 0)) {
      clock.t += MIN;
      for (const [no, o] of open) {
        if (o.left <= 0) continue;
        await call('study.beat', { sessionId: o.sessionId, visible: true, focused: true, interacted: true }, tok(no));
        o.left--;
      }
    }
    for (const [no, o] of open) await call('study.stop', { sessionId: o.sessionId }, tok(no));

    // the quiz (short answers graded a day later), essays, reviews
    at(day, 70);
    if (day === -3) {
      await quiz('D002', 0, 17);
      await quiz('D010', 0, 18);
      await quiz('D011', 1, 17);
      await quiz('D014', 7, 8);
      await quiz('D028', 8, 7);
    }
    if (day === -2) {
      await quiz('D014', 0, 16);
      await quiz('D020', 0, 19);
      await quiz('D021', 2, 15);
      await quiz('D030', 0, 17);
    }
    if (day === -1) {
      // graded now: the attempts before today; the later ones wait in the officer's queue
      at(day, 60);
      for (const a of attempts.splice(0))
        if (a.short !== null && a.shortId)
          await call(
            'grading.gradeAnswer',
            { employeeNo: a.no, attemptId: a.attemptId, questionId: a.shortId, score: a.short, comment: a.short >= 14 ? '风险识别准确，措施具体。' : '措施不够具体，请结合本岗位再学习。' },
            officer,
          );
      at(day, 70);
      for (const no of ['D025', 'D034', 'D012', 'D019', 'D022']) await quiz(no, no === 'D019' ? 3 : 1, null);
    }
    if (day === 0) await quiz('D001', 0, null);

    // practice: those who studied drill 《特殊作业安全规范》 and miss a few (their 错题本, the officer's weak spots)
    if (day === -1) {
      at(day, 80);
      for (const [i, p] of people
        .filter((x) => x.stage === 'done' || x.stage === 'studying')
        .slice(0, 8)
        .entries()) {
        const qs = await call('practice.draw', { campaignId, mode: 'doc', docId: 'gb-30871-2022', count: 10 }, tok(p.employeeNo));
        for (const [k, q] of qs.entries()) {
          const full = byId.get(q.id) as Question;
          const miss = k < 1 + (i % 3);
          const wrongAnswer =
            full.type === 'truefalse'
              ? [full.answer[0] === 'T' ? 'F' : 'T']
              : full.type === 'fill'
                ? ['不清楚']
                : [full.options.map((_, j) => String.fromCharCode(65 + j)).find((l) => !full.answer.includes(l))!];
          clock.t += MIN;
          await call('practice.answer', { campaignId, questionId: q.id, answer: miss ? wrongAnswer : full.answer }, tok(p.employeeNo));
        }
      }
    }

    at(day, 100);
    if (day === -4) for (const no of ['D010', 'D011', 'D020', 'D002', 'D021']) await essaySubmit(no, DEMO_ESSAYS[no]!);
    if (day === -3) {
      for (const no of ['D010', 'D011', 'D020', 'D002']) {
        const v = await call('essay.get', { campaignId }, tok(no));
        await call(
          'grading.reviewEssay',
          { campaignId, employeeNo: no, version: v.version ?? 1, decision: 'accept', comment: '内容结合岗位实际，措施具体可查，同意归档。', partComments: [] },
          officer,
        );
      }
      await call(
        'grading.reviewEssay',
        { campaignId, employeeNo: 'D021', version: 1, decision: 'return', comment: ESSAY_RETURN_COMMENT, partComments: [{ part: 'measures', comment: '措施要写清楚时间和检查办法。', quote: '' }] },
        officer,
      );
    }
    if (day === -1) for (const no of ['D025', 'D034', 'D001']) await essaySubmit(no, DEMO_ESSAYS[no]!);
    if (day === 0) {
      await essaySubmit('D032', copiedEssay(DEMO_ESSAYS.D034!));
      for (const [no, parts] of Object.entries(DEMO_DRAFTS))
        await call('essay.save', { campaignId, parts: { awareness: '', responsibility: '', warning: '', measures: '', leadership: '', ...parts }, accidents: [] }, tok(no));
    }

    // 述职: a 班长 accepted and scored, a 班长 returned, a workshop head and the director waiting, drafts
    at(day, 130);
    const who = (no: string) => people.find((x) => x.employeeNo === no)!;
    const report = (no: string) => reportParts(who(no).team || who(no).dept, who(no).post);
    if (day === -3) {
      await call('report.submit', { campaignId, parts: report('D011'), to: 'D010' }, tok('D011'));
      await call('report.submit', { campaignId, parts: report('D020'), to: 'D019' }, tok('D020'));
    }
    if (day === -2) {
      const rec = await call('report.read', { campaignId, employeeNo: 'D011' }, tok('D010'));
      const sheet = rec.defaultSheet;
      await call(
        'report.review',
        { campaignId, employeeNo: 'D011', version: 1, decision: 'accept', comment: '履职情况属实，隐患整改跟踪到位。', sheet, points: sheet.map((s) => Math.round(s.max * 0.9)) },
        tok('D010'),
      );
      await call('report.review', { campaignId, employeeNo: 'D020', version: 1, decision: 'return', comment: REPORT_RETURN_COMMENT }, tok('D019'));
    }
    if (day === -1) {
      await call('report.submit', { campaignId, parts: report('D010'), to: 'D002' }, tok('D010'));
      await call('report.submit', { campaignId, parts: report('D002'), to: 'D001' }, tok('D002'));
    }
    if (day === 0) {
      await call('report.save', { campaignId, parts: { ...report('D001'), rules: '' } }, tok('D001'));
      await call('report.save', { campaignId, parts: { duties: report('D012').duties, work: '', rules: '' } }, tok('D012'));
    }

    // the officer's inspections and their findings
    at(day, 150);
    if (day === -4) {
      const insp = await call(
        'inspection.save',
        {
          campaignId,
          kind: 'procedure',
          scope: 'team',
          unit: '甲醇车间合成一班',
          date: d(day),
          inspectors: '演示·安全员、' + who('D010').name,
          checklist: [
            { item: '交接班记录是否写明异常和遗留问题', result: 'problem', note: '两班记录只写“正常”' },
            { item: '紧急停车步骤是否人人会操作', result: 'ok', note: '' },
          ],
        },
        officer,
      );
      rectifyLater = (
        await call(
          'finding.record',
          {
            inspectionId: insp.id,
            level: 'general',
            location: '合成一班操作室',
            description: '交接班记录未写明设备异常和遗留问题',
            measure: '修订交接班记录格式，增加异常与遗留问题栏，班长签字确认',
            owner: 'D011',
            due: d(-1),
            photos: [],
          },
          officer,
        )
      ).id;
      await call(
        'finding.record',
        { inspectionId: insp.id, level: 'general', location: '合成塔二层平台', description: '伴热线保温层破损约两米', measure: '更换保温层，入冬前完成', owner: 'D010', due: d(6), photos: [] },
        officer,
      );
    }
    if (day === -2 && rectifyLater) {
      await call('finding.rectify', { findingId: rectifyLater, note: '交接班记录已改版，两个班组已按新格式填写三天', photos: [] }, tok('D011'));
      await call('finding.verify', { findingId: rectifyLater, passed: true, note: '抽查三天记录，符合要求' }, officer);
    }
    if (day === -2) {
      const insp = await call(
        'inspection.save',
        {
          campaignId,
          kind: 'abnormal',
          scope: 'workshop',
          unit: '储运车间',
          date: d(day),
          inspectors: '演示·安全总监、演示·安全员',
          checklist: [
            { item: '装卸前槽车检查表是否现场填写', result: 'problem', note: '装卸站台检查表有事后补填' },
            { item: '静电接地装置是否完好', result: 'ok', note: '' },
          ],
        },
        officer,
      );
      await call(
        'finding.record',
        {
          inspectionId: insp.id,
          level: 'major',
          location: '装卸站台 2 号鹤管',
          description: '鹤管密封垫磨损，用胶带临时缠绕',
          measure: '停用 2 号鹤管，更换密封垫并试压合格后恢复',
          owner: 'D028',
          due: d(-1),
          photos: [],
        },
        officer,
      );
    }
  }

  // the plan: the tasks due by tomorrow are done — but the first, which the officer forgot to tick
  at(0, 165);
  const plan = await call('plan.get', { campaignId }, officer);
  const due = plan.tasks.filter((t) => t.due <= d(1)).sort((a, b) => a.due.localeCompare(b.due));
  for (const t of due.slice(1)) await call('plan.setDone', { taskId: t.id, done: true }, officer);
  await call(
    'summary.save',
    { campaignId, sections: { overview: '公司于本月组织开展危险化学品生产安全事故警示月活动，召开动员部署会，组织全员集中学习和警示教育。', measures: '', problems: '', next: '' } },
    officer,
  );

  await signInductionLevels(x, induction);

  // the archivist: one person's file, and one workshop's files as a batch
  at(0, 170);
  await call('archive.exportPerson', { employeeNo: 'D010' }, archivist);
  const job = await call('archive.batchStart', { campaignId, dept: '甲醇车间', zip: false }, archivist);
  for (let s = await call('archive.batchStatus', { jobId: job.jobId }, archivist); s.state === 'running'; s = await call('archive.batchStatus', { jobId: job.jobId }, archivist))
    await new Promise((r) => setTimeout(r, 100));

  // everyone signed out; the enterprise's own study settings again
  await call('settings.save', { ...settings }, tok('admin'));
  for (const t of [...tokens.values(), archivist]) await call('auth.logout', {}, t);

  const accounts = [
    { employeeNo: 'admin', password: adminPassword, role: '管理员', name: '演示管理员' },
    { employeeNo: 'D003', password: officerPw, role: '安全管理人员+员工', name: '演示·安全员' },
    { employeeNo: 'archive', password: archivistPw, role: '档案管理员', name: '演示档案员' },
    ...people.filter((p) => p.employeeNo !== 'D003').map((p) => ({ employeeNo: p.employeeNo, password: passwords.get(p.employeeNo)!, role: '员工', name: p.name })),
  ];
  return { enterprise: ENTERPRISE, campaignName: campaign.name, accounts };
}

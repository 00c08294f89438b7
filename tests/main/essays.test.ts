// Self-analysis essays through the contract on real files: the leader's fifth part,
// minimums per category, accidents, draft history, review rounds with remarks, copy detection with
// override, printable PDF/.docx, and an employee never reaching another's essay (over real HTTP).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer } from '../../electron/main/server';
import { makeApp, removeDir, seeded, storedDrafts, storeOptions, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const ACC = ['“9·7”事故'];
// an essay the team wrote for these tests
const MINE = {
  awareness: '我在甲醇车间从事操作工作已有六年。对照九七事故，我发现自己在巡检时存在走过场的问题，有时只看仪表读数，不到现场确认阀门状态。',
  responsibility: '交接班时没有把设备的异常情况交代清楚，操作记录有时补写，没有做到如实记录。',
  warning: '事故告诉我，任何一次侥幸都可能酿成大祸，同样的事情完全可能发生在我的岗位上。',
  measures: '今后我要严格按照巡检路线逐点检查，发现问题立即报告班长，每月参加一次应急演练。',
  leadership: '',
};
const OWN = {
  awareness: '我是储运车间的装卸工，对危险化学品装卸的风险认识不足，曾在静电接地没有完成时就开始卸车。',
  responsibility: '作业前的检查表有时只打勾不检查，监护人不在场时也开始作业，这是严重的违章。',
  warning: '警示教育让我明白，规程里的每一条都是用血的教训换来的，不能凭经验办事。',
  measures: '每次装卸前检查接地和防溢流装置，请班长和同事相互监督，每季度复习一次装卸规程。',
  leadership: '',
};

/** seeded, with a minimum short enough for the test essays */
async function setup() {
  const s = await seeded(app);
  const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
  await app.call('campaign.save', { ...c, essay: { ...c.essay, minChars: 20 } }, s.admin);
  return s;
}

const THIRD = {
  awareness: '我是合成氨车间的班长，平时对班组成员的安全培训抓得不紧，认为老员工经验丰富不需要反复讲。',
  responsibility: '班前会流于形式，对新员工的师带徒没有落实到人，应急处置卡也没有组织大家逐条演练。',
  warning: '事故说明经验不能代替规程，一个人的疏忽可能让整个班组付出代价。',
  measures: '每周组织一次班前安全讲话，新员工一人一名师傅，每季度组织一次全班应急演练并讲评。',
  leadership: '',
};

describe('writing', () => {
  it('a 班子成员 must write the fifth part; the minimum follows the person category; accidents come from the campaign list', async () => {
    const s = await seeded(app);
    const c = await app.call('campaign.get', { campaignId: s.campaign.id }, s.admin);
    await app.call('campaign.save', { ...c, essay: { ...c.essay, minChars: 20, minCharsByCategory: { 主要负责人: 400 } } }, s.admin);
    const m = await s.login('M001'); // 主要负责人, 班子成员
    const view = await app.call('essay.get', { campaignId: c.id }, m);
    expect(view).toMatchObject({ leader: true, minChars: 400, accidentChoices: c.accidents });
    const four = await app.raw('essay.submit', { campaignId: c.id, parts: MINE, accidents: ACC }, m);
    expect(four).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'parts.leadership' } });
    const short = await app.raw('essay.submit', { campaignId: c.id, parts: { ...MINE, leadership: '带头不够。' }, accidents: ACC }, m);
    expect(short).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'parts' } });
    // E001 (其他从业人员) needs 20; the accidents must be chosen, and from the list
    const e = await s.login('E001');
    expect((await app.call('essay.get', { campaignId: c.id }, e)).minChars).toBe(20);
    expect(await app.raw('essay.submit', { campaignId: c.id, parts: MINE, accidents: [] }, e)).toMatchObject({ ok: false, error: { field: 'accidents' } });
    expect(await app.raw('essay.save', { campaignId: c.id, parts: MINE, accidents: ['编造的事故'] }, e)).toMatchObject({ ok: false, error: { field: 'accidents.0' } });
    const done = await app.call('essay.submit', { campaignId: c.id, parts: { ...MINE, leadership: '不是班子成员也写了' }, accidents: ACC }, e);
    expect(done).toMatchObject({ status: 'submitted', version: 1, accidents: ACC });
    // a non-leader's fifth part is not kept
    expect(done.parts.leadership).toBe('');
  });

  it('keeps a version history while writing: one snapshot per minute, the submitted one sealed', async () => {
    const s = await setup();
    const e = await s.login('E001');
    const cid = s.campaign.id;
    const save = (awareness: string) => app.call('essay.save', { campaignId: cid, parts: { ...MINE, awareness }, accidents: ACC }, e);
    await save('第一稿');
    app.clock.advance(20_000);
    await save('第一稿，改了改'); // within the minute: replaces the snapshot
    app.clock.advance(61_000);
    await save('第二稿');
    app.clock.advance(5_000);
    await app.call('essay.submit', { campaignId: cid, parts: { ...MINE, awareness: '提交的稿' }, accidents: ACC }, e);
    const h = await app.call('essay.history', { campaignId: cid }, e);
    expect(h.map((x) => [x.parts.awareness, x.submitted])).toEqual([
      ['提交的稿', 1],
      ['第二稿', null],
      ['第一稿，改了改', null],
    ]);
    const file = await storedDrafts(app.dir, 'E001');
    // the two draft snapshots, and the submitted version sealed (so later typing starts a new one)
    expect(file.campaigns[cid]).toHaveLength(3);
    expect(file.campaigns[cid][2].sealed).toBe(true);
  });
});

describe('review rounds', () => {
  it('return with a remark on a part and a quoted passage; revise; resubmit; accept — every round kept', async () => {
    const s = await setup();
    const cid = s.campaign.id;
    const e = await s.login('E001');
    await app.call('essay.submit', { campaignId: cid, parts: MINE, accidents: ACC }, e);
    // the employee cannot review, nor read others' essays
    expect(await app.raw('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'accept', comment: '' }, e)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.call(
      'grading.reviewEssay',
      { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'return', comment: '', partComments: [{ part: 'measures', comment: '措施要写明时间', quote: '每月参加一次应急演练' }] },
      s.admin,
    );
    const back = await app.call('essay.get', { campaignId: cid }, e);
    expect(back.status).toBe('returned');
    expect(back.reviews[0]!.partComments).toEqual([{ part: 'measures', comment: '措施要写明时间', quote: '每月参加一次应急演练' }]);
    await app.call('essay.submit', { campaignId: cid, parts: { ...MINE, measures: `${MINE.measures}每月第一个周一参加。` }, accidents: ACC }, e);
    await app.call('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 2, decision: 'accept', comment: '已改', partComments: [] }, s.admin);
    const rec = await app.call('essay.read', { campaignId: cid, employeeNo: 'E001' }, s.admin);
    expect(rec.status).toBe('accepted');
    expect(rec.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(rec.reviews.map((r) => [r.version, r.decision])).toEqual([
      [1, 'return'],
      [2, 'accept'],
    ]);
    // reviewing an old version again is refused
    expect(await app.raw('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 2, decision: 'return', comment: 'x', partComments: [] }, s.admin)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    const ov = await app.call('essay.overview', { campaignId: cid }, s.admin);
    expect(ov.counts).toEqual({ not_started: 3, draft: 0, submitted: 0, returned: 0, accepted: 1 });
    expect(ov.rows.filter((r) => r.status === 'not_started').map((r) => r.employeeNo)).toEqual(['E002', 'E003', 'M001']);
  });

  it('a closed campaign takes no review: the essay stays as it was submitted until the campaign is reopened', async () => {
    const s = await setup();
    const cid = s.campaign.id;
    await app.call('essay.submit', { campaignId: cid, parts: MINE, accidents: ACC }, await s.login('E001'));
    await app.call('campaign.close', { campaignId: cid }, s.admin);
    const review = { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'accept' as const, comment: '', partComments: [] };
    const refused = await app.raw('grading.reviewEssay', review, s.admin);
    expect(refused.ok ? 'reviewed' : refused.error.key).toBe('campaign.closedReadOnly');
    const rec = await app.call('essay.read', { campaignId: cid, employeeNo: 'E001' }, s.admin);
    expect([rec.status, rec.reviews]).toEqual(['submitted', []]);
    await app.call('campaign.reopen', { campaignId: cid, reason: '补审剖析材料' }, s.admin);
    await app.call('grading.reviewEssay', review, s.admin);
    expect((await app.call('essay.read', { campaignId: cid, employeeNo: 'E001' }, s.admin)).status).toBe('accepted');
  });
});

describe('copy detection', () => {
  it('a copied essay is flagged with the passages side by side; accepting it needs a reason, kept with the review', async () => {
    const s = await setup();
    const cid = s.campaign.id;
    const e1 = await s.login('E001');
    const e2 = await s.login('E002');
    const e3 = await s.login('E003');
    await app.call('essay.submit', { campaignId: cid, parts: MINE, accidents: ACC }, e1);
    // E002 copies E001's first part, the rest their own; E003 writes their own
    await app.call('essay.submit', { campaignId: cid, parts: { ...OWN, awareness: MINE.awareness }, accidents: ACC }, e2);
    await app.call('essay.submit', { campaignId: cid, parts: THIRD, accidents: ACC }, e3);
    const ov = await app.call('essay.overview', { campaignId: cid }, s.admin);
    const row = (no: string) => ov.rows.find((r) => r.employeeNo === no)!;
    expect(row('E002').similarity!.matches[0]).toMatchObject({ kind: 'person', id: 'E001' });
    // the copied part is about a third of E002's essay; E003 shares nothing of note
    expect(row('E002').similarity!.percent).toBeGreaterThan(30);
    expect(row('E002').similarity!.percent).toBeLessThan(50);
    expect(row('E002').similarity!.flagged).toBe(true);
    expect(row('E003').similarity!.percent).toBeLessThan(5);
    expect(row('E003').similarity!.flagged).toBe(false);
    expect(row('E001').similarity!.matches[0]!.id).toBe('E002');
    expect(row('E001').similarity!.percent).toBeGreaterThan(30);
    const cmp = await app.call('essay.compare', { campaignId: cid, employeeNo: 'E002', other: 'E001' }, s.admin);
    expect(cmp.a.spans).toHaveLength(1);
    expect(cmp.a.text.slice(cmp.a.spans[0]!.start, cmp.a.spans[0]!.end)).toContain('对照九七事故');
    expect(cmp.b.text.slice(cmp.b.spans[0]!.start, cmp.b.spans[0]!.end)).toContain('对照九七事故');
    // accepting needs a reason
    const refused = await app.raw('grading.reviewEssay', { campaignId: cid, employeeNo: 'E002', version: 1, decision: 'accept', comment: '', partComments: [] }, s.admin);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await app.call(
      'grading.reviewEssay',
      { campaignId: cid, employeeNo: 'E002', version: 1, decision: 'accept', comment: '', partComments: [], override: '同班组共同经历的事件，经当面核实为本人所写' },
      s.admin,
    );
    const rec = await app.call('essay.read', { campaignId: cid, employeeNo: 'E002' }, s.admin);
    expect(rec.reviews[0]!.override).toBe('同班组共同经历的事件，经当面核实为本人所写');
    // the template prompts are a source too
    const m = await s.login('M001');
    const prompts = {
      awareness: '对照事故教训，自己在风险意识、规章意识上有哪些欠缺？举出具体的事例。',
      responsibility: '自己岗位的安全职责有哪些没有做到位？',
      warning: '这些事故让您想到了什么？',
      measures: '写出具体、可检查的措施。',
      leadership: '作为班子成员，在落实全员安全生产责任制、安全投入、隐患排查治理、带头执行制度上有哪些不足？',
    };
    await app.call('essay.submit', { campaignId: cid, parts: prompts, accidents: ACC }, m);
    const mm = (await app.call('essay.read', { campaignId: cid, employeeNo: 'M001' }, s.admin)).similarity!;
    expect(mm.matches[0]).toMatchObject({ kind: 'source', id: 'source:template' });
    expect(mm.flagged).toBe(true);
  });
});

describe('printable output', () => {
  it('PDF and .docx hold the title, the person and the essay text', async () => {
    const s = await setup();
    const cid = s.campaign.id;
    const e = await s.login('E001');
    await app.call('essay.submit', { campaignId: cid, parts: MINE, accidents: ACC }, e);
    const out = tempDir('anxue-essay-out-');
    try {
      const pdf = await app.call('essay.export', { campaignId: cid, format: 'pdf' }, e);
      writeFileSync(path.join(out, 'e.pdf'), Buffer.from(pdf.base64, 'base64'));
      const text = execFileSync('pdftotext', ['-layout', path.join(out, 'e.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      for (const want of ['个人剖析材料', '测试甲', '甲醇车间', '操作工', '本人签字', '一、安全意识提升方面存在的不足', '对照九七事故', '“9·7”事故'])
        expect(text, want).toContain(want.replace(/\s+/g, ''));
      const docx = await app.call('essay.export', { campaignId: cid, format: 'docx' }, e);
      expect(docx.fileName).toBe('个人剖析材料-E001-测试甲.docx');
      writeFileSync(path.join(out, 'e.docx'), Buffer.from(docx.base64, 'base64'));
      const xml = execFileSync('unzip', ['-p', path.join(out, 'e.docx'), 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
      for (const want of ['个人剖析材料', '测试甲', '四、下一步改进措施', '每月参加一次应急演练', '本人签字']) expect(xml, want).toContain(want);
      // an officer may print anyone's; an employee only their own
      expect((await app.call('essay.export', { campaignId: cid, employeeNo: 'E001', format: 'pdf' }, s.admin)).fileName).toContain('E001');
      const e2 = await s.login('E002');
      expect(await app.raw('essay.export', { campaignId: cid, employeeNo: 'E001', format: 'pdf' }, e2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      removeDir(out);
    }
  });
});

describe('over real HTTP', () => {
  it('an employee gets nothing of another person’s essay, whatever they call', async () => {
    const s = await setup();
    const cid = s.campaign.id;
    await app.call('essay.submit', { campaignId: cid, parts: MINE, accidents: ACC }, await s.login('E001'));
    const pw = s.pw('E002');
    app.close();
    const ui = tempDir('anxue-ui-');
    writeFileSync(path.join(ui, 'index.html'), '<!doctype html><title>t</title>');
    const server = await startServer({ ...storeOptions(app.dir), port: 0, host: '127.0.0.1', rendererDir: ui });
    try {
      const post = async (name: string, body: unknown, token?: string) => {
        const r = await fetch(`${server.url.replace(/\/$/, '')}/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        return { status: r.status, text: await r.text() };
      };
      const token = JSON.parse((await post('auth.login', { employeeNo: 'E002', password: pw })).text).token as string;
      const tries = [
        await post('essay.read', { campaignId: cid, employeeNo: 'E001' }, token),
        await post('essay.overview', { campaignId: cid }, token),
        await post('essay.compare', { campaignId: cid, employeeNo: 'E001', other: 'E002' }, token),
        await post('essay.export', { campaignId: cid, employeeNo: 'E001', format: 'pdf' }, token),
        await post('grading.queue', { campaignId: cid }, token),
        await post('essay.get', { campaignId: cid, employeeNo: 'E001' }, token),
        await post('essay.history', { campaignId: cid, employeeNo: 'E001' }, token),
      ];
      expect(tries.slice(0, 5).map((t) => t.status)).toEqual([403, 403, 403, 403, 403]);
      for (const t of tries) expect(t.text).not.toContain('九七事故');
      // essay.get with someone else's 工号 is not an option: the call only ever answers for the caller
      expect(JSON.parse(tries[5]!.text).status).toBe('not_started');
    } finally {
      await server.close();
      removeDir(ui);
      app = makeApp(app.dir); // for afterEach
    }
  });
});

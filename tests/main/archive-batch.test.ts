// Batch archives and 一期一档 on real files: content of the campaign's file, tamper
// evidence across a batch, reproducible JSON, xAPI statements that validate, cancel, a crash in the
// middle of a batch (SIGKILL of the CLI) and its resumption, retention and the audited deletion.
import { sayIn } from '../../electron/main/messages';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchiveDir, verifyArchivePath } from '../../electron/main/services/archive';
import { createJob, readJobs, runJob } from '../../electron/main/services/archive/job';
import { settleJobs } from '../../electron/main/services/archive/jobs-service';
import { statementProblems, type XapiStatement } from '../../electron/main/services/archive/xapi';
import { rewriteSealed } from '../helpers/seal';
import { cli, ROOT } from '../helpers/cli';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
const dirs: string[] = [];
const ESSAY = {
  awareness: '我对动火作业风险认识不足，曾经在气体分析前催促开工。',
  responsibility: '巡检记录填写不认真。',
  warning: '每一个违章都可能酿成大祸。',
  measures: '严格执行作业票证制度，每月自查一次。',
  leadership: '',
};

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  const cid = s.campaign.id;
  const c = await app.call('campaign.get', { campaignId: cid }, s.admin);
  await app.call('campaign.save', { ...c, essay: { ...c.essay, minChars: 20 } }, s.admin);
  const film = await app.call(
    'collective.save',
    { campaignId: cid, type: 'film', topic: '九七事故警示片', date: '2024-09-06', start: '09:00', durationMinutes: 90, place: '三楼会议室', host: '安全环保部' },
    s.admin,
  );
  await app.call('collective.attendance', { sessionId: film.id, employeeNos: ['E001', 'E002', 'E003'] }, s.admin);
  for (const no of ['E001', 'E002']) {
    const t = await s.login(no);
    const st = await app.call('study.start', { campaignId: cid, docId: 'gb-30871-2022' }, t);
    for (let i = 0; i < 4; i++) {
      app.clock.advance(15_000);
      await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, t);
    }
    await app.call('study.stop', { sessionId: st.sessionId }, t);
    const a = await app.call('quiz.start', { campaignId: cid }, t);
    await app.call(
      'quiz.submit',
      {
        attemptId: a.attemptId,
        answers:
          no === 'E001' ? { 'wm-01': ['D'], 'wm-02': ['A', 'B', 'C'], 'wm-03': ['T'], 'wm-04': ['F'], 'wm-05': ['检测'], 'wm-06': ['B'], 'wm-07': ['泄漏'] } : { 'wm-01': ['A'], 'wm-07': ['不清楚'] },
      },
      t,
    );
    await app.call('grading.gradeAnswer', { employeeNo: no, attemptId: a.attemptId, questionId: 'wm-07', score: no === 'E001' ? 25 : 5, comment: '' }, s.admin);
  }
  const e1 = await s.login('E001');
  await app.call('essay.submit', { campaignId: cid, parts: ESSAY, accidents: ['“9·7”事故'] }, e1);
  await app.call('grading.reviewEssay', { campaignId: cid, employeeNo: 'E001', version: 1, decision: 'accept', comment: '真实具体', partComments: [] }, s.admin);
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  dirs.forEach(removeDir);
});
const out = () => {
  const d = tempDir('anxue-batch-');
  dirs.push(d);
  return d;
};
const text = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

describe('一期一档 (the campaign file)', () => {
  let folder: string;
  beforeAll(async () => {
    const root = out();
    const job = await createJob(app.ports, root, { campaignId: s.campaign.id, zip: false }, 'archivist');
    const done = await runJob(app.ports, root, job.jobId);
    folder = done.result!.path;
  });

  it('holds the plan, the people, each attendance sheet, ledgers, scores, the essay index, figures, and every person’s file', () => {
    const names = readdirSync(folder).sort();
    expect(names).toEqual(['campaign.pdf', 'findings.json', 'findings.xlsx', 'ledger.xlsx', 'manifest.json', 'manifest.sig', 'people', 'people.xlsx', 'scores.xlsx', 'xapi.json']);
    expect(readdirSync(path.join(folder, 'people')).sort()).toEqual(['E001', 'E002', 'E003', 'M001']);
    expect(readdirSync(path.join(folder, 'people', 'E001')).sort()).toEqual(['record.json', 'training-file.pdf']);
    const t = text(path.join(folder, 'campaign.pdf'));
    for (const want of [
      '一期一档',
      s.campaign.name.replace(/\s+/g, ''),
      '一、培训计划',
      '2024-09-01',
      '工作阶段',
      '学习文件',
      '危险化学品企业特殊作业安全规范', // plan
      '二、参加人员',
      '测试甲',
      '测试经理', // people
      '三、集中学习签到表',
      '九七事故警示片',
      '三楼会议室',
      '签字', // the attendance sheet
      '四、学时、考核与剖析材料汇总',
      '合格',
      '不合格',
      '已通过',
      '五、统计汇总',
      '各部门学时达标率',
      '考核成绩分布', // ledgers, index, figures
      '档案管理人签字',
    ])
      expect(t, want).toContain(want);
    expect(verifyArchiveDir(nodeFiles, folder)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
  });

  it('the rows of everyone as a spreadsheet: people, study sessions, collective sessions, attempts, essays', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(folder, 'people.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['人员', '自学记录', '集中学习', '考核', '剖析材料', '履职述职', '三级安全教育', '年度学时']);
    const col = (sheet: string, n: number) => {
      const v: string[] = [];
      wb.getWorksheet(sheet)!.eachRow((r, i) => i > 1 && v.push(String(r.getCell(n).value)));
      return v;
    };
    expect(col('人员', 1).sort()).toEqual(['E001', 'E002', 'E003', 'M001']);
    expect(col('自学记录', 1).sort()).toEqual(['E001', 'E002']);
    expect(col('集中学习', 7)).toEqual(['九七事故警示片', '九七事故警示片', '九七事故警示片']);
    expect(col('考核', 8).sort()).toEqual(['不合格', '合格']);
    expect(col('剖析材料', 9)).toEqual(['提交', '通过']);
  });

  it('its hours ledger, streamed to the archive row by row, holds the same cells as the officer’s download', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const cells = async (load: (wb: import('exceljs').Workbook) => Promise<unknown>) => {
      const wb = new ExcelJS.Workbook();
      await load(wb);
      return wb.worksheets.map((w) => {
        const rows: unknown[][] = [];
        // an empty text is no cell at all when streamed: the same to whoever opens the sheet
        w.eachRow((r) => {
          const v = [...(r.values as unknown[]).slice(1)].map((x) => (x === '' ? undefined : x));
          while (v.length > 0 && v[v.length - 1] === undefined) v.pop();
          rows.push(v);
        });
        return { name: w.name, rows, widths: w.columns.map((c) => c.width) };
      });
    };
    const streamed = await cells((wb) => wb.xlsx.readFile(path.join(folder, 'ledger.xlsx')));
    const download = await app.call('progress.ledger', { campaignId: s.campaign.id }, s.admin);
    const inMemory = await cells((wb) => wb.xlsx.load(Buffer.from(download.base64, 'base64') as never));
    expect(streamed.map((w) => w.name)).toEqual(['学时台账', '学习记录明细']);
    expect(
      streamed[0]!.rows
        .map((r) => r[0])
        .slice(3)
        .sort(),
    ).toEqual(['E001', 'E002', 'E003', 'M001']);
    expect(
      streamed[1]!.rows
        .filter((r) => r[2] === '自学')
        .map((r) => r[0])
        .sort(),
    ).toEqual(['E001', 'E002']);
    expect(streamed).toEqual(inMemory);
  });

  it('its xAPI statements all have the fields the statement schema requires', () => {
    const st = JSON.parse(readFileSync(path.join(folder, 'xapi.json'), 'utf8')) as XapiStatement[];
    expect(st.length).toBeGreaterThan(10);
    for (const x of st) expect(statementProblems(x), JSON.stringify(x).slice(0, 200)).toEqual([]);
    const verbs = new Set(st.map((x) => x.verb.id.split('/').pop()));
    for (const v of ['experienced', 'answered', 'scored', 'passed', 'failed', 'completed']) expect(verbs.has(v), v).toBe(true);
    const study = st.find((x) => x.verb.id.endsWith('experienced') && x.object.id.includes('/document/'))!;
    expect(study.actor.account.name).toMatch(/^E00[12]$/);
    expect(study.result!.duration).toBe('PT1M');
    expect(new Set(st.map((x) => x.id)).size).toBe(st.length);
  });

  it('tampering anywhere in the batch is detected and named', () => {
    const copy = (fn: (dir: string) => void) => {
      const d = out();
      execFileSync('cp', ['-r', `${folder}/.`, d]);
      fn(d);
      return verifyArchiveDir(nodeFiles, d)
        .problems.map((p) => sayIn('zh-CN', p))
        .join('\n');
    };
    expect(
      copy((d) => {
        const f = path.join(d, 'people', 'E002', 'training-file.pdf');
        const b = readFileSync(f);
        b[b.length - 20]! ^= 1;
        writeFileSync(f, b);
      }),
    ).toContain('people/E002/training-file.pdf');
    const editRecord = (fn: (events: unknown[]) => unknown[]) => (d: string) => {
      const f = path.join(d, 'people', 'E001', 'record.json');
      const r = JSON.parse(readFileSync(f, 'utf8'));
      r.events = fn(r.events);
      writeFileSync(f, JSON.stringify(r, null, 2) + '\n');
    };
    expect(copy(editRecord((ev) => ev.filter((_, i) => i !== 1)))).toContain('people/E001/record.json');
    expect(copy(editRecord((ev) => [ev[1], ev[0], ...ev.slice(2)]))).toMatch(/people\/E001\/record\.json：.*(顺序|哈希|链)/);
    expect(copy(editRecord((ev) => [...ev, { ...(ev[0] as object), seq: 99 }]))).toContain('记录条数');
    expect(copy((d) => execFileSync('rm', ['-r', path.join(d, 'people', 'M001')]))).toContain('缺少 M001 的记录文件');
    expect(copy((d) => writeFileSync(path.join(d, 'people', 'extra.txt'), 'x'))).toContain('people/extra.txt');
  });

  it('two exports of the same data give the same JSON, but for the declared timestamps', async () => {
    const root = out();
    const job = await createJob(app.ports, root, { campaignId: s.campaign.id, zip: false }, 'archivist');
    const again = (await runJob(app.ports, root, job.jobId)).result!.path;
    for (const f of ['people/E001/record.json', 'people/E002/record.json', 'xapi.json']) expect(readFileSync(path.join(again, f), 'utf8'), f).toBe(readFileSync(path.join(folder, f), 'utf8'));
    const strip = (m: string) => ({ ...JSON.parse(m), exportId: null, createdAt: null });
    const m1 = strip(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
    const m2 = strip(readFileSync(path.join(again, 'manifest.json'), 'utf8'));
    expect(m2.chainHeads).toEqual(m1.chainHeads);
    const json = (m: { files: { name: string; sha256: string }[] }) => m.files.filter((f) => f.name.endsWith('.json'));
    expect(json(m2)).toEqual(json(m1));
  });
});

describe('batches', () => {
  it('a 班组 as one .zip: verified inside the zip, its entries dated in local time; one changed byte in the zip is caught', async () => {
    const root = out();
    const job = await createJob(app.ports, root, { dept: '甲醇车间', team: '合成一班', zip: true }, 'archivist');
    expect(job.people).toEqual(['E001']);
    const zip = (await runJob(app.ports, root, job.jobId)).result!.path;
    expect(zip.endsWith('.zip')).toBe(true);
    expect(readdirSync(root).filter((n) => !n.startsWith('.'))).toEqual([path.basename(zip)]);
    expect(await verifyArchivePath(nodeFiles, zip)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
    // every entry dated when the job was made, in the enterprise's time (UTC+8 here), as a zip tool shows it
    const { default: JSZip } = await import('jszip');
    const entries = Object.values((await JSZip.loadAsync(readFileSync(zip))).files).filter((f) => !f.dir);
    const local = new Date(Date.parse(job.createdAt) + 480 * 60_000);
    expect(entries.length).toBeGreaterThan(3);
    for (const f of entries) {
      // DOS dates are wall-clock, read back as UTC fields, to the even second
      expect([f.date.getUTCFullYear(), f.date.getUTCMonth(), f.date.getUTCDate(), f.date.getUTCHours(), f.date.getUTCMinutes()], f.name).toEqual([
        local.getUTCFullYear(),
        local.getUTCMonth(),
        local.getUTCDate(),
        local.getUTCHours(),
        local.getUTCMinutes(),
      ]);
    }
    const b = readFileSync(zip);
    b[Math.floor(b.length / 3)]! ^= 0xff;
    const bad = path.join(root, 'bad.zip');
    writeFileSync(bad, b);
    expect((await verifyArchivePath(nodeFiles, bad)).ok).toBe(false);
  });

  it('an empty selection is refused; a cancelled job leaves nothing that looks like an archive', async () => {
    expect(await app.raw('archive.batchStart', { dept: '没有这个部门', zip: false }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const started = await app.call('archive.batchStart', { zip: false }, s.admin);
    const cancelled = await app.call('archive.batchCancel', { jobId: started.jobId }, s.admin);
    await settleJobs(app.ports);
    const root = app.ports.store.exportsDir();
    if (cancelled.state === 'cancelled') {
      expect(readdirSync(root).filter((n) => n.startsWith('培训档案') || n.startsWith('.partial'))).toEqual([]);
    } else {
      // four people can be done before the cancel arrives: then the job finished, and verifies
      expect(cancelled.state).toBe('done');
      expect((await app.call('archive.verify', { exportId: path.basename(cancelled.result!) }, s.admin)).ok).toBe(true);
    }
    const list = await app.call('archive.batchList', {}, s.admin);
    expect(list[0]!.jobId).toBe(started.jobId);
  });

  it('the app runs a job in the background and registers the finished archive; verify by its name', async () => {
    const started = await app.call('archive.batchStart', { campaignId: s.campaign.id, zip: true }, s.admin);
    expect(started.total).toBe(4);
    await settleJobs(app.ports);
    const st = await app.call('archive.batchStatus', { jobId: started.jobId }, s.admin);
    expect(st).toMatchObject({ state: 'done', done: 4, total: 4 });
    expect((await app.call('archive.list', {}, s.admin)).some((x) => x.exportId === path.basename(st.result!))).toBe(true);
    expect(await app.call('archive.verify', { exportId: path.basename(st.result!) }, s.admin)).toMatchObject({
      ok: true,
      problems: [],
      signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
  });
});

describe('after the app was stopped in the middle of a job', () => {
  it('the job is listed as interrupted and resumes from the archive page', async () => {
    // a job left on disk as 'running' with nobody running it: what a crash of the app leaves
    const job = await createJob(app.ports, app.ports.store.exportsDir(), { dept: '储运车间', zip: false }, 'archivist');
    const listed = (await app.call('archive.batchList', {}, s.admin)).find((j) => j.jobId === job.jobId)!;
    expect(listed.state).toBe('interrupted');
    await app.call('archive.batchResume', { jobId: job.jobId }, s.admin);
    await settleJobs(app.ports);
    const done = await app.call('archive.batchStatus', { jobId: job.jobId }, s.admin);
    expect(done).toMatchObject({ state: 'done', done: 1, total: 1 });
    expect(verifyArchiveDir(nodeFiles, done.result!)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
  });
});

describe('the PDF worker of the built app', () => {
  it('dist/electron/pdf-worker.cjs prints a training file in a worker thread', async () => {
    const { Worker } = await import('node:worker_threads');
    const { buildPersonRecord } = await import('../../electron/main/services/archive');
    const file = path.join(ROOT, 'dist/electron/pdf-worker.cjs');
    expect(existsSync(file), 'npm test builds it first').toBe(true);
    const record = await buildPersonRecord(app.ports, 'E001', 'archivist');
    const { campaigns } = await app.ports.store.campaigns.read();
    const w = new Worker(file);
    try {
      const reply = await new Promise<{ pdf?: Uint8Array; error?: string }>((resolve, reject) => {
        w.once('message', resolve);
        w.once('error', reject);
        w.postMessage({ id: 1, record, campaigns });
      });
      expect(reply.error).toBeUndefined();
      expect(Buffer.from(reply.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await w.terminate();
    }
  });
});

describe('a crash in the middle of a batch', () => {
  it('SIGKILL leaves a partial folder that does not verify; running again resumes and completes', async () => {
    // a data folder of its own with 40 people, for a run long enough to be killed in the middle
    const data = out();
    const root = out();
    writeFileSync(path.join(data, '..', 'pw-batch.txt'), 'batch-admin-pass');
    expect(cli(['init', '--data', data, '--enterprise', '批量测试（虚构）', '--admin', 'admin', '--password-file', path.join(data, '..', 'pw-batch.txt')]).status).toBe(0);
    const rows = ['工号,姓名,部门/车间,班组,岗位,人员类别,班子成员', ...Array.from({ length: 40 }, (_, i) => `K${i},批量${i},甲醇车间,合成一班,操作工,其他从业人员,否`)];
    writeFileSync(path.join(data, '..', 'roster-batch.csv'), rows.join('\n'));
    expect(cli(['roster', 'import', path.join(data, '..', 'roster-batch.csv'), '--data', data]).status).toBe(0);
    const args = ['--import', 'tsx', path.join(ROOT, 'electron/main/cli.ts'), 'export', 'batch', '--data', data, '--out', root];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const partialPeople = () => {
      const p = readdirSync(root).find((n) => n.startsWith('.partial-'));
      return p && existsSync(path.join(root, p, 'people')) ? readdirSync(path.join(root, p, 'people')).filter((n) => !n.startsWith('.')).length : 0;
    };
    await new Promise<void>((resolve, reject) => {
      const t = setInterval(() => {
        if (partialPeople() >= 3) {
          clearInterval(t);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
      child.once('exit', () => {
        clearInterval(t);
        reject(new Error('the export finished before it could be killed'));
      });
    });
    await new Promise((r) => child.once('exit', r));
    const partial = readdirSync(root).find((n) => n.startsWith('.partial-'))!;
    expect(readdirSync(root).filter((n) => !n.startsWith('.'))).toEqual([]); // nothing with a final name
    expect(verifyArchiveDir(nodeFiles, path.join(root, partial)).ok).toBe(false);
    expect(readJobs(nodeFiles, root)[0]!.state).toBe('running');
    const again = cli(['export', 'batch', '--data', data, '--out', root]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('继续未完成的导出');
    const final = readdirSync(root).filter((n) => !n.startsWith('.'));
    expect(final).toHaveLength(1);
    expect(readdirSync(path.join(root, final[0]!, 'people'))).toHaveLength(40);
    const v = cli(['verify', path.join(root, final[0]!)]);
    expect(v.status, v.stdout).toBe(0);
  });
});

describe('retention and deletion', () => {
  it('records are kept for the retention period; an admin deletes with a reason; the audit log keeps a tombstone', async () => {
    const t = app.clock.t;
    try {
      expect(await app.raw('people.delete', { employeeNo: 'E002', reason: '离职三年以上' }, s.admin)).toMatchObject({ ok: false, error: { code: 'conflict' } });
      // a person without records (imported by mistake) can go at once; a reason is required
      expect(await app.raw('people.delete', { employeeNo: 'E003', reason: '' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      app.clock.advance(3 * 366 * 24 * 3600_000);
      await app.call('people.delete', { employeeNo: 'E002', reason: '离职满三年，按制度销毁' }, s.admin);
      expect((await app.call('roster.list', {}, s.admin)).some((p) => p.employeeNo === 'E002')).toBe(false);
      expect(existsSync(path.join(app.dir, 'people', 'E002.json'))).toBe(false);
      const audit = await app.call('audit.list', {}, s.admin);
      expect(audit.intact).toBe(true);
      expect(audit.entries[0]).toMatchObject({ action: 'person.deleted', subject: 'E002', by: 'admin', reason: '离职满三年，按制度销毁' });
      expect(audit.entries[0]!.details.chainHead).toMatch(/^[0-9a-f]{64}$/);
      // tampering with the audit log shows: by hand, its seal no longer holds and it is not used at all
      app.close();
      const f = path.join(app.dir, 'audit.json');
      const sealed = readFileSync(f, 'utf8');
      writeFileSync(f, sealed.replace('离职满三年，按制度销毁', '离职'));
      app = makeApp(app.dir);
      const admin = (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
      expect(await app.raw('audit.list', {}, admin)).toMatchObject({ ok: false, status: 409, error: { message: expect.stringContaining('audit.json 与封印不符') } });
      // and by someone who holds the seal key too: the log's own chain still shows it
      app.close();
      writeFileSync(f, sealed);
      rewriteSealed(app.dir, 'audit.json', (t) => t.replace('离职满三年，按制度销毁', '离职'));
      app = makeApp(app.dir);
      expect((await app.call('audit.list', {}, (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token)).intact).toBe(false);
    } finally {
      app.clock.t = t;
    }
  });
});

// Inspections and the 问题台账: an inspection with its checklist, findings with
// photos kept by hash, rectification by the 责任人, 验收 by someone else, overdue on the local date,
// the ledger as .xlsx in the bureaus' columns, and every refusal naming its field with nothing
// changed. Both backends (see vitest.config.ts).
import { sayIn } from '../../electron/main/messages';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyArchiveDir } from '../../electron/main/services/archive';
import { createJob, runJob } from '../../electron/main/services/archive/job';
import { defaultChecklist, type LedgerEntry } from '../../electron/core/inspection';
import { verifyChain } from '../../electron/records/events';
import { b64, makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let campaignId: string;
beforeEach(async () => {
  app = makeApp();
  s = await seeded(app);
  campaignId = s.campaign.id;
  app.clock.t = Date.parse('2024-09-10T02:00:00Z');
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('a photo of a valve')]);
const inspection = () => ({
  campaignId,
  kind: 'maintenance' as const,
  scope: 'workshop' as const,
  unit: '甲醇车间',
  date: '2024-09-10',
  inspectors: '安全环保部 管理员',
  checklist: defaultChecklist('maintenance').map((item, i) => ({ item, result: i === 1 ? ('problem' as const) : ('ok' as const), note: '' })),
});
const ledger = async () => (await app.ports.store.inspections.read()).entries as LedgerEntry[];

describe('inspections and the 问题台账', () => {
  it('an inspection with two findings: one rectified and closed by someone else, one overdue', async () => {
    const i = await app.call('inspection.save', inspection(), s.admin);
    expect(i).toMatchObject({ kind: 'maintenance', unit: '甲醇车间', findings: 0 });
    const photo = await app.call('finding.photo', { fileName: '动火作业票.jpg', base64: JPEG.toString('base64') }, s.admin);
    expect(photo).toMatchObject({ kind: 'jpeg', name: '动火作业票.jpg', bytes: JPEG.length });
    const a = await app.call(
      'finding.record',
      {
        inspectionId: i.id,
        level: 'major',
        location: '甲醇合成工段',
        description: '动火作业票未做气体分析即审批',
        measure: '作业前必须气体分析合格后方可审批，组织审批人培训',
        owner: 'E002',
        due: '2024-09-15',
        photos: [{ sha256: photo.sha256, name: photo.name }],
      },
      s.admin,
    );
    expect(a).toMatchObject({ status: 'open', overdue: false, ownerName: '测试乙', campaignId, photos: [{ sha256: photo.sha256 }] });
    const b = await app.call(
      'finding.record',
      { inspectionId: i.id, level: 'general', location: '罐区', description: '监护人未持证', measure: '更换持证监护人', owner: 'E003', due: '2024-09-12', photos: [] },
      s.admin,
    );
    // the 责任人 sees their own, and reports what was done
    const e2 = await s.login('E002');
    expect((await app.call('finding.mine', { campaignId }, e2)).map((f) => f.id)).toEqual([a.id]);
    const after = await app.call(
      'finding.photo',
      { fileName: '整改后.png', base64: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('x')]).toString('base64') },
      e2,
    );
    // someone else's finding: not theirs to rectify
    expect(await app.raw('finding.rectify', { findingId: b.id, note: '已整改', photos: [] }, e2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // not yet rectified: 验收 waits
    expect(await app.raw('finding.verify', { findingId: a.id, passed: true, note: '' }, s.admin)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.call('finding.rectify', { findingId: a.id, note: '已组织 12 名审批人培训，制度已修订', photos: [{ sha256: after.sha256, name: after.name }] }, e2)).toMatchObject({
      status: 'rectified',
    });
    expect(await app.call('finding.verify', { findingId: a.id, passed: true, note: '现场核查合格' }, s.admin)).toMatchObject({ status: 'closed', closedBy: 'admin' });
    // days later: the other one is past its 期限
    app.clock.t = Date.parse('2024-09-13T02:00:00Z');
    const v = await app.call('inspection.list', { campaignId }, s.admin);
    expect(v.today).toBe('2024-09-13');
    expect(v.counts).toEqual({ findings: 2, closed: 1, overdue: 1, major: 1 });
    expect(v.findings.map((f) => [f.id, f.overdue, f.status])).toEqual([
      [b.id, true, 'open'],
      [a.id, false, 'closed'],
    ]);
    expect(v.inspections[0]).toMatchObject({ findings: 2, openFindings: 1 });
    // the ledger is one intact chain naming the photos by hash
    const entries = await ledger();
    expect(entries.map((e) => e.type)).toEqual(['inspection.saved', 'finding.recorded', 'finding.recorded', 'finding.rectified', 'finding.verified']);
    expect(verifyChain(entries)).toEqual([]);
    expect(v.head).toBe(entries.at(-1)!.hash);
    expect((await app.ports.store.files.get(photo.sha256))?.equals(JPEG)).toBe(true);
    // photos: for the office and the 责任人, not for others
    expect(Buffer.from((await app.call('finding.file', { findingId: a.id, sha256: photo.sha256 }, e2)).base64, 'base64').equals(JPEG)).toBe(true);
    expect(await app.raw('finding.file', { findingId: a.id, sha256: photo.sha256 }, await s.login('E001'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('a closing by the 责任人 themself is refused, even when they are an officer; a failed 验收 sends it back', async () => {
    // E002 is on the roster and also a safety officer
    await app.ports.store.accounts.update((x) => {
      x.accounts.find((a) => a.employeeNo === 'E002')!.roles = ['employee', 'officer'];
    });
    const e2 = await s.login('E002');
    const i = await app.call('inspection.save', inspection(), s.admin);
    const f = await app.call(
      'finding.record',
      { inspectionId: i.id, level: 'general', location: '中控室', description: '交接班记录不全', measure: '补全记录', owner: 'E002', due: '2024-09-20', photos: [] },
      e2,
    );
    await app.call('finding.rectify', { findingId: f.id, note: '已补全', photos: [] }, e2);
    const before = (await ledger()).length;
    const own = await app.raw('finding.verify', { findingId: f.id, passed: true, note: '' }, e2);
    expect(own).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    if (!own.ok) expect(own.error.message).toContain('整改责任人不能验收自己负责整改的问题');
    expect((await ledger()).length).toBe(before);
    // another officer fails it with a reason; rectified again, it passes
    expect(await app.raw('finding.verify', { findingId: f.id, passed: false, note: '' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'note' } });
    expect(await app.call('finding.verify', { findingId: f.id, passed: false, note: '记录仍缺夜班' }, s.admin)).toMatchObject({ status: 'open', closedAt: null });
    await app.call('finding.rectify', { findingId: f.id, note: '夜班记录已补', photos: [] }, e2);
    expect(await app.call('finding.verify', { findingId: f.id, passed: true, note: '合格' }, s.admin)).toMatchObject({
      status: 'closed',
      closedBy: 'admin',
      names: { admin: '管理员', E002: '测试乙' },
    });
  });

  it("a closed campaign's inspections take no new finding and no edit; its findings are still rectified and verified", async () => {
    const i = await app.call('inspection.save', inspection(), s.admin);
    const base = { inspectionId: i.id, level: 'general' as const, location: '罐区', description: '呼吸阀未按期检验', measure: '送检呼吸阀', owner: 'E002', due: '2024-09-20', photos: [] };
    const f = await app.call('finding.record', base, s.admin);
    const current = await app.call('campaign.save', { ...s.campaign, id: undefined, name: '下一期警示教育' }, s.admin);
    await app.call('campaign.close', { campaignId }, s.admin);
    const before = (await ledger()).length;
    const tries = [
      await app.raw('finding.record', base, s.admin),
      await app.raw('inspection.save', { ...inspection(), id: i.id, unit: '甲醇车间合成工段' }, s.admin),
      await app.raw('inspection.save', inspection(), s.admin),
      // nor is it moved out to a current campaign to be changed there
      await app.raw('inspection.save', { ...inspection(), id: i.id, campaignId: current.id }, s.admin),
    ];
    expect(tries.map((r) => (r.ok ? 'accepted' : r.error.key))).toEqual([
      'campaign.closedReadOnly',
      'campaign.closedReadOnly',
      'campaign.closedReadOnly',
      'inspection.inspectionBelongsAnotherCampaign',
    ]);
    expect((await ledger()).length).toBe(before);
    // the hazard is recorded in an inspection of the current campaign instead
    const now = await app.call('inspection.save', { ...inspection(), campaignId: current.id }, s.admin);
    expect((await app.call('finding.record', { ...base, inspectionId: now.id }, s.admin)).campaignId).toBe(current.id);
    // the closed campaign's finding is rectified and verified as before
    expect(await app.call('finding.rectify', { findingId: f.id, note: '呼吸阀已送检合格', photos: [] }, await s.login('E002'))).toMatchObject({ status: 'rectified' });
    expect(await app.call('finding.verify', { findingId: f.id, passed: true, note: '合格' }, s.admin)).toMatchObject({ status: 'closed', campaignId });
  });

  it('bad input is refused with the field named and nothing changed', async () => {
    const i = await app.call('inspection.save', inspection(), s.admin);
    const before = (await ledger()).length;
    const files = await app.ports.store.files.list();
    const base = { inspectionId: i.id, level: 'general' as const, location: '罐区', description: '液位计失灵', measure: '更换液位计', owner: 'E003', due: '2024-09-20', photos: [] };
    const refuse = async (input: object, field: string, text: string) => {
      const r = await app.raw('finding.record', input, s.admin);
      expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', field } });
      if (!r.ok) expect(r.error.message).toContain(text);
    };
    await refuse({ ...base, owner: '' }, 'owner', '请填写整改责任人');
    await refuse({ ...base, owner: 'NOBODY' }, 'owner', '花名册中没有工号 NOBODY');
    await refuse({ ...base, due: '' }, 'due', '请填写整改期限');
    await refuse({ ...base, due: '2024-13-45' }, 'due', '不是日期');
    const { owner: _o, due: _d, ...missing } = base;
    await refuse(missing, 'owner', '请填写整改责任人');
    await refuse({ ...base, photos: [{ sha256: 'a'.repeat(64), name: 'x.jpg' }] }, 'photos.0', '没有上传');
    // photos: not an image, and over the limit
    const pdf = await app.raw('finding.photo', { fileName: '现场.jpg', base64: b64('%PDF-1.7 not a photo') }, s.admin);
    expect(pdf).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'fileName' } });
    if (!pdf.ok) expect(pdf.error.message).toContain('「现场.jpg」不是照片');
    const big = await app.raw('finding.photo', { fileName: '大图.jpg', base64: Buffer.concat([JPEG, Buffer.alloc(8 * 1024 * 1024)]).toString('base64') }, s.admin);
    expect(big).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'base64' } });
    if (!big.ok) expect(big.error.message).toMatch(/照片「大图.jpg」有 8 MB，每张不能超过 8 MB/);
    expect(await app.raw('inspection.save', { ...inspection(), unit: ' ' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'unit' } });
    expect((await ledger()).length).toBe(before);
    expect(await app.ports.store.files.list()).toEqual(files);
    // an employee may not record findings or do 验收
    const e1 = await s.login('E001');
    expect(await app.raw('finding.record', base, e1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('the ledger as .xlsx in the columns bureaus use', async () => {
    const i = await app.call('inspection.save', { ...inspection(), kind: 'procedure' }, s.admin);
    const f = await app.call(
      'finding.record',
      { inspectionId: i.id, level: 'major', location: '合成岗', description: '开车规程缺少氮气置换步骤', measure: '修订规程并培训', owner: 'E002', due: '2024-09-18', photos: [] },
      s.admin,
    );
    await app.call('finding.rectify', { findingId: f.id, note: '规程已修订', photos: [] }, s.admin);
    await app.call(
      'finding.record',
      { inspectionId: i.id, level: 'general', location: '合成岗', description: '规程未张贴', measure: '张贴上墙', owner: 'E001', due: '2024-09-09', photos: [] },
      s.admin,
    );
    const x = await app.call('inspection.ledger', { campaignId }, s.admin);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.base64, 'base64') as never);
    const ws = wb.getWorksheet('问题台账')!;
    expect((ws.getRow(2).values as string[]).slice(1)).toEqual(['序号', '检查时间', '检查类型', '问题描述', '隐患等级', '整改措施', '责任人', '整改期限', '整改情况', '验收人', '验收时间']);
    expect((ws.getRow(3).values as unknown[]).slice(1, 10)).toEqual([
      1,
      '2024-09-10',
      '操作规程专项排查',
      '合成岗：开车规程缺少氮气置换步骤',
      '重大隐患',
      '修订规程并培训',
      '测试乙（E002）',
      '2024-09-18',
      '已整改，待验收；规程已修订',
    ]);
    expect((ws.getRow(4).values as unknown[]).slice(1, 10)).toEqual([2, '2024-09-10', '操作规程专项排查', '合成岗：规程未张贴', '一般隐患', '张贴上墙', '测试甲（E001）', '2024-09-09', '逾期未整改']);
  });

  it('in the 一期一档: the ledger chain, its photos, the table in the PDF — and verify covers them', async () => {
    const i = await app.call('inspection.save', inspection(), s.admin);
    const photo = await app.call('finding.photo', { fileName: '现场.jpg', base64: JPEG.toString('base64') }, s.admin);
    await app.call(
      'finding.record',
      {
        inspectionId: i.id,
        level: 'major',
        location: '甲醇合成工段',
        description: '动火作业票未做气体分析即审批',
        measure: '气体分析合格后方可审批',
        owner: 'E002',
        due: '2024-09-15',
        photos: [{ sha256: photo.sha256, name: photo.name }],
      },
      s.admin,
    );
    const root = tempDir('anxue-findings-archive-');
    try {
      const job = await createJob(app.ports, root, { campaignId, zip: false }, 'admin');
      const folder = (await runJob(app.ports, root, job.jobId)).result!.path;
      const ledger = JSON.parse(readFileSync(path.join(folder, 'findings.json'), 'utf8'));
      expect(ledger.entries).toHaveLength(2);
      const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8'));
      expect(manifest.ledgerHead).toBe(ledger.head);
      expect(readFileSync(path.join(folder, 'files', `${photo.sha256}.jpg`)).equals(JPEG)).toBe(true);
      const text = execFileSync('pdftotext', [path.join(folder, 'campaign.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain('七、安全专项检查和问题台账');
      expect(text).toContain('发现问题1项（重大隐患1项），已验收销号0项');
      expect(text).toContain('动火作业票未做气体分析即审批');
      expect(verifyArchiveDir(nodeFiles, folder, undefined)).toMatchObject({ ok: true, problems: [], signedBy: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/) });
      // the photo swapped, its manifest line made to match: the ledger's hash still tells (and the
      // manifest no longer fits its signature)
      const f = path.join(folder, 'files', `${photo.sha256}.jpg`);
      writeFileSync(f, Buffer.concat([JPEG, Buffer.from('edited')]));
      manifest.files.find((x: { name: string }) => x.name === `files/${photo.sha256}.jpg`).sha256 = createHash('sha256').update(readFileSync(f)).digest('hex');
      writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
      expect(verifyArchiveDir(nodeFiles, folder).problems.map((p) => `${sayIn('zh-CN', p)} / ${sayIn('en-US', p)}`)).toEqual([
        'manifest.sig：签名与 manifest.json 不符，清单或签名被改动 / manifest.sig: the signature does not fit manifest.json: the manifest or the signature was changed',
        'findings.json：台账所附的照片「现场.jpg」与台账中的哈希不符：照片被替换 / findings.json: the photo “现场.jpg” does not match the hash in the ledger: it was replaced',
      ]);
      // a finding's text changed in the ledger file (and the manifest line made to match)
      writeFileSync(f, JPEG);
      ledger.entries[1].data.level = 'general';
      writeFileSync(path.join(folder, 'findings.json'), JSON.stringify(ledger));
      manifest.files.find((x: { name: string }) => x.name === `files/${photo.sha256}.jpg`).sha256 = photo.sha256;
      manifest.files.find((x: { name: string }) => x.name === 'findings.json').sha256 = createHash('sha256')
        .update(readFileSync(path.join(folder, 'findings.json')))
        .digest('hex');
      writeFileSync(path.join(folder, 'manifest.json'), JSON.stringify(manifest));
      expect(
        verifyArchiveDir(nodeFiles, folder)
          .problems.map((p) => sayIn('zh-CN', p))
          .join('\n'),
      ).toContain('内容与哈希不符，记录被修改');
    } finally {
      removeDir(root);
    }
  });
});

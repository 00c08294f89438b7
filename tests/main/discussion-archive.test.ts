// A 研讨 with minutes, two speakers and one follow-up finding shows in the 一期一档 and in the
// speakers' 一人一档; verify holds, and fails when a minutes entry (the campaign's chain) or a
// speaker's part (their own chain) is altered — even with the manifest's hash made to fit.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchiveDir } from '../../electron/main/services/archive';
import { createJob, runJob } from '../../electron/main/services/archive/job';
import { nodeFiles } from '../../electron/main/files';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
/** a 1×1 PNG */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let app: TempApp;
let s: Awaited<ReturnType<typeof seeded>>;
let folder: string;
let photoSha: string;
const dirs: string[] = [];
const text = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFKC').replace(/\s+/g, '');

beforeAll(async () => {
  app = makeApp();
  s = await seeded(app);
  const v = await app.call(
    'collective.save',
    { campaignId: s.campaign.id, type: 'group', topic: '罐区泄漏案例分组讨论', date: '2024-09-06', start: '14:00', durationMinutes: 60, place: '储运车间会议室', host: '储运车间' },
    s.admin,
  );
  await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E002', 'E003'] }, s.admin);
  const photo = await app.call('finding.photo', { fileName: '签到表.png', base64: PNG_1PX }, s.admin);
  photoSha = photo.sha256;
  await app.call(
    'collective.minutes',
    {
      sessionId: v.id,
      speakers: [
        { employeeNo: 'E001', points: '巡检要看液位计' },
        { employeeNo: 'E003', points: '罐区阀门要挂牌' },
      ],
      conclusions: '每班巡检两次罐区',
      followUps: [{ issue: '罐区三号阀门无标识', action: '本周内挂牌标识', owner: 'E003', due: '2024-09-20', asFinding: true, level: 'general', location: '罐区三号阀' }],
      sheetPhoto: { sha256: photo.sha256, name: photo.name },
    },
    s.admin,
  );
  const root = tempDir('anxue-discuss-');
  dirs.push(root);
  const job = await createJob(app.ports, root, { campaignId: s.campaign.id, zip: false }, 'archivist');
  folder = (await runJob(app.ports, root, job.jobId)).result!.path;
});
afterAll(() => {
  app.close();
  removeDir(app.dir);
  dirs.forEach(removeDir);
});

/** Change a file of the archive and make the manifest's hash fit it (the signature, which would tell, taken away). */
function forge(name: string, change: (json: Record<string, unknown>) => void): void {
  const p = path.join(folder, ...name.split('/'));
  const json = JSON.parse(readFileSync(p, 'utf8')) as Record<string, unknown>;
  change(json);
  const data = JSON.stringify(json, null, 2) + '\n';
  writeFileSync(p, data);
  const mPath = path.join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(mPath, 'utf8')) as { files: { name: string; sha256: string; bytes: number }[] };
  const f = manifest.files.find((x) => x.name === name)!;
  f.sha256 = createHash('sha256').update(data).digest('hex');
  f.bytes = Buffer.byteLength(data);
  writeFileSync(mPath, JSON.stringify(manifest, null, 2) + '\n');
  rmSync(path.join(folder, 'manifest.sig'), { force: true });
}

describe('研讨 in the archives', () => {
  it('the 一期一档 shows the minutes under the session, the finding raised in it, and keeps the signed sheet', () => {
    const t = text(path.join(folder, 'campaign.pdf'));
    for (const want of [
      '分组讨论:罐区泄漏案例分组讨论',
      '研讨纪要',
      '测试甲(E001)',
      '巡检要看液位计',
      '测试丙(E003)',
      '罐区阀门要挂牌',
      '研讨结论:每班巡检两次罐区',
      '本周内挂牌标识',
      '已登记',
      '签到表.png',
    ])
      expect(t, want).toContain(want.normalize('NFKC'));
    // the 问题台账 (its chain in findings.json) names the session the finding was raised in
    const ledger = JSON.parse(readFileSync(path.join(folder, 'findings.json'), 'utf8')) as { entries: { type: string; data: { discussion?: { topic: string }; description?: string } }[] };
    const found = ledger.entries.find((e) => e.type === 'finding.recorded')!;
    expect(found.data).toMatchObject({ description: '罐区三号阀门无标识', discussion: { topic: '罐区泄漏案例分组讨论' } });
    expect(existsSync(path.join(folder, 'files', `${photoSha}.png`))).toBe(true);
    expect(verifyArchiveDir(nodeFiles, folder).ok).toBe(true);
  });

  it('each speaker’s 一人一档 shows their part; one who did not speak has none', () => {
    const e1 = text(path.join(folder, 'people', 'E001', 'training-file.pdf'));
    expect(e1).toContain('研讨发言');
    expect(e1).toContain('巡检要看液位计');
    const e3 = text(path.join(folder, 'people', 'E003', 'training-file.pdf'));
    expect(e3).toContain('罐区阀门要挂牌');
    const e2 = text(path.join(folder, 'people', 'E002', 'training-file.pdf'));
    expect(e2).not.toContain('研讨发言');
  });

  it('verify fails when a speaker’s part or the minutes are altered, the manifest made to fit', () => {
    forge('people/E001/record.json', (r) => {
      const e = (r.events as { type: string; data: { points: string } }[]).find((x) => x.type === 'collective.spoke')!;
      e.data.points = '我没说过这句';
    });
    const one = verifyArchiveDir(nodeFiles, folder);
    expect(one.ok).toBe(false);
    expect(JSON.stringify(one.problems)).toContain('chain.problem.hash');
    forge('findings.json', (l) => {
      const e = (l.entries as { type: string; data: { conclusions: string } }[]).find((x) => x.type === 'discussion.minutes')!;
      e.data.conclusions = '没有结论';
    });
    const two = verifyArchiveDir(nodeFiles, folder);
    expect(JSON.stringify(two.problems)).toContain('findings.json');
    expect(two.problems.length).toBeGreaterThan(one.problems.length);
  });
});

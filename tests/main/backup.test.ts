// Backup and restore (main/backup.ts) on the backend of the project (lowdb here, PostgreSQL in
// "pg"): a backup restored into an empty store holds every record, compared one by one; a changed
// backup or a store that is not empty is refused and nothing is written.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupTo, restoreFrom } from '../../electron/main/backup';
import { unzipTo, ZIP_LIMITS, zipFolder } from '../../electron/main/services/files/zip-folder';
import { cli } from '../helpers/cli';
import { expectSameRecords } from '../helpers/records';
import { startServeProcess } from '../helpers/server-process';
import { lowdbFilesOnly, makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { SHARED_DOCS } from '../../electron/records/shared-docs';
import { nodeFiles } from '../../electron/main/files';
/** every shared document is compared after a copy */
const DOCS = Object.keys(SHARED_DOCS).length;

let app: TempApp;
const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
let file: string;
let photo: string;

beforeAll(async () => {
  app = makeApp(fresh());
  const s = await seeded(app);
  const v = await app.call(
    'collective.save',
    { campaignId: s.campaign.id, type: 'film', topic: '九七事故警示片', date: '2024-09-06', start: '09:00', durationMinutes: 90, place: '三楼会议室', host: '安全环保部' },
    s.admin,
  );
  await app.call('collective.attendance', { sessionId: v.id, employeeNos: ['E001', 'E002', 'M001'] }, s.admin);
  const e1 = await s.login('E001');
  await app.call(
    'essay.save',
    { campaignId: s.campaign.id, parts: { awareness: '对动火作业前的气体分析不够重视。', responsibility: '', warning: '', measures: '', leadership: '' }, accidents: [] },
    e1,
  );
  await app.call('reader.savePosition', { docId: 'gb-30871-2022', key: 'notes', ratio: 0.4 }, e1);
  // an evidence file (a photo of a finding, an attachment): it travels with the records
  photo = await app.ports.store.files.put(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
  file = path.join(fresh(), 'backup.zip');
});
afterAll(() => {
  app.close();
  dirs.forEach(removeDir);
});

describe('backup and restore', () => {
  it('a backup restored into an empty store holds every record, each compared', async () => {
    const { manifest } = await backupTo(app.ports.store, file);
    expect(manifest).toMatchObject({ format: 'anxue-backup', version: 1, enterprise: '测试化工（虚构）', people: 3 });
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(['meta.json', 'roster.json', 'people/E001.json', 'essays/E001.json']));
    const target = makeApp(fresh());
    try {
      const { report } = await restoreFrom(file, target.ports.store);
      expect(report.checked).toEqual({ documents: DOCS, people: 3, drafts: 1, files: 1 });
      expect(Object.keys(manifest.files)).toContain(`files/${photo}`);
      expect(await target.ports.store.files.list()).toEqual([photo]);
      expect((await target.ports.store.files.get(photo))?.equals(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toBe(true);
      const ids = await expectSameRecords(app.ports.store, target.ports.store);
      expect(ids.people).toEqual(['E001', 'E002', 'M001']);
      // and the restored app works: the same person logs in with the same password
      expect((await target.raw('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).ok).toBe(true);
    } finally {
      target.close();
    }
  });

  it('a backup with one changed byte is refused, naming the file; nothing is written', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'anxue-tamper-'));
    dirs.push(work);
    await unzipTo(nodeFiles, file, work, ZIP_LIMITS.restore);
    const roster = path.join(work, 'roster.json');
    writeFileSync(roster, readFileSync(roster, 'utf8').replace('测试甲', '测试丁'));
    const bad = path.join(fresh(), 'bad.zip');
    await zipFolder(nodeFiles, work, bad, new Date(), 480);
    const target = makeApp(fresh());
    try {
      await expect(restoreFrom(bad, target.ports.store)).rejects.toThrow('备份中的文件已被改动：roster.json');
      expect((await target.ports.store.meta.read()).enterprise).toBeNull();
      expect((await target.ports.store.recordIds()).people).toEqual([]);
    } finally {
      target.close();
    }
  });

  it('a store that already holds an enterprise is not restored over', async () => {
    await expect(restoreFrom(file, app.ports.store)).rejects.toThrow(/目标中已有企业数据/);
  });
});

describe.skipIf(lowdbFilesOnly('backup of a folder a running server holds'))('the CLI on a lowdb folder', () => {
  it('backs up a folder while the server runs on it, and restores it into a new folder', async () => {
    const data = fresh();
    const seed = makeApp(data);
    await seeded(seed);
    seed.close();
    const srv = await startServeProcess(['--data', data, '--port', '0']);
    const zip = path.join(fresh(), 'plant.zip');
    try {
      const r = cli(['backup', '--data', data, '--out', zip]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/已备份 .* 到 .*plant\.zip：0 人的记录/);
    } finally {
      await srv.stop();
    }
    const into = path.join(fresh(), 'restored');
    const r = cli(['restore', zip, '--data', into]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`恢复到 .*restored：0 人的记录、${DOCS} 个文档，已逐条核对`));
    expect(existsSync(path.join(into, 'roster.json'))).toBe(true);
    expect(cli(['restore', zip, '--data', into]).stderr).toMatch(/^anxue: 数据文件夹已有数据，恢复只能恢复到新文件夹/);
  });
});

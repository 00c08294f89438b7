// Moving a plant from a lowdb data folder to PostgreSQL and back, with the CLI an admin uses:
// every record arrives and is checked, a second run changes nothing, a run after more work tops
// up what is new, a target that holds something else is refused untouched.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../electron/main/app';
import { cli } from '../helpers/cli';
import { createDatabase } from '../helpers/pg';
import { expectSameRecords } from '../helpers/records';
import { makeApp, removeDir, seeded, tempDir } from '../helpers/temp-app';
import { SHARED_DOCS } from '../../electron/records/shared-docs';
/** every shared document is compared after a copy */
const DOCS = Object.keys(SHARED_DOCS).length;

const base = inject('pgUrl');
const dbName = `anxue_move_${process.pid}`;
const db = base.replace(/\/postgres$/, `/${dbName}`);
const folder = tempDir();
const dirs = [folder];
let campaignId: string;

/** Some of everything a plant's folder holds: roster, accounts, a campaign, attendance, an essay draft, a reading position. */
async function work(dir: string, first: boolean) {
  const app = makeApp(dir, { dataDir: dir });
  try {
    const s = first ? await seeded(app) : null;
    const admin = s ? s.admin : (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
    campaignId = s ? s.campaign.id : (await app.call('campaign.list', {}, admin))[0]!.id;
    const v = await app.call(
      'collective.save',
      { campaignId, type: 'film', topic: first ? '九七事故警示片' : '第二次警示教育', date: '2024-09-06', start: '09:00', durationMinutes: 90, place: '三楼会议室', host: '安全环保部' },
      admin,
    );
    await app.call('collective.attendance', { sessionId: v.id, employeeNos: first ? ['E001', 'E002'] : ['E001', 'E003'] }, admin);
    if (s) {
      const e1 = await s.login('E001');
      await app.call('essay.save', { campaignId, parts: { awareness: '对动火作业前的气体分析不够重视。', responsibility: '', warning: '', measures: '', leadership: '' }, accidents: [] }, e1);
      await app.call('reader.savePosition', { docId: 'gb-30871-2022', key: 'notes', ratio: 0.4 }, e1);
    }
  } finally {
    await app.ports.store.close();
  }
}

async function maxVersion(): Promise<string> {
  const c = new pg.Client({ connectionString: db });
  await c.connect();
  try {
    return (await c.query<{ v: string }>('SELECT greatest((SELECT max(version) FROM docs), (SELECT max(version) FROM persons))::text AS v')).rows[0]!.v;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await createDatabase(base, dbName);
  await work(folder, true);
});
afterAll(() => dirs.forEach(removeDir));

describe('db import-folder / export-folder', () => {
  it('migrate makes the schema; import moves every record and checks it', async () => {
    expect(cli(['db', 'migrate', '--db', db]).stdout).toMatch(/结构已从版本 0 升级到 4/);
    expect(cli(['db', 'migrate', '--db', db]).stdout).toMatch(/已是最新结构（版本 4）/);
    const r = cli(['db', 'import-folder', folder, '--db', db]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/人员记录：新复制 2，补齐 0，已相同 0（共 2 条新记录）/);
    expect(r.stdout).toMatch(new RegExp(`核对完成：${DOCS} 个文档、2 人的记录、1 份草稿、0 个证据文件与来源一致`));
    expect(r.stderr).toMatch(/3 \/ 3/);
    const lowdb = openStore({ dataDir: folder }).store;
    const pgs = openStore({ dataDir: folder, db }).store;
    try {
      const ids = await expectSameRecords(lowdb, pgs);
      expect(ids.people).toEqual(['E001', 'E002']);
    } finally {
      await lowdb.close();
      await pgs.close();
    }
  });

  it('run again, it changes nothing; after more work in the folder, it tops up only what is new', async () => {
    const before = await maxVersion();
    const again = cli(['db', 'import-folder', folder, '--db', db]);
    expect(again.stdout).toMatch(/新复制 0，补齐 0，已相同 2（共 0 条新记录）/);
    expect(await maxVersion()).toBe(before);
    await work(folder, false);
    const more = cli(['db', 'import-folder', folder, '--db', db]);
    expect(more.status, more.stderr).toBe(0);
    expect(more.stdout).toMatch(/人员记录：新复制 1，补齐 1，已相同 1（共 2 条新记录）/);
  });

  it('a database that holds other records is refused, and nothing in it changes', async () => {
    const other = tempDir();
    dirs.push(other);
    const app = makeApp(other, { dataDir: other });
    await app.call('setup.init', { enterprise: '另一家（虚构）', adminNo: 'boss', adminName: 'B', password: 'long-enough-1' });
    await app.ports.store.close();
    const before = await maxVersion();
    const r = cli(['db', 'import-folder', other, '--db', db]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^anxue: 目标中已有不同的「meta\.json」：这是合并（anxue merge），不是迁移，未做任何改动/);
    // the store's refusal, carried by the command, in the command line's language
    const en = cli(['db', 'import-folder', other, '--db', db], { ANXUE_LANG: 'en-US' });
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/^anxue: the target holds a different “meta\.json”: this is a merge \(anxue merge\), not a move; nothing was changed/);
    expect(await maxVersion()).toBe(before);
  });

  it('export-folder brings it back into a new lowdb folder that holds the same records', async () => {
    const back = tempDir();
    dirs.push(back);
    removeDir(back);
    const r = cli(['db', 'export-folder', back, '--db', db, '--data', folder]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`核对完成：${DOCS} 个文档、3 人的记录、1 份草稿、0 个证据文件与来源一致`));
    expect(cli(['db', 'export-folder', back, '--db', db, '--data', folder]).stderr).toMatch(/导出只能到新文件夹/);
    // db's own refusals in English when the command line is asked for it
    const en = { ANXUE_LANG: 'en-US' };
    expect(cli(['db', 'export-folder', back, '--db', db, '--data', folder], en).stderr).toMatch(/^anxue: the data folder holds data already: an export goes into a new folder only: /);
    expect(cli(['db', 'export-folder', `${back}-none`, '--db', db], en).stderr).toMatch(/^anxue: missing option --data \(the server's folder of study files/);
    expect(cli(['db', 'frob', '--db', db], en).stderr).toMatch(/^anxue: unknown db subcommand: frob \(there are: db migrate/);
    const a = openStore({ dataDir: folder }).store;
    const b = openStore({ dataDir: back }).store;
    try {
      await expectSameRecords(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

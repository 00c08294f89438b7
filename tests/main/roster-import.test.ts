import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gbk, HEADER, PEOPLE, rosterCsv, rosterXlsx } from '../helpers/fixtures';
import { b64, makeApp, removeDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let admin: string;
beforeEach(async () => {
  app = makeApp();
  await app.call('setup.init', { enterprise: '测试（虚构）', adminNo: 'admin', adminName: '管理员', password: 'admin-pass-1' });
  admin = (await app.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const read = (name: string) => (existsSync(path.join(app.dir, name)) ? readFileSync(path.join(app.dir, name), 'utf8') : null);
const files = () => ({ roster: read('roster.json'), accounts: read('accounts.json') ?? '' });

describe('roster import', () => {
  it('previews an .xlsx without writing, then imports it and creates accounts with one-time passwords', async () => {
    const before = files();
    const upload = { fileName: '花名册.xlsx', base64: (await rosterXlsx()).toString('base64') };
    const p = await app.call('roster.preview', upload, admin);
    expect(p.ok).toBe(true);
    expect(p.rows.map((r) => [r.employeeNo, r.action])).toEqual([
      ['X001', 'create'],
      ['X002', 'create'],
      ['X003', 'create'],
    ]);
    expect(files()).toEqual(before);
    const r = await app.call('roster.commit', upload, admin);
    expect(r).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(r.initialPasswords).toHaveLength(3);
    const login = await app.call('auth.login', { employeeNo: 'X002', password: r.initialPasswords[1]!.password });
    expect(login.me).toMatchObject({ roles: ['employee'], person: { name: '样例二', category: '特种作业人员' } });
    expect(files().accounts).not.toContain(r.initialPasswords[0]!.password);
  });

  it('reads a GBK-encoded CSV as Excel on Chinese Windows writes it', async () => {
    const r = await app.call('roster.commit', { fileName: 'roster.csv', base64: gbk(rosterCsv()).toString('base64') }, admin);
    expect(r.created).toBe(3);
    const people = await app.call('roster.list', {}, admin);
    expect(people.map((p) => p.name)).toEqual(['样例一', '样例二', '样例三']);
  });

  it('re-import updates people by 工号 and never duplicates them or their accounts', async () => {
    await app.call('roster.commit', { fileName: 'a.csv', base64: b64(rosterCsv()) }, admin);
    const changed = [HEADER, ['X001', '样例一', '合成氨车间', '造气班', '操作工', '其他从业人员', '否'], ...PEOPLE.slice(1), ['X004', '样例四', '储运车间', '', '', '其他从业人员', '']];
    const p = await app.call('roster.preview', { fileName: 'b.csv', base64: b64(rosterCsv(changed)) }, admin);
    expect(p.rows.map((r) => r.action)).toEqual(['update', 'same', 'same', 'create']);
    const r = await app.call('roster.commit', { fileName: 'b.csv', base64: b64(rosterCsv(changed)) }, admin);
    expect(r).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
    expect(r.initialPasswords.map((x) => x.employeeNo)).toEqual(['X004']);
    const people = await app.call('roster.list', {}, admin);
    expect(people.map((x) => x.employeeNo)).toEqual(['X001', 'X002', 'X003', 'X004']);
    expect(people[0]!.dept).toBe('合成氨车间');
    const accounts = JSON.parse(files().accounts).accounts.map((a: { employeeNo: string }) => a.employeeNo);
    expect(accounts.sort()).toEqual(['X001', 'X002', 'X003', 'X004', 'admin']);
  });

  it('a bad row names row and field, and nothing is written', async () => {
    const before = files();
    const bad = [HEADER, PEOPLE[0]!, ['X002', '样例二', '甲醇车间', '', '', '临时工', '否'], PEOPLE[2]!];
    const upload = { fileName: 'bad.csv', base64: b64(rosterCsv(bad)) };
    const p = await app.call('roster.preview', upload, admin);
    expect(p.ok).toBe(false);
    expect(p.errors[0]).toMatchObject({ row: 3, field: '人员类别' });
    const r = await app.raw('roster.commit', upload, admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!r.ok) expect(r.error.message).toMatch(/^bad\.csv 第 3 行「人员类别」/);
    expect(files()).toEqual(before);
  });

  it('a CSV with a missing column is refused by name', async () => {
    const rows = [HEADER.filter((h) => h !== '人员类别'), ...PEOPLE.map((p) => p.filter((_, i) => i !== 5))];
    const r = await app.raw('roster.commit', { fileName: 'nocat.csv', base64: b64(rosterCsv(rows)) }, admin);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error.message).toContain('缺少必需的列「人员类别」');
  });

  it('a truncated .xlsx gets a clear message naming the file', async () => {
    const full = await rosterXlsx();
    const r = await app.raw('roster.preview', { fileName: 'cut.xlsx', base64: full.subarray(0, Math.floor(full.length / 2)).toString('base64') }, admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    if (!r.ok) expect(r.error.message).toContain('cut.xlsx');
  });

  it('refuses other file types and empty files', async () => {
    expect(await app.raw('roster.preview', { fileName: 'x.doc', base64: b64('abc') }, admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await app.raw('roster.preview', { fileName: 'x.csv', base64: '' }, admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

  describe('入职日期 in the roster', () => {
    /** a roster .xlsx whose last column is a hire date: a cell's value as Excel would hold it */
    async function hiredXlsx(header: string, cells: (string | number | Date)[]): Promise<string> {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('花名册');
      ws.addRow([...HEADER, header]);
      cells.forEach((v, i) => {
        const row = ws.addRow([...PEOPLE[i]!, v]);
        // a date cell as Excel saves it: a day number with a date format
        if (v instanceof Date) row.getCell(HEADER.length + 1).numFmt = 'yyyy"年"m"月"d"日"';
      });
      return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    }
    const hired = async () => (await app.call('roster.list', {}, admin)).map((p) => [p.employeeNo, p.hiredOn ?? null]);

    it('reads a text date, an Excel date cell and a bare day number, under 入职日期 or 入厂日期', async () => {
      // 2023-03-15 00:00 as Excel holds a day: its wall-clock time, whatever this machine's time zone
      const upload = { fileName: 'hired.xlsx', base64: await hiredXlsx('入职日期', ['2024/9/1', new Date(Date.UTC(2023, 2, 15)), 45170]) };
      const p = await app.call('roster.preview', upload, admin);
      expect(p.rows.map((r) => r.hiredOn)).toEqual(['2024-09-01', '2023-03-15', '2023-09-01']);
      await app.call('roster.commit', upload, admin);
      expect(await hired()).toEqual([
        ['X001', '2024-09-01'],
        ['X002', '2023-03-15'],
        ['X003', '2023-09-01'],
      ]);
      const variant = { fileName: 'variant.xlsx', base64: await hiredXlsx('入厂日期', ['2022年7月1日', '', '']) };
      expect((await app.call('roster.preview', variant, admin)).rows.map((r) => [r.hiredOn, r.action])).toEqual([
        ['2022-07-01', 'update'],
        // an empty cell keeps the date stored
        ['2023-03-15', 'same'],
        ['2023-09-01', 'same'],
      ]);
    });

    it('a file without the column keeps the dates stored (set by an earlier file or on the roster screen)', async () => {
      await app.call('roster.commit', { fileName: 'a.csv', base64: b64(rosterCsv()) }, admin);
      await app.call('roster.setHiredOn', { employeeNo: 'X002', hiredOn: '2024-11-20' }, admin);
      const again = await app.call('roster.commit', { fileName: 'a.csv', base64: b64(rosterCsv()) }, admin);
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(await hired()).toEqual([
        ['X001', null],
        ['X002', '2024-11-20'],
        ['X003', null],
      ]);
    });

    it('a bad date names its row and the column as the file heads it, and nothing is written', async () => {
      const before = files();
      const rows = [
        [...HEADER, '入职时间'],
        [...PEOPLE[0]!, '2024-09-01'],
        [...PEOPLE[1]!, '2024-02-30'],
        [...PEOPLE[2]!, '下个月'],
      ];
      const upload = { fileName: 'bad-date.csv', base64: b64(rosterCsv(rows)) };
      const p = await app.call('roster.preview', upload, admin);
      expect(p.ok).toBe(false);
      expect(p.errors.map((e) => [e.row, e.field, e.message])).toEqual([
        [3, '入职时间', { key: 'roster.row.badHireDate', params: { value: '2024-02-30' } }],
        [4, '入职时间', { key: 'roster.row.badHireDate', params: { value: '下个月' } }],
      ]);
      const r = await app.raw('roster.commit', upload, admin);
      if (r.ok) throw new Error('a bad date was imported');
      expect(r.error.message).toBe('bad-date.csv 第 3 行「入职时间」：「2024-02-30」不是有效的日期：请写成 2024-09-01 或 2024/9/1，或设为 Excel 的日期格式；不知道可留空（另有 1 处错误）');
      expect(files()).toEqual(before);
    });
  });
});

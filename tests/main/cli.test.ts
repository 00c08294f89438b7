import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { startServeProcess } from '../helpers/server-process';
import { HEADER, PEOPLE, rosterCsv, rosterXlsx } from '../helpers/fixtures';
import { removeDir, tempDir } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

let work: string;
let data: string;
beforeAll(() => {
  work = tempDir('anxue-cli-');
  data = path.join(work, 'data');
  writeFileSync(path.join(work, 'pw.txt'), 'a-long-admin-password\n');
  writeFileSync(path.join(work, 'short.txt'), 'short\n');
});
afterAll(() => removeDir(work));

/** A failure is one line on stderr, "anxue: <reason>", and a non-zero exit. */
function expectCleanFailure(r: ReturnType<typeof cli>, reason: RegExp) {
  expect(r.status).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^anxue: /);
  expect(lines[0]).toMatch(reason);
}

function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const p = path.join(dir, f);
    if (!statSync(p).isDirectory()) out[f] = readFileSync(p, 'utf8');
  }
  return out;
}

describe('CLI', () => {
  it('init refuses bad input and writes nothing', () => {
    expectCleanFailure(cli(['init', '--data', data, '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]), /--enterprise/);
    expectCleanFailure(cli(['init', '--data', data, '--enterprise', '测试', '--admin', 'admin', '--password-file', path.join(work, 'short.txt')]), /--password-file：密码至少 8 位/);
    expectCleanFailure(cli(['init', '--data', data, '--enterprise', '测试', '--admin', 'admin', '--password-file', path.join(work, 'nope.txt')]), /密码文件不存在/);
    // in English when the command line is asked for it
    const en = { ANXUE_LANG: 'en-US' };
    expectCleanFailure(
      cli(['init', '--data', data, '--enterprise', '测试', '--admin', 'admin', '--password-file', path.join(work, 'short.txt')], en),
      /--password-file: a password has at least 8 characters/,
    );
    expectCleanFailure(cli(['init', '--data', data, '--enterprise', '测试', '--admin', 'admin', '--password-file', path.join(work, 'nope.txt')], en), /the password file does not exist/);
    expect(existsSync(data)).toBe(false);
  });

  it('init sets up the folder once', () => {
    const r = cli(['init', '--data', data, '--enterprise', '测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已初始化');
    const accounts = readFileSync(path.join(data, 'accounts.json'), 'utf8');
    expect(accounts).toContain('scrypt$');
    expect(accounts).not.toContain('a-long-admin-password');
    expectCleanFailure(cli(['init', '--data', data, '--enterprise', 'x', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]), /已初始化/);
  });

  it('roster import: a good .xlsx imports and prints the one-time passwords', async () => {
    writeFileSync(path.join(work, 'roster.xlsx'), await rosterXlsx());
    const r = cli(['roster', 'import', path.join(work, 'roster.xlsx'), '--data', data]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('新增 3 人');
    expect(r.stdout).toMatch(/X001\t样例一\t\S{10}/);
  });

  it('roster import: a truncated .xlsx fails cleanly and changes nothing', async () => {
    const full = await rosterXlsx([HEADER, ...PEOPLE, ['X009', '样例九', '储运车间', '', '', '其他从业人员', '否']]);
    writeFileSync(path.join(work, 'cut.xlsx'), full.subarray(0, full.length - 200));
    const before = snapshot(data);
    expectCleanFailure(cli(['roster', 'import', path.join(work, 'cut.xlsx'), '--data', data]), /cut\.xlsx.*(损坏|截断)/);
    expect(snapshot(data)).toEqual(before);
  });

  it('roster import: a CSV with a missing column fails cleanly and changes nothing', () => {
    const rows = [HEADER.filter((h) => h !== '姓名'), ...PEOPLE.map((p) => p.filter((_, i) => i !== 1))];
    writeFileSync(path.join(work, 'noname.csv'), rosterCsv(rows));
    const before = snapshot(data);
    expectCleanFailure(cli(['roster', 'import', path.join(work, 'noname.csv'), '--data', data]), /noname\.csv 第 1 行「姓名」：缺少必需的列/);
    expect(snapshot(data)).toEqual(before);
  });

  it('roster import: a bad row is named by row and field', () => {
    writeFileSync(path.join(work, 'badrow.csv'), rosterCsv([HEADER, PEOPLE[0]!, ['X002', '样例二', '甲醇车间', '', '', '合同工', '否']]));
    expectCleanFailure(cli(['roster', 'import', path.join(work, 'badrow.csv'), '--data', data]), /第 3 行「人员类别」/);
  });

  it('roster import into a folder that was never set up is refused', () => {
    expectCleanFailure(cli(['roster', 'import', path.join(work, 'roster.xlsx'), '--data', path.join(work, 'empty')]), /尚未初始化|不存在/);
    expect(existsSync(path.join(work, 'empty'))).toBe(false);
  });

  it('export person: an unknown 工号 fails cleanly and writes nothing', () => {
    const out = path.join(work, 'out-unknown');
    expectCleanFailure(cli(['export', 'person', 'NOBODY', '--data', data, '--out', out]), /没有工号 NOBODY/);
    expect(existsSync(out)).toBe(false);
  });

  it('export person, then verify: exit 0 intact, exit 1 after one byte is changed', () => {
    const out = path.join(work, 'out');
    const r = cli(['export', 'person', 'X001', '--data', data, '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const folder = path.join(out, readdirSync(out)[0]!);
    expect(cli(['verify', folder]).status).toBe(0);
    // the --out folder the archivist named: the export inside it is found and checked
    const named = cli(['verify', out]);
    expect(named.status, named.stdout).toBe(0);
    expect(named.stdout).toContain(`1 个档案：${path.basename(folder)}`);
    const rec = readFileSync(path.join(folder, 'record.json'));
    const at = rec.indexOf('样例一');
    rec[at] = rec[at]! ^ 0x01;
    writeFileSync(path.join(folder, 'record.json'), rec);
    const bad = cli(['verify', folder]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('record.json');
    const badOut = cli(['verify', out]);
    expect(badOut.status).toBe(1);
    expect(badOut.stdout).toMatch(/已被改动[\s\S]*record\.json/);
  });

  it('verify of a batch: its --out folder and its .zip exit 0; one changed byte in the .zip exits 1 naming the file', () => {
    const out = path.join(work, 'out-batch');
    expect(cli(['export', 'batch', '--data', data, '--out', out]).status).toBe(0);
    expect(cli(['export', 'batch', '--data', data, '--out', out, '--zip']).status).toBe(0);
    const both = cli(['verify', out]);
    expect(both.status, both.stdout).toBe(0);
    expect(both.stdout).toMatch(/^2 个档案：/m);
    const zip = readdirSync(out).find((n) => n.endsWith('.zip'))!;
    expect(cli(['verify', path.join(out, zip)]).status).toBe(0);
    // one byte inside a person's PDF (PDFs are stored in the zip, not deflated)
    const bytes = readFileSync(path.join(out, zip));
    const at = bytes.indexOf(Buffer.from('%PDF-'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 400] = bytes[at + 400]! ^ 0x01;
    writeFileSync(path.join(out, zip), bytes);
    const bad = cli(['verify', out]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toContain(`✗ ${zip}：已被改动`);
    expect(bad.stdout).toMatch(/training-file\.pdf 的 SHA-256 与清单不符/);
  });

  it('a workstation set up from a backup runs alone, exports, and is merged: once; again changes nothing; a changed export is refused', async () => {
    const backup = path.join(work, 'for-station.zip');
    expect(cli(['backup', '--out', backup, '--data', data]).status).toBe(0);
    const station = path.join(work, 'station');
    expect(cli(['restore', backup, '--data', station]).status).toBe(0);
    // on the workstation, X002 gets a record the server does not have
    const { DataStore } = await import('../../electron/main/storage/lowdb/data-store');
    const { appendEvent } = await import('../../electron/records/events');
    const ws = DataStore.open(station);
    await ws
      .person('X002')
      .update((f) => void appendEvent(f.events, 'quiz.graded', { attemptId: 'a1', questionId: 'q1', score: 5, comment: '工作站上评的' }, { at: new Date().toISOString(), by: 'admin' }));
    ws.close();
    const zip = path.join(work, 'station-export.zip');
    const ex = cli(['export', 'workstation', '--data', station, '--out', zip, '--station', '二号岗电脑']);
    expect(ex.status, ex.stderr).toBe(0);
    expect(ex.stdout).toContain('二号岗电脑');
    const first = cli(['merge', zip, '--data', data]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/新增记录 1 条/);
    expect(readFileSync(path.join(data, 'people', 'X002.json'), 'utf8')).toContain('工作站上评的');
    const before = snapshot(data);
    const again = cli(['merge', zip, '--data', data]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('没有新的内容');
    expect(snapshot(data)).toEqual(before);
    // one byte of the export changed: refused, naming the file, nothing written
    const { unzipTo, ZIP_LIMITS, zipFolder } = await import('../../electron/main/services/files/zip-folder');
    const opened = path.join(work, 'opened');
    await unzipTo(nodeFiles, zip, opened, ZIP_LIMITS.verify);
    const rec = path.join(opened, 'people', 'X002.json');
    writeFileSync(rec, readFileSync(rec, 'utf8').replace('工作站上评的', '工作站上改的'));
    const bad = path.join(work, 'changed.zip');
    await zipFolder(nodeFiles, opened, bad, new Date(), 480);
    expectCleanFailure(cli(['merge', bad, '--data', data]), /已被改动：people\/X002\.json/);
    expect(snapshot(data)).toEqual(before);
  });

  it('verify of an empty folder, a random file, a missing path exits 2 and never says "altered"', () => {
    const d = path.join(work, 'not-an-archive');
    mkdirSync(d);
    const random = path.join(work, 'random.zip');
    writeFileSync(random, Buffer.from('PK this is not really a zip file at all'));
    const text = path.join(work, 'notes.txt');
    writeFileSync(text, '随便一个文件');
    for (const p of [d, random, text, path.join(work, 'missing')]) {
      const r = cli(['verify', p]);
      expect(r.status, `${p}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stdout + r.stderr).not.toMatch(/改动|altered/);
      expect(r.stdout).toMatch(/无法校验|无法读取/);
    }
  });

  it('reports in the command line’s language: Chinese by default, English under ANXUE_LANG=en-US with no Chinese left', () => {
    const missing = path.join(work, 'missing');
    const runs = (env?: Record<string, string>) => ({
      verify: cli(['verify', missing], env),
      seal: cli(['seal', 'status', '--data', data], env),
      check: cli(['check', '--data', data], env),
    });
    const zh = runs();
    expect(zh.verify.status).toBe(2);
    expect(zh.verify.stdout.trim()).toBe(`无法校验：${missing} 不存在`);
    expect(zh.seal.stdout).toMatch(/^记录封印：已启用，密钥在本机（.+）\n持有密钥副本的管理员：admin$/m);
    expect(zh.check.status).toBe(0);
    expect(zh.check.stdout).toMatch(/^检查通过：/m);
    const en = runs({ ANXUE_LANG: 'en-US' });
    expect(en.verify.status).toBe(2);
    expect(en.verify.stdout.trim()).toBe(`cannot verify: ${missing} does not exist`);
    expect(en.seal.stdout).toMatch(/^record seals: on, the key is on this PC \(.+\)\nadmins holding a copy of the key: admin$/m);
    expect(en.check.status).toBe(0);
    expect(en.check.stdout).toMatch(/^signing key fingerprint: |^no signing key yet/m);
    expect(en.check.stdout).toMatch(/^check passed: /m);
    for (const [name, r] of Object.entries(en)) expect(r.stdout + r.stderr, name).not.toMatch(/\p{Script=Han}/u);
  });

  it('demo creates a clearly fake enterprise with ~30 people and printed passwords, only in a fresh folder', () => {
    const d = path.join(work, 'demo');
    const r = cli(['demo', '--data', d]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('虚构');
    const roster = JSON.parse(readFileSync(path.join(d, 'roster.json'), 'utf8')).people;
    expect(roster.length).toBeGreaterThanOrEqual(28);
    expect(new Set(roster.map((p: { dept: string }) => p.dept)).size).toBeGreaterThanOrEqual(3);
    // lived in all year: last year's warning month (closed), this one, and the newest hires' induction beside it
    const campaigns: { kind: string; closedAt?: string }[] = JSON.parse(readFileSync(path.join(d, 'campaigns.json'), 'utf8')).campaigns;
    expect(campaigns.map((c) => [c.kind, !!c.closedAt])).toEqual([
      ['warning', true],
      ['warning', false],
      ['induction', false],
    ]);
    expect(r.stdout).toMatch(/admin\t\S{10}\t管理员/);
    expectCleanFailure(cli(['demo', '--data', d]), /已有数据/);
  });

  it('an unknown command fails with the usage', () => {
    const r = cli(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('anxue: 未知命令：frobnicate');
    expect(r.stdout).toMatch(/^用法：npm run anxue -- <命令>\n {2}init --data DIR/);
    // the usage too in the command line's language
    const en = cli(['frobnicate'], { ANXUE_LANG: 'en-US' });
    expect(en.stderr.split('\n')[0]).toBe('anxue: unknown command: frobnicate');
    expect(en.stdout).toMatch(/^usage: npm run anxue -- <command>\n {2}init --data DIR/);
  });

  it('serve on the LAN, not set up yet: says which names it answers to and prints a one-time setup code', async () => {
    const fresh = path.join(work, 'fresh-lan');
    const srv = await startServeProcess(['--data', fresh, '--port', '0', '--host', '0.0.0.0', '--allowed-host', 'anxue.plant.example']);
    try {
      expect(srv.output()).toMatch(/只接受以本机地址、本机名称和 anxue\.plant\.example访问/);
      expect(srv.output()).toMatch(/首次设置码（从其他电脑进行首次设置时填写，在本机设置不需要）：[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
      // on the LAN: HTTPS by default
      expect(srv.url).toMatch(/^https:/);
      expect(srv.output()).toMatch(/证书 SHA-256 指纹（请在浏览器中核对）：[0-9A-F:]{95}/);
    } finally {
      await srv.stop();
    }
    expectCleanFailure(cli(['serve', '--data', fresh, '--port', '0', '--allowed-host', 'not a name']), /--allowed-host 不是有效的主机名：not a name/);
  });

  it('serve refuses the test clock unless the test harness allows it', () => {
    expectCleanFailure(cli(['serve', '--data', data, '--port', '0', '--test-clock-speed', '60'], { ANXUE_ALLOW_TEST_CLOCK: '' }), /仅供自动化测试/);
  });
});

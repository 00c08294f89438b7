// `verify` that a careless or hostile hand cannot fool, through the real CLI: in an
// --out folder of several exports, one whose manifest was deleted (and a digit of its record
// changed) is named as altered, not skipped; two exports whose contents were swapped (= renamed)
// are caught by their names against the export ids in their manifests, while a copy's name
// (" (2)", " - 副本") still verifies; a zip with the export folder at its top (Windows' "Send to →
// Compressed folder"), with several, or with a whole --out folder of batches (a zip in it too) is
// verified like the folder; under --key an unsigned archive is "not signed", apart from altered.
import { cpSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, runJob } from '../../electron/main/services/archive/job';
import { exportPersonTo, verifyArchivePath } from '../../electron/main/services/archive';
import { walk } from '../../electron/main/services/files/zip-folder';
import { cli } from '../helpers/cli';
import { writeZip } from '../helpers/zip-writer';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

let app: TempApp;
let work: string;
/** an --out folder with the signed exports of E001 and E002 */
let out: string;
let e1: string;
let e2: string;
/** an --out folder of two batches: one a folder, one a .zip */
let batches: string;
/** E003 exported while the key was locked */
let unsignedOut: string;
let key: string;
let fingerprint: string;
let inApp: string;
/** temporary folders made by the tests, removed at the end */
const scratch: string[] = [];

beforeAll(async () => {
  work = tempDir('anxue-verify-');
  app = makeApp();
  const s = await seeded(app);
  // a record to change a digit of: E001 studies a minute
  const t = await s.login('E001');
  const st = await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, t);
  for (let i = 0; i < 4; i++) {
    app.clock.advance(15_000);
    await app.call('study.beat', { sessionId: st.sessionId, visible: true, focused: true, interacted: true }, t);
  }
  await app.call('study.stop', { sessionId: st.sessionId }, t);
  fingerprint = (await app.ports.store.signing.read()).fingerprint!;
  out = path.join(work, 'out');
  e1 = path.basename((await exportPersonTo(app.ports, 'E001', out, 'admin')).folder);
  e2 = path.basename((await exportPersonTo(app.ports, 'E002', out, 'admin')).folder);
  // the archive page's own export, verified in the app
  inApp = (await app.call('archive.exportPerson', { employeeNo: 'E003' }, s.admin)).exportId;
  batches = path.join(work, 'batches');
  for (const zip of [false, true]) {
    const job = await createJob(app.ports, batches, { dept: '甲醇车间', zip }, 'admin');
    await runJob(app.ports, batches, job.jobId);
    app.clock.advance(1000);
  }
  app.close();
  // after a restart nobody has unlocked the key: this export is not signed
  const again = makeApp(app.dir);
  try {
    unsignedOut = path.join(work, 'unsigned');
    await exportPersonTo(again.ports, 'E003', unsignedOut, 'E003');
  } finally {
    again.close();
  }
  key = path.join(work, 'key.pem');
  const k = cli(['key', '--data', app.dir, '--out', key]);
  expect(k.status, k.stderr).toBe(0);
});
afterAll(() => {
  removeDir(app.dir);
  removeDir(work);
  scratch.forEach(removeDir);
});

/** A copy of a folder to tamper with. */
function copy(from: string): string {
  const parent = tempDir('anxue-verify-copy-');
  scratch.push(parent);
  const d = path.join(parent, path.basename(from));
  cpSync(from, d, { recursive: true });
  return d;
}

/** Change one digit in a person's record.json (the credit-hour setting every record carries). */
function changeDigit(folder: string) {
  const f = path.join(folder, 'record.json');
  const text = readFileSync(f, 'utf8');
  const at = text.search(/"minutesPerCreditHour": \d/) + '"minutesPerCreditHour": '.length;
  expect(at).toBeGreaterThan(20);
  writeFileSync(f, text.slice(0, at) + String((Number(text[at]) + 1) % 10) + text.slice(at + 1));
}

/** A zip with these folders at its top, as Windows' "Send to → Compressed folder" makes it. */
async function zipFolders(file: string, folders: string[]): Promise<string> {
  const zip = new JSZip();
  for (const dir of folders) {
    const top = zip.folder(path.basename(dir))!;
    for (const name of walk(nodeFiles, dir)) top.file(name, readFileSync(path.join(dir, ...name.split('/'))));
  }
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

describe('an --out folder of several exports', () => {
  it('intact: both named, exit 0 with the key', () => {
    const r = cli(['verify', out, '--key', key]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(`2 个档案：${e1}、${e2}`);
    expect(r.stdout).toContain(`✓ ${e2}：校验通过`);
  });

  it('one export with a digit changed and its manifest and signature deleted is named as altered, not skipped', () => {
    const d = copy(out);
    changeDigit(path.join(d, e2));
    rmSync(path.join(d, e2, 'manifest.json'));
    rmSync(path.join(d, e2, 'manifest.sig'));
    for (const args of [['--key', key], []]) {
      const r = cli(['verify', d, ...args]);
      expect(r.status, r.stdout).toBe(1);
      expect(r.stdout).toContain(`2 个档案：${e1}、${e2}`);
      expect(r.stdout).toContain(`✓ ${e1}：校验通过`);
      expect(r.stdout).toContain(`✗ ${e2}：已被改动`);
      expect(r.stdout).toMatch(new RegExp(`${e2} 看起来是安学导出的档案（有 record\\.json、training-file\\.pdf.*），但缺少清单 manifest\\.json`));
      expect(r.stdout).toContain('校验失败：1 个档案已被改动');
    }
    // the folder itself, verified alone: altered too (it was "no archive here", exit 2)
    const alone = cli(['verify', path.join(d, e2)]);
    expect(alone.status, alone.stdout).toBe(1);
    expect(alone.stdout).toContain('缺少清单 manifest.json');
  });

  it('two exports whose contents were swapped (each renamed to the other) are both caught by name', () => {
    const d = copy(out);
    renameSync(path.join(d, e1), path.join(d, 'swap'));
    renameSync(path.join(d, e2), path.join(d, e1));
    renameSync(path.join(d, 'swap'), path.join(d, e2));
    const r = cli(['verify', d, '--key', key]);
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toContain(`档案名称「${e1}」与清单中的导出编号 ${e2} 不符：档案被改名，或与另一份档案调换了内容`);
    expect(r.stdout).toContain(`档案名称「${e2}」与清单中的导出编号 ${e1} 不符`);
    expect(r.stdout).toContain('校验失败：2 个档案已被改动');
  });

  it('a copy named as a file manager names copies still verifies; any other name does not', () => {
    const d = copy(out);
    renameSync(path.join(d, e1), path.join(d, `${e1} (2)`));
    renameSync(path.join(d, e2), path.join(d, `${e2} - 副本`));
    const ok = cli(['verify', d, '--key', key]);
    expect(ok.status, ok.stdout).toBe(0);
    renameSync(path.join(d, `${e1} (2)`), path.join(d, '测试甲的档案'));
    const bad = cli(['verify', d]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toContain(`档案名称「测试甲的档案」与清单中的导出编号 ${e1} 不符`);
  });
});

describe('a zip of export folders', () => {
  it('one folder at its top (Windows "Send to → Compressed folder"): recognised and verified like the folder', async () => {
    const zip = await zipFolders(path.join(work, `${e1}.zip`), [path.join(out, e1)]);
    const r = cli(['verify', zip, '--key', key]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(`1 个档案：${e1}`);
    expect(r.stdout).toContain(`由密钥 ${fingerprint} 签署（即给定的密钥）`);
    expect(await verifyArchivePath(nodeFiles, zip)).toMatchObject({ ok: true, problems: [], signedBy: fingerprint });
    // the same folder zipped by an older tool that writes backslashes
    const old = path.join(work, 'old-tool.zip');
    await writeZip(
      old,
      walk(nodeFiles, path.join(out, e1)).map((n) => ({ name: `${e1}\\${n.replaceAll('/', '\\')}`, bytes: 0, data: readFileSync(path.join(out, e1, ...n.split('/'))) })),
    );
    expect(cli(['verify', old, '--key', key]).status).toBe(0);
    // a digit changed inside the zipped folder: altered, named
    const d = copy(path.join(out, e1));
    changeDigit(d);
    const bad = cli(['verify', await zipFolders(path.join(work, 'changed.zip'), [d]), '--key', key]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toContain(`✗ ${e1}：已被改动`);
    expect(bad.stdout).toContain('record.json');
  });

  it('several folders at its top: each verified; one without its manifest is altered', async () => {
    const both = await zipFolders(path.join(work, 'both.zip'), [path.join(out, e1), path.join(out, e2)]);
    const r = cli(['verify', both, '--key', key]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(`2 个档案：${e1}、${e2}`);
    const d = copy(path.join(out, e2));
    rmSync(path.join(d, 'manifest.json'));
    const bad = cli(['verify', await zipFolders(path.join(work, 'one-bad.zip'), [path.join(out, e1), d]), '--key', key]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toContain(`✓ ${e1}：校验通过`);
    expect(bad.stdout).toContain(`✗ ${e2}：已被改动`);
  });

  it('a batch --out folder zipped whole (a batch folder, a batch .zip inside): both found and verified', async () => {
    const names = readdirSync(batches)
      .filter((n) => !n.startsWith('.'))
      .sort();
    expect(names).toHaveLength(2);
    expect(names.filter((n) => n.endsWith('.zip'))).toHaveLength(1);
    const zip = await zipFolders(path.join(work, 'batches.zip'), [batches]);
    const r = cli(['verify', zip, '--key', key]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toContain(`2 个档案：${names.map((n) => `batches/${n}`).join('、')}`);
    // a batch's manifest deleted inside: altered, named
    const d = copy(batches);
    rmSync(
      path.join(
        d,
        names.find((n) => !n.endsWith('.zip'))!,
        'manifest.json',
      ),
    );
    const bad = cli(['verify', await zipFolders(path.join(work, 'batches-bad.zip'), [d]), '--key', key]);
    expect(bad.status, bad.stdout).toBe(1);
    expect(bad.stdout).toMatch(/✗ batches\/培训档案-\S+：已被改动[\s\S]*看起来是安学导出的档案（有 .*people\/…\/record\.json.*），但缺少清单 manifest\.json/);
  });

  it('a zip with no export in it is still "not an archive" (exit 2), never altered', async () => {
    const zip = new JSZip();
    zip.file('notes/readme.txt', '随便的文件');
    const f = path.join(work, 'other.zip');
    writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    const r = cli(['verify', f]);
    expect(r.status, r.stdout).toBe(2);
    expect(r.stdout).toContain('这不是安学导出的档案');
    expect(r.stdout).not.toMatch(/改动|altered/);
  });
});

describe('unsigned and altered under --key', () => {
  it('an unsigned archive is "not signed" (exit 1), not "altered"; without --key it verifies, said to be unsigned', () => {
    const folder = path.join(unsignedOut, readdirSync(unsignedOut)[0]!);
    expect(existsSync(path.join(folder, 'manifest.sig'))).toBe(false);
    const r = cli(['verify', unsignedOut, '--key', key]);
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toContain(`✗ ${path.basename(folder)}：未签名`);
    expect(r.stdout).toContain(`不能证明由密钥 ${fingerprint} 签署`);
    expect(r.stdout).toContain('校验失败：1 个档案未签名');
    expect(r.stdout).not.toMatch(/已被改动|altered/);
    const plain = cli(['verify', unsignedOut]);
    expect(plain.status, plain.stdout).toBe(0);
    expect(plain.stdout).toContain('；未签名');
  });

  it('a signed archive whose signature was removed is "not signed"; one also changed is "altered"', () => {
    const d = copy(path.join(out, e1));
    rmSync(path.join(d, 'manifest.sig'));
    const r = cli(['verify', d, '--key', key]);
    expect(r.status, r.stdout).toBe(1);
    expect(r.stdout).toContain(`✗ ${e1}：未签名`);
    changeDigit(d);
    const both = cli(['verify', d, '--key', key]);
    expect(both.status, both.stdout).toBe(1);
    expect(both.stdout).toContain(`✗ ${e1}：已被改动`);
    expect(both.stdout).toContain('未签名：清单没有签名');
  });
});

describe('in the app', () => {
  it('the archive page’s verify of its own export still passes, signed', async () => {
    const a = makeApp(app.dir);
    try {
      const admin = (await a.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
      expect(await a.call('archive.verify', { exportId: inApp }, admin)).toMatchObject({ ok: true, problems: [], signedBy: fingerprint });
    } finally {
      a.close();
    }
  });
});

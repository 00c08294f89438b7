// Signed records, the forgery an inspector must catch: someone who holds the data
// folder (but no admin password) rewrites a person's record so every study session lasts 8 hours
// and recomputes the hash chain. `anxue check` and the next export name the person and the first
// record that no longer matches a signed checkpoint; an export made anyway carries no valid
// signature, and `verify --key` refuses it; an archive signed by another enterprise's key is
// refused with that key named; an intact archive verifies with the key, its fingerprint or its file.
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPersonTo } from '../../electron/main/services/archive';
import type { ApiError } from '../../electron/main/services/errors';
import { sayIn } from '../../electron/main/messages';
import { eventHash, GENESIS_HASH, type ChainLink } from '../../electron/records/events';
import { cli } from '../helpers/cli';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let fingerprint: string;
let intact: string;
const dirs: string[] = [];

/** The person studies one document for two minutes (eight beats). */
async function study(a: TempApp, token: string, campaignId: string) {
  const s = await a.call('study.start', { campaignId, docId: 'warning-month-notes' }, token);
  for (let i = 0; i < 8; i++) {
    a.clock.advance(15_000);
    await a.call('study.beat', { sessionId: s.sessionId, visible: true, focused: true, interacted: true }, token);
  }
  await a.call('study.stop', { sessionId: s.sessionId }, token);
}

beforeAll(async () => {
  app = makeApp();
  const s = await seeded(app);
  await study(app, await s.login('E001'), s.campaign.id);
  fingerprint = (await app.ports.store.signing.read()).fingerprint!;
  const out = tempDir('anxue-signed-out-');
  dirs.push(out);
  // the archivist's export while the admin's sign-in has the key unlocked: checkpointed and signed
  intact = (await exportPersonTo(app.ports, 'E001', out, 'admin')).folder;
  app.close();
});
afterAll(() => {
  removeDir(app.dir);
  dirs.forEach(removeDir);
});

describe('an intact archive', () => {
  it('verifies with the key’s fingerprint and with its public key file; the fingerprint is in the PDF and the manifest', () => {
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const byPrint = cli(['verify', intact, '--key', fingerprint]);
    expect(byPrint.status, byPrint.stdout + byPrint.stderr).toBe(0);
    expect(byPrint.stdout).toContain(`由密钥 ${fingerprint} 签署（即给定的密钥）`);
    const work = tempDir('anxue-signed-key-');
    dirs.push(work);
    const key = cli(['key', '--data', app.dir, '--out', path.join(work, 'key.pem')]);
    expect(key.status, key.stderr).toBe(0);
    expect(key.stdout).toContain(fingerprint);
    expect(cli(['verify', intact, '--key', path.join(work, 'key.pem')]).status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(intact, 'manifest.json'), 'utf8')).signingKey).toBe(fingerprint);
    const pdf = execFileSync('pdftotext', [path.join(intact, 'training-file.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(pdf).toContain('清单签名密钥SHA-256');
    expect(pdf).toContain(fingerprint);
    const check = cli(['check', '--data', app.dir]);
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/最新检查点 #1（.*，1 人）摘要 [0-9a-f]{64}/);
  });
});

describe('the forgery', () => {
  let forged: string;
  beforeAll(async () => {
    // a copy of the data, rewritten by someone with the folder and the algorithm but no password
    forged = tempDir('anxue-signed-forged-');
    dirs.push(forged);
    cpSync(app.dir, forged, { recursive: true });
    rmSync(path.join(forged, 'anxue.lock'), { force: true });
    // the person file as it lies on disk, edited by hand
    const file = path.join(forged, 'people', 'E001.json');
    const f = JSON.parse(readFileSync(file, 'utf8')) as { events: (Omit<ChainLink, 'hash'> & { hash: string; data: Record<string, unknown> })[] };
    let prev = GENESIS_HASH;
    for (const e of f.events) {
      if (e.type === 'study.session') {
        e.data.countedMs = 8 * 3600_000;
        e.data.endedAt = new Date(Date.parse(String(e.data.startedAt)) + 8 * 3600_000).toISOString();
      }
      e.prevHash = prev;
      const { hash: _h, ...rest } = e;
      e.hash = eventHash(rest);
      prev = e.hash;
    }
    writeFileSync(file, JSON.stringify(f));
  });

  it('the chain agrees with itself, but `anxue check` names the person and the record that no longer matches its signed checkpoint', () => {
    const r = cli(['check', '--data', forged]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('检查失败');
    expect(r.stdout).toMatch(/E001：第 1 条记录（.*，study\.session）起与 .* 的签名检查点 #1 不符：记录在签名后被改写/);
    expect(r.stdout).not.toContain('内容与哈希不符');
  });

  it('the next export refuses it, naming the person and the record, even with the admin’s key unlocked', async () => {
    const again = makeApp(forged);
    try {
      await again.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' });
      await expect(exportPersonTo(again.ports, 'E001', tempDir('anxue-signed-no-'), 'admin')).rejects.toThrow(/E001：第 1 条记录.*签名检查点 #1 不符/);
      // in English through the catalog
      const refused = (await exportPersonTo(again.ports, 'E001', tempDir('anxue-signed-no-'), 'admin').catch((e: unknown) => e)) as ApiError;
      expect(sayIn('en-US', { key: refused.key, params: refused.params })).toMatch(
        /E001: from record 1 \(.*, study\.session\) on, the records do not match signed checkpoint #1 of .*: they were rewritten after signing/,
      );
      // and no new checkpoint covers the rewrite
      expect((await again.ports.store.checkpoints.read()).entries).toHaveLength(1);
    } finally {
      again.close();
    }
  });

  it('an export made anyway (the checkpoints and the seal removed, on another PC, no password): verify --key refuses it; a signature copied from the true export does not fit', () => {
    rmSync(path.join(forged, 'checkpoints.json'));
    const out = tempDir('anxue-signed-forged-out-');
    dirs.push(out);
    // without the checkpoints, the record's seals still name the rewrite (storage/lowdb/seal.ts)
    const sealed = cli(['export', 'person', 'E001', '--data', forged, '--out', out]);
    expect(sealed.status).not.toBe(0);
    expect(sealed.stderr).toMatch(/E001：第 1 条记录（.*，study\.session）的封印不符：记录在程序之外被改写/);
    // a copy on another PC (a key store that never saw this folder), its seal file removed: sealed
    // anew there, so its exports are only as good as their (missing) signature
    rmSync(path.join(forged, 'seal.json'));
    const elsewhere = tempDir('anxue-signed-other-pc-');
    dirs.push(elsewhere);
    const exp = cli(['export', 'person', 'E001', '--data', forged, '--out', out], { ANXUE_KEYSTORE: elsewhere });
    expect(exp.status, exp.stderr).toBe(0);
    expect(exp.stdout).toContain('未签名');
    const folder = /已导出 E001 的培训档案到 (\S+)（/.exec(exp.stdout)![1]!;
    // the forged PDF says 8 hours a session — and only its own hashes vouch for it
    expect(cli(['verify', folder]).status).toBe(0);
    // not signed: said so (exit 1), apart from altered — nothing in it was changed after export
    const unsigned = cli(['verify', folder, '--key', fingerprint]);
    expect(unsigned.status).toBe(1);
    expect(unsigned.stdout).toContain(`✗ ${path.basename(folder)}：未签名`);
    expect(unsigned.stdout).toContain(`不能证明由密钥 ${fingerprint} 签署`);
    expect(unsigned.stdout).not.toMatch(/已被改动|altered/);
    writeFileSync(path.join(folder, 'manifest.sig'), readFileSync(path.join(intact, 'manifest.sig')));
    const copied = cli(['verify', folder, '--key', fingerprint]);
    expect(copied.status).toBe(1);
    expect(copied.stdout).toContain('manifest.sig：签名与 manifest.json 不符');
    expect(copied.stdout).toContain('已被改动');
  });
});

describe('another enterprise’s key', () => {
  it('an archive it signed is refused, with its fingerprint named', async () => {
    const other = makeApp();
    dirs.push(other.dir);
    try {
      const s = await seeded(other);
      await study(other, await s.login('E002'), s.campaign.id);
      const theirs = (await other.ports.store.signing.read()).fingerprint!;
      expect(theirs).not.toBe(fingerprint);
      const out = tempDir('anxue-signed-other-');
      dirs.push(out);
      const folder = (await exportPersonTo(other.ports, 'E002', out, 'admin')).folder;
      const r = cli(['verify', folder, '--key', fingerprint]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain(`清单由另一把密钥签署：${theirs}（应为 ${fingerprint}）`);
    } finally {
      other.close();
    }
  });

  it('a --key that is neither a key file nor a fingerprint is refused by name', () => {
    const r = cli(['verify', intact, '--key', 'not-a-key']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--key not-a-key');
  });
});

describe('the signing status the archive page shows', () => {
  it('the fingerprint, unlocked by an admin’s sign-in only (not after a restart until then), and the latest checkpoint', async () => {
    let a = makeApp();
    dirs.push(a.dir);
    const s = await seeded(a);
    const st = await a.call('signing.status', {}, s.admin);
    expect(st).toMatchObject({ unlocked: true, latest: null });
    expect(st.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const out = tempDir('anxue-signed-status-');
    dirs.push(out);
    await exportPersonTo(a.ports, 'E001', out, 'admin');
    expect((await a.call('signing.status', {}, s.admin)).latest).toMatchObject({ seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    a.close();
    // E003 made an archivist; then a restart: locked until an admin signs in (an archivist's sign-in does not unlock it)
    a = makeApp(a.dir);
    try {
      const admin = (await a.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' })).token;
      await a.call('accounts.setRoles', { employeeNo: 'E003', roles: ['employee', 'archivist'], reason: '' }, admin);
      a.close();
      a = makeApp(a.dir);
      const archivist = (await a.call('auth.login', { employeeNo: 'E003', password: s.pw('E003') })).token;
      expect((await a.call('signing.status', {}, archivist)).unlocked).toBe(false);
      const noSig = tempDir('anxue-signed-locked-');
      dirs.push(noSig);
      const r = await exportPersonTo(a.ports, 'E002', noSig, 'E003');
      expect(readdirSync(r.folder)).not.toContain('manifest.sig');
      await a.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' });
      expect((await a.call('signing.status', {}, archivist)).unlocked).toBe(true);
    } finally {
      a.close();
    }
  });
});

// Record seals (electron/main/storage/lowdb/seal.ts). Someone who can write the data
// folder — a share, a copied folder, a restored backup — but cannot read the seal key (kept outside
// the folder) cannot make a changed record look untouched, even with its hash chain recomputed:
// not between two signed checkpoints either. Each case below is what such a person would try.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportPersonTo } from '../../electron/main/services/archive';
import { MergeRefused, mergeRecords } from '../../electron/main/services/merge';
import { DataStore, defaultKeyStore } from '../../electron/main/storage/lowdb/data-store';
import { eventHash, GENESIS_HASH, type ChainLink } from '../../electron/records/events';
import { folderKeyStore, readSealFile, splitSealed } from '../../electron/main/storage/lowdb/seal';
import { SealError } from '../../electron/main/storage/store';
import { journalFiles } from '../../electron/main/storage/lowdb/study-journal';
import { cli } from '../helpers/cli';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { sayIn } from '../../electron/main/messages';
import type { Message } from '../../electron/core/message';

/** a store's message as its Chinese text, which the assertions below read */
const zh = (m: Message) => sayIn('zh-CN', m);

const safe = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret', userData: '' }));
vi.mock('electron', () => ({
  app: { getPath: () => safe.userData },
  safeStorage: {
    isEncryptionAvailable: () => safe.available,
    getSelectedStorageBackend: () => safe.backend,
    // a stand-in for the OS key store: reversible, and plainly not the key's own bytes
    encryptString: (s: string) => Buffer.from(`os-sealed:${Buffer.from(s).toString('base64')}`),
    decryptString: (b: Buffer) => Buffer.from(b.toString().replace(/^os-sealed:/, ''), 'base64').toString(),
  },
}));

const dirs: string[] = [];
const fresh = (prefix: string) => {
  const d = tempDir(prefix);
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach(removeDir));

let app: TempApp;
let e001: string;
let campaignId: string;
/** the employees' initial passwords */
let pw: (no: string) => string;
/** the data folder after a checkpoint and one short study session after it */
let folder: string;

async function study(a: TempApp, token: string, seconds: number) {
  const s = await a.call('study.start', { campaignId, docId: 'warning-month-notes' }, token);
  for (let t = 0; t < seconds; t += 10) {
    a.clock.advance(10_000);
    await a.call('study.beat', { sessionId: s.sessionId, visible: true, focused: true, interacted: true }, token);
  }
  await a.call('study.stop', { sessionId: s.sessionId }, token);
}

/**
 * The forgery of the issue: a person's last study session (recorded after the last checkpoint)
 * rewritten to 8 h, the hash chain recomputed, the file's seal and event seals kept as they were
 * (the forger cannot make new ones).
 */
function forgeEightHours(dir: string, no: string) {
  const file = path.join(dir, 'people', `${no}.json`);
  const { text, seal } = splitSealed(readFileSync(file, 'utf8'));
  const f = JSON.parse(text) as { events: (Omit<ChainLink, 'hash'> & { hash: string; data: Record<string, unknown> })[] };
  const last = f.events.findLast((e) => e.type === 'study.session')!;
  last.data.countedMs = 8 * 3600_000;
  last.data.endedAt = new Date(Date.parse(String(last.data.startedAt)) + 8 * 3600_000).toISOString();
  let prev = GENESIS_HASH;
  for (const e of f.events) {
    e.prevHash = prev;
    const { hash: _h, ...rest } = e;
    e.hash = eventHash(rest);
    prev = e.hash;
  }
  const out = JSON.stringify(f, null, 1);
  writeFileSync(file, seal ? `{"$seal":"${seal}",${out.slice(1)}` : out);
  return f.events.indexOf(last) + 1;
}

beforeAll(async () => {
  app = makeApp();
  const s = await seeded(app);
  pw = s.pw;
  campaignId = s.campaign.id;
  e001 = await s.login('E001');
  await study(app, e001, 60);
  // an export makes a signed checkpoint of everyone
  await exportPersonTo(app.ports, 'E001', fresh('anxue-seal-out-'), 'admin');
  expect((await app.ports.store.checkpoints.read()).entries.length).toBeGreaterThan(0);
  // after the last checkpoint: a 20 s session
  await study(app, e001, 20);
  app.close();
  folder = app.dir;
  dirs.push(folder);
});

describe('where the key is', () => {
  it('outside the data folder, readable by its owner only; the folder holds its id, a check and the admins’ copies under their passwords', () => {
    const seal = readSealFile(folder)!;
    expect(Object.keys(seal.wraps)).toEqual(['admin']);
    const keys = defaultKeyStore();
    const key = keys.get(seal.sealId)!;
    expect(key).toHaveLength(32);
    const keyFile = path.join(keys.where, `${seal.sealId}.key`);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(keys.where).mode & 0o777).toBe(0o700);
    expect(path.relative(folder, keys.where).startsWith('..')).toBe(true);
    // no file of the folder holds the key, in any spelling
    const all = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of all(folder)) {
      const bytes = readFileSync(f);
      for (const spelling of [key, Buffer.from(key.toString('hex')), Buffer.from(key.toString('base64'))]) expect(bytes.includes(spelling), f).toBe(false);
    }
  });

  it('a key store inside the data folder is refused', () => {
    const dir = fresh('anxue-seal-inside-');
    expect(() => DataStore.open(dir, { keys: folderKeyStore(path.join(dir, 'keys')) })).toThrow(/在数据文件夹之内/);
  });

  it('on the desktop, the key is encrypted by the OS key store (safeStorage); without one, a file for this user only', async () => {
    const { desktopKeyStore } = await import('../../electron/main/platform/seal-keys');
    safe.userData = fresh('anxue-seal-userdata-');
    const store = desktopKeyStore();
    const key = Buffer.alloc(32, 7);
    store.put('a'.repeat(32), key);
    const stored = readFileSync(path.join(safe.userData, 'seal-keys', `${'a'.repeat(32)}.key`));
    expect(stored.toString()).toMatch(/^os-sealed:/);
    expect(stored.includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(store.get('a'.repeat(32))).toEqual(key);
    // Linux without a secret service: safeStorage would only obfuscate; the plain store is used, said as what it is
    safe.backend = 'basic_text';
    const plain = desktopKeyStore();
    plain.put('b'.repeat(32), key);
    expect(readFileSync(path.join(safe.userData, 'seal-keys', `${'b'.repeat(32)}.key`), 'utf8')).toBe(key.toString('hex'));
    expect(plain.get('b'.repeat(32))).toEqual(key);
    safe.backend = 'gnome_libsecret';
  });
});

describe('a session recorded after the last checkpoint, rewritten to 8 h with the chain recomputed', () => {
  let forged: string;
  let server: string;
  /** the rewritten record's number */
  let n: number;
  beforeAll(() => {
    // the server keeps the true records; the copy on a share is forged (data folder written, key store untouched)
    server = fresh('anxue-seal-server-');
    cpSync(folder, server, { recursive: true });
    forged = fresh('anxue-seal-forged-');
    cpSync(folder, forged, { recursive: true });
    n = forgeEightHours(forged, 'E001');
  });

  it('is named by check: the person and the first record that was rewritten', () => {
    const r = cli(['check', '--data', forged]);
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`E001：第 ${n} 条记录（.*，study\\.session）的封印不符：记录在程序之外被改写`));
    // the signed checkpoints alone could not have seen it: it came after the last one
    expect(r.stdout).not.toContain('签名检查点 #');
    expect(cli(['check', '--data', server]).status).toBe(0);
  });

  it('is refused by the next export, and no checkpoint is made over it', async () => {
    const again = makeApp(forged);
    try {
      await again.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' });
      const before = (await again.ports.store.checkpoints.read()).entries.length;
      await expect(exportPersonTo(again.ports, 'E001', fresh('anxue-seal-no-'), 'admin')).rejects.toThrow(new RegExp(`E001：第 ${n} 条记录.*封印不符`));
      expect((await again.ports.store.checkpoints.read()).entries).toHaveLength(before);
      // nor written over: the record takes no new entry
      const token = (await again.call('auth.login', { employeeNo: 'E001', password: pw('E001') })).token;
      expect(await again.raw('study.start', { campaignId, docId: 'warning-month-notes' }, token)).toMatchObject({
        ok: false,
        status: 409,
        error: { message: expect.stringContaining('people/E001.json 与封印不符') },
      });
    } finally {
      again.close();
    }
  });

  it('is refused by merge, naming the record, and the server is left as it was', async () => {
    const r = cli(['merge', forged, '--data', server]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`来源的记录与封印不符，未做任何改动：E001：第 ${n} 条记录（.*，study\\.session）的封印不符`));
    const srv = makeApp(server);
    try {
      const from = DataStore.openReadOnly(forged);
      await expect(mergeRecords(srv.ports, from, { station: 'share', by: 'test' })).rejects.toBeInstanceOf(MergeRefused);
      from.close();
      const f = await srv.ports.store.person('E001').read();
      expect(f.events.filter((e) => e.type === 'study.session').every((e) => (e.data as { countedMs: number }).countedMs < 3600_000)).toBe(true);
      expect(f.events).toHaveLength(n);
    } finally {
      srv.close();
    }
  });
});

describe('what else a hand could change', () => {
  it('a heartbeat written into the study journal by hand is not used, and check names it', async () => {
    const dir = fresh('anxue-seal-journal-');
    cpSync(folder, dir, { recursive: true });
    const a = makeApp(dir);
    const s = await a.call('study.start', { campaignId, docId: 'warning-month-notes' }, (await a.call('auth.login', { employeeNo: 'E002', password: pw('E002') })).token);
    const token = (await a.call('auth.login', { employeeNo: 'E002', password: pw('E002') })).token;
    for (let i = 0; i < 3; i++) {
      a.clock.advance(10_000);
      await a.call('study.beat', { sessionId: s.sessionId, visible: true, focused: true, interacted: true }, token);
    }
    const genuine = (await a.ports.store.person('E002').read()).open.study!;
    a.close();
    const [journal] = journalFiles(dir);
    const last = JSON.parse(readFileSync(journal!, 'utf8').trim().split('\n').pop()!) as { no: string; rev: number; head: string; study: Record<string, unknown>; mac: string };
    const forgedLine = { ...last, rev: last.rev + 1, study: { ...last.study, countedMs: 8 * 3600_000 }, mac: last.mac };
    writeFileSync(journal!, `${readFileSync(journal!, 'utf8')}${JSON.stringify(forgedLine)}\n`);
    const again = DataStore.open(dir);
    try {
      expect((await again.person('E002').read()).open.study).toEqual(genuine);
      expect((await again.seals.problems()).map(zh).join('\n')).toMatch(/学习日志 .* 第 4 行（E002）与封印不符/);
    } finally {
      again.close();
    }
  });

  it('a shared document changed by hand is not used at all: an account made admin by hand cannot sign in, and check names the file', async () => {
    const dir = fresh('anxue-seal-accounts-');
    cpSync(folder, dir, { recursive: true });
    const file = path.join(dir, 'accounts.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/("employeeNo": "E001",[\s\S]*?"roles": \[)[^\]]*\]/, '$1"employee", "admin"]'));
    expect(readFileSync(file, 'utf8')).toMatch(/"E001"[\s\S]*"admin"\]/);
    const a = makeApp(dir);
    try {
      const r = await a.raw('auth.login', { employeeNo: 'E001', password: pw('E001') });
      expect(r).toMatchObject({
        ok: false,
        status: 409,
        error: { message: expect.stringContaining('accounts.json 与封印不符') },
      });
      // the seal's own message, its key and values, said in either language
      const error = (r as { error: { key: string; params?: Message['params']; message: string } }).error;
      expect(error).toMatchObject({ code: 'conflict', key: 'seal.brokenDoc', params: { problem: { key: 'seal.docChanged', params: { file: 'accounts.json' } } } });
      expect(zh(error)).toBe('accounts.json 与封印不符：文件在程序之外被改动。请运行 anxue check，并从备份恢复该文件');
      expect(error.message).toBe(zh(error));
      expect(sayIn('en-US', error)).toBe('accounts.json does not match its seal: the file was changed outside the app. Run anxue check and restore the file from a backup');
    } finally {
      a.close();
    }
    const r = cli(['check', '--data', dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('accounts.json 与封印不符：文件在程序之外被改动');
  });

  it('seal.json removed from a folder this PC sealed: the folder is refused, naming what is missing', () => {
    const dir = fresh('anxue-seal-removed-');
    cpSync(folder, dir, { recursive: true });
    // opened once here, so this PC knows it as sealed
    DataStore.open(dir).close();
    rmSync(path.join(dir, 'seal.json'));
    expect(() => DataStore.open(dir)).toThrow(SealError);
    expect(() => DataStore.open(dir)).toThrow(/seal\.json 不见了/);
  });
});

describe('the folder on another PC', () => {
  it('is read but not written until an admin signs in there; then the key is kept in that PC’s store', async () => {
    const dir = fresh('anxue-seal-moved-');
    cpSync(folder, dir, { recursive: true });
    const otherPc = fresh('anxue-seal-other-keys-');
    const a = makeApp(dir, { dataDir: dir, keys: folderKeyStore(otherPc) });
    try {
      expect(a.ports.store.seals!.status().mode).toBe('locked');
      const token = (await a.call('auth.login', { employeeNo: 'E001', password: pw('E001') })).token;
      expect((await a.call('progress.mine', { campaignId }, token)).year.ms).toBeGreaterThan(0);
      expect(await a.raw('study.start', { campaignId, docId: 'warning-month-notes' }, token)).toMatchObject({
        ok: false,
        status: 409,
        error: { key: 'seal.locked', params: { where: otherPc }, message: expect.stringContaining('管理员在本机登录一次') },
      });
      await a.call('auth.login', { employeeNo: 'admin', password: 'admin-pass-1' });
      expect(a.ports.store.seals!.status().mode).toBe('on');
      await a.call('study.start', { campaignId, docId: 'warning-month-notes' }, token);
      expect(folderKeyStore(otherPc).get(readSealFile(dir)!.sealId)).toEqual(defaultKeyStore().get(readSealFile(dir)!.sealId));
    } finally {
      a.close();
    }
  });
});

describe('a server run as a service on another PC', () => {
  it('takes the key with `anxue seal unlock` and an admin’s password; `seal status` says where it stands', () => {
    const dir = fresh('anxue-seal-service-');
    cpSync(folder, dir, { recursive: true });
    const otherPc = fresh('anxue-seal-service-keys-');
    const env = { ANXUE_KEYSTORE: otherPc };
    expect(cli(['seal', 'status', '--data', dir], env).stdout).toContain('记录封印：本机没有密钥');
    const pwFile = path.join(fresh('anxue-seal-service-pw-'), 'pw.txt');
    writeFileSync(pwFile, 'wrong-password');
    const wrong = cli(['seal', 'unlock', '--data', dir, '--admin', 'admin', '--password-file', pwFile], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('密码不对');
    writeFileSync(pwFile, 'admin-pass-1\n');
    const ok = cli(['seal', 'unlock', '--data', dir, '--admin', 'admin', '--password-file', pwFile], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('记录封印：已启用，密钥在本机');
    expect(ok.stdout).toContain('持有密钥副本的管理员：admin');
    expect(cli(['check', '--data', dir], env).status).toBe(0);
  });
});

describe('a backup carries the key under the admins’ passwords', () => {
  let zip: string;
  beforeAll(() => {
    zip = path.join(fresh('anxue-seal-backup-'), 'b.zip');
    const r = cli(['backup', '--data', folder, '--out', zip]);
    expect(r.status, r.stderr).toBe(0);
  });

  it('a restore on another PC asks for an admin’s password, then checks every record against its seal and keeps the seal', () => {
    const otherPc = fresh('anxue-seal-restore-keys-');
    const work = fresh('anxue-seal-restore-');
    const pwFile = path.join(work, 'pw.txt');
    writeFileSync(pwFile, 'admin-pass-1\n');
    const target = path.join(work, 'data');
    const refused = cli(['restore', zip, '--data', target], { ANXUE_KEYSTORE: otherPc });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('本机没有它的密钥：用 --admin 工号 --password-file 文件');
    expect(existsSync(path.join(target, 'people', 'E001.json'))).toBe(false);
    const wrong = path.join(work, 'wrong.txt');
    writeFileSync(wrong, 'not-the-password');
    expect(cli(['restore', zip, '--data', path.join(work, 'data2'), '--admin', 'admin', '--password-file', wrong], { ANXUE_KEYSTORE: otherPc }).stderr).toContain('密码不对');
    const ok = cli(['restore', zip, '--data', target, '--admin', 'admin', '--password-file', pwFile], { ANXUE_KEYSTORE: otherPc });
    expect(ok.status, ok.stderr).toBe(0);
    expect(readSealFile(target)!.sealId).toBe(readSealFile(folder)!.sealId);
    const check = cli(['check', '--data', target], { ANXUE_KEYSTORE: otherPc });
    expect(check.status, check.stdout).toBe(0);
    expect(check.stdout).toContain('记录封印：已启用');
  });

  it('a backup whose record was rewritten (its own hashes made to match) is refused, naming the record', async () => {
    const { default: JSZip } = await import('jszip');
    const z = await JSZip.loadAsync(readFileSync(zip));
    const work = fresh('anxue-seal-forged-backup-');
    mkdirSync(path.join(work, 'x'));
    forgeInZip: {
      const name = 'people/E001.json';
      const dir = path.join(work, 'x');
      mkdirSync(path.join(dir, 'people'));
      writeFileSync(path.join(dir, name), await z.file(name)!.async('nodebuffer'));
      forgeEightHours(dir, 'E001');
      const bytes = readFileSync(path.join(dir, name));
      z.file(name, bytes);
      const manifest = JSON.parse(await z.file('backup.json')!.async('string'));
      manifest.files[name] = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
      z.file('backup.json', JSON.stringify(manifest));
      break forgeInZip;
    }
    const bad = path.join(work, 'forged.zip');
    writeFileSync(bad, await z.generateAsync({ type: 'nodebuffer' }));
    const r = cli(['restore', bad, '--data', path.join(work, 'data')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/E001：第 \d+ 条记录（.*，study\.session）的封印不符/);
  });
});

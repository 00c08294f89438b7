// Headless commands for admins and archivists: npm run anxue -- <command>.
// Each command checks its input before it writes anything, and fails with one line and a non-zero exit.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from './app';
import { exportPersonTo, MANIFEST_FILE, verifyAll, type ArchiveCheck } from './services/archive';
import { createJob, readJobs, runJob } from './services/archive-job';
import { listAccounts, resetPassword, revokeSessions, setDisabled, setRoles } from './services/accounts';
import { setupInit, verifyPassword } from './services/auth';
import { checkRecords, fingerprintOf, latestCheckpoint, publicKeyOf, unlockWith } from './services/signing';
import { ApiError } from './services/errors';
import { commitRosterBytes, firstErrorLine, previewRosterBytes } from './services/roster';
import { DataStore } from './storage/data-store';
import { api } from '../shared/api';
import { ROLES, type Role } from '../core/model';
import { createDemo } from './demo';
import { startServer } from './server';
import { routeConsoleToLog, serverLog } from './log';
import { TlsProblem } from './transport/tls';
import { hostName, isLoopbackName } from './transport/host-check';

export class CliError extends Error {}

const USAGE = `用法 / usage: npm run anxue -- <command>
  init --data DIR --enterprise NAME --admin USER --password-file FILE [--admin-name NAME] [--db postgres://…]
  roster import FILE --data DIR [--db postgres://…]
  accounts list --data DIR [--db postgres://…]
  accounts grant|revoke EMPLOYEE_NO ROLE --data DIR   (ROLE: employee, officer, archivist, admin)
  accounts reset-password|disable|enable|end-sessions EMPLOYEE_NO --data DIR [--reason TEXT]
  demo --data DIR [--db URL]
  serve --data DIR --port N [--host H] [--allowed-host NAME …] [--db postgres://…]
        [--tls-cert FILE --tls-key FILE | --insecure-http]   (beyond this PC: HTTPS, with a certificate made and kept in DIR/tls unless given)
  export person EMPLOYEE_NO --data DIR --out DIR [--db postgres://…] [--sign-as ADMIN --password-file FILE]
  export batch --data DIR --out DIR [--campaign ID] [--dept D] [--team T] [--zip] [--db postgres://…]
  export workstation --data DIR --out FILE.zip [--station NAME]   (a PC that ran on its own, for merge)
  merge SOURCE --data DIR [--db postgres://…] [--station NAME] [--admin NO --password-file FILE]
                               (SOURCE: that .zip, or the PC's data folder)
  (--db, or ANXUE_DB: records in that PostgreSQL database; --data then holds files only)
  verify PATH [--key FILE|FINGERPRINT]   (an export folder, a folder of exports, or a .zip of either: exit 0 intact,
                               1 altered (or, with --key, not signed by that key), 2 not an archive or not readable)
  check --data DIR [--admin NO --password-file FILE]   (every record against its seal and its signed checkpoints:
                               exit 0 all match, 1 a record was rewritten; --admin: on a PC that does not hold the seal key)
  seal status|unlock --data DIR [--admin NO --password-file FILE]   (the records' seal key on this PC: unlock takes it
                               from an admin's copy, for a folder brought from another PC)
  key --data DIR [--out FILE]  (the signing key's fingerprint; --out: its public key, for an inspector)
  backup --out FILE.zip --data DIR [--db postgres://…]      (while the server runs, too)
  restore FILE.zip --data DIR [--db postgres://…] [--admin NO --password-file FILE]
                               (into a new folder or an empty database; --admin: a sealed backup on another PC)
  db migrate --db postgres://…                     (the database's schema to this program's version)
  db import-folder DIR --db postgres://… [--data FILES]   (a lowdb data folder into PostgreSQL; run again to resume)
  db export-folder DIR --db postgres://… --data FILES     (PostgreSQL into a new lowdb data folder)`;

/** --key: a public key file (PEM), or its fingerprint (64 hex digits, with or without colons) */
function keyFingerprint(key: string): string {
  if (existsSync(key)) {
    try {
      return fingerprintOf(readFileSync(key, 'utf8'));
    } catch {
      throw new CliError(`--key ${key}：不是公钥文件（PEM） / not a public key file (PEM)`);
    }
  }
  const hex = key.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) throw new CliError(`--key ${key}：既不是公钥文件，也不是 SHA-256 指纹 / neither a key file nor a SHA-256 fingerprint`);
  return hex.match(/../g)!.join(':');
}

/** --admin NO --password-file FILE: an admin's copy of the records' seal key (storage/seal.ts), for a PC that does not hold it */
const ADMIN_OPTIONS = { admin: { type: 'string' }, 'password-file': { type: 'string' } } as const;

function adminOf(values: { admin?: string; 'password-file'?: string }): { no: string; password: string } | undefined {
  if (!values.admin) return undefined;
  return { no: values.admin, password: passwordFrom(values['password-file']) };
}

/** Open a lowdb folder's seal with an admin's password when this PC does not hold its key. */
async function unlockSeals(store: import('./storage/store').Store, admin: { no: string; password: string } | undefined): Promise<void> {
  if (!admin || !store.seals || store.seals.status().mode !== 'locked') return;
  if (!(await store.seals.unlock(admin.no, admin.password))) throw new CliError(`--admin ${admin.no}：这位管理员没有封印密钥的副本，或密码不对 / ${admin.no} holds no copy of the seal key, or the password is wrong`);
}

/** What opening a folder found (a torn journal end skipped, seals begun): said once, as it is. */
function sayNotes(store: import('./storage/store').Store, out: Out): void {
  for (const n of store.seals?.notes() ?? []) out(`注意 / note: ${n}`);
}

/** --password-file: the password in a file (never on the command line), its last line break dropped */
function passwordFrom(file: string | undefined): string {
  const f = need(file, 'password-file');
  if (!existsSync(f)) throw new CliError(`密码文件不存在：${f}`);
  return readFileSync(f, 'utf8').replace(/\r?\n$/, '');
}

function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new CliError(`缺少参数 --${flag}`);
  return v;
}

/** The PostgreSQL database to keep records in: --db, else ANXUE_DB; none means lowdb files in --data. */
function dbOf(flag: string | undefined): string | undefined {
  const db = flag ?? process.env.ANXUE_DB;
  if (db === undefined || db === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(db)) throw new CliError(`--db 应为 postgres://… 形式的地址：${db}`);
  return db;
}

async function openInitialized(dataDir: string, db?: string) {
  if (!db) {
    if (!existsSync(dataDir)) throw new CliError(`数据文件夹不存在：${dataDir}`);
    if (DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹尚未初始化：${dataDir}（先运行 init 或 demo）`);
    return openApp({ dataDir });
  }
  const ports = openApp({ dataDir, db });
  try {
    if ((await ports.store.meta.peek()).enterprise === null) throw new CliError(`数据库尚未初始化：${redact(db)}（先在这个数据库上运行 serve 并完成首次设置）`);
  } catch (e) {
    await ports.store.close();
    if (e instanceof CliError) throw e;
    throw new CliError(`无法连接数据库 ${redact(db)}：${e instanceof Error ? e.message : String(e)}`);
  }
  return ports;
}

/** a database address as it may be printed: without its password */
export function redact(db: string): string {
  return db.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

type Out = (line: string) => void;

export async function runCli(argv: string[], out: Out = (l) => console.log(l)): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'init': {
      const { values } = parseArgs({
        args: rest,
        options: {
          data: { type: 'string' },
          enterprise: { type: 'string' },
          admin: { type: 'string' },
          'admin-name': { type: 'string' },
          'password-file': { type: 'string' },
          db: { type: 'string' },
        },
      });
      const dataDir = need(values.data, 'data');
      const db = dbOf(values.db);
      const password = passwordFrom(values['password-file']);
      const input = api['setup.init'].input.safeParse({
        enterprise: values.enterprise ?? '',
        adminNo: values.admin ?? '',
        adminName: values['admin-name'] ?? values.admin ?? '',
        password,
      });
      if (!input.success) {
        const i = input.error.issues[0]!;
        const flag = { enterprise: '--enterprise', adminNo: '--admin', adminName: '--admin-name', password: '--password-file' }[String(i.path[0])] ?? String(i.path[0]);
        throw new CliError(`${flag}：${i.message}`);
      }
      if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹已初始化：${dataDir}`);
      const ports = openApp({ dataDir, ...(db ? { db } : {}) });
      try {
        if (db && (await ports.store.meta.peek()).enterprise !== null) throw new CliError(`数据库已初始化：${redact(db)}`);
        await setupInit(ports, input.data);
      } finally {
        await ports.store.close();
      }
      out(`已初始化 ${db ? redact(db) : path.resolve(dataDir)}：${input.data.enterprise}，管理员 ${input.data.adminNo}`);
      return 0;
    }
    case 'roster': {
      const [sub, ...args] = rest;
      if (sub !== 'import') throw new CliError(`未知的 roster 子命令：${sub ?? ''}（可用：roster import FILE --data DIR）`);
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' } } });
      const file = positionals[0];
      if (!file) throw new CliError('缺少花名册文件路径');
      if (!existsSync(file) || !statSync(file).isFile()) throw new CliError(`文件不存在：${file}`);
      const dataDir = need(values.data, 'data');
      const ports = await openInitialized(dataDir, dbOf(values.db));
      try {
        const bytes = new Uint8Array(readFileSync(file));
        const name = path.basename(file);
        const preview = await previewRosterBytes(ports, name, bytes);
        if (!preview.ok) throw new CliError(firstErrorLine(preview));
        const r = await commitRosterBytes(ports, name, bytes);
        out(`导入完成：新增 ${r.created} 人，更新 ${r.updated} 人，未变 ${r.unchanged} 人`);
        if (r.initialPasswords.length > 0) {
          out('新账号的初始密码（只显示这一次，请发给本人）：');
          for (const p of r.initialPasswords) out(`  ${p.employeeNo}\t${p.name}\t${p.password}`);
        }
      } finally {
        await ports.store.close();
      }
      return 0;
    }
    case 'accounts': {
      // on the server PC: the way back in when the only admin has forgotten the password
      const [sub, ...args] = rest;
      const subs = ['list', 'grant', 'revoke', 'reset-password', 'disable', 'enable', 'end-sessions'];
      if (!sub || !subs.includes(sub)) throw new CliError(`未知的 accounts 子命令：${sub ?? ''}（可用：${subs.join('、')}）`);
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, reason: { type: 'string' } } });
      const no = positionals[0];
      if (sub !== 'list' && !no) throw new CliError('缺少工号 / missing the employee number');
      let role: Role | null = null;
      if (sub === 'grant' || sub === 'revoke') {
        const r = positionals[1];
        if (!r || !(ROLES as readonly string[]).includes(r)) throw new CliError(`缺少或未知的角色：${r ?? ''}（可用：${ROLES.join('、')}）`);
        role = r as Role;
      }
      const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
      const by = 'cli';
      const reason = values.reason ?? '服务器电脑上的命令行';
      const roleList = (roles: readonly Role[]) => roles.join(',');
      try {
        if (sub === 'list') {
          out(['工号', '姓名', '角色', '状态'].join('\t'));
          for (const a of await listAccounts(ports)) out([a.employeeNo, a.name, roleList(a.roles), a.disabled ? '已停用' : a.mustChangePassword ? '待改密码' : '正常'].join('\t'));
          return 0;
        }
        const account = (await listAccounts(ports)).find((a) => a.employeeNo === no);
        if (!account) throw new CliError(`没有工号为 ${no} 的账号 / no account with employee number ${no}`);
        if (sub === 'grant' || sub === 'revoke') {
          const roles = sub === 'grant' ? [...new Set([...account.roles, role!])] : account.roles.filter((r) => r !== role);
          if (roles.length === 0) throw new CliError('至少保留一个角色 / an account keeps at least one role');
          const a = await setRoles(ports, by, { employeeNo: no!, roles, reason });
          out(`${a.employeeNo} ${a.name} 的角色：${roleList(a.roles)}`);
        } else if (sub === 'reset-password') {
          const r = await resetPassword(ports, by, { employeeNo: no!, reason });
          out(`${r.employeeNo} ${r.name} 的一次性密码（只显示这一次，登录后须改密码）：`);
          out(`  ${r.password}`);
        } else if (sub === 'disable' || sub === 'enable') {
          const a = await setDisabled(ports, by, { employeeNo: no!, disabled: sub === 'disable', reason });
          out(`${a.employeeNo} ${a.name}：${a.disabled ? '已停用（记录保留）' : '已启用'}`);
        } else {
          const r = await revokeSessions(ports, by, { employeeNo: no!, reason });
          out(`${no} 的 ${r.sessionsEnded} 个登录已结束`);
        }
      } finally {
        await ports.store.close();
      }
      return 0;
    }
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, db: { type: 'string' } } });
      const dataDir = need(values.data, 'data');
      const db = dbOf(values.db);
      if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹已有数据，演示数据只能建在新文件夹里：${dataDir}`);
      const ports = openApp({ dataDir, ...(db ? { db } : {}) });
      try {
        if (db && (await ports.store.meta.peek()).enterprise !== null) throw new CliError(`数据库已有数据，演示数据只能建在新数据库里：${redact(db)}`);
        const demo = await createDemo(ports);
        out(`已创建演示企业「${demo.enterprise}」（虚构数据）于 ${db ? redact(db) : path.resolve(dataDir)}`);
        out(`培训计划：${demo.campaignName}`);
        out('演示账号（工号 / 密码 / 角色）：');
        for (const a of demo.accounts) out(`  ${a.employeeNo}\t${a.password}\t${a.role}\t${a.name}`);
      } finally {
        await ports.store.close();
      }
      return 0;
    }
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: {
          data: { type: 'string' },
          port: { type: 'string' },
          host: { type: 'string' },
          'allowed-host': { type: 'string', multiple: true },
          db: { type: 'string' },
          'test-clock-speed': { type: 'string' },
          'tls-cert': { type: 'string' },
          'tls-key': { type: 'string' },
          'insecure-http': { type: 'boolean' },
        },
      });
      const dataDir = need(values.data, 'data');
      const port = Number(need(values.port, 'port'));
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port 应为 0–65535 的整数：${values.port}`);
      let clockSpeed = 1;
      if (values['test-clock-speed'] !== undefined) {
        // Test-only: lets an end-to-end test accrue study time fast. Refused unless the test
        // harness sets ANXUE_ALLOW_TEST_CLOCK=1; never used by the desktop app.
        if (process.env.ANXUE_ALLOW_TEST_CLOCK !== '1') throw new CliError('--test-clock-speed 仅供自动化测试使用');
        clockSpeed = Number(values['test-clock-speed']);
        if (!(clockSpeed >= 1 && clockSpeed <= 1000)) throw new CliError('--test-clock-speed 应在 1–1000 之间');
      }
      const host = values.host ?? '127.0.0.1';
      const allowedHosts = values['allowed-host'] ?? [];
      for (const h of allowedHosts) if (!hostName(h)) throw new CliError(`--allowed-host 不是有效的主机名：${h}`);
      const db = dbOf(values.db);
      const certFile = values['tls-cert'];
      const keyFile = values['tls-key'];
      if (values['insecure-http'] && (certFile || keyFile)) throw new CliError('--insecure-http 不能与 --tls-cert / --tls-key 同时使用');
      if (Boolean(certFile) !== Boolean(keyFile)) throw new CliError('--tls-cert 和 --tls-key 需要一起给出');
      const tls = values['insecure-http'] ? ('off' as const) : certFile && keyFile ? { certFile, keyFile } : undefined;
      let s: Awaited<ReturnType<typeof startServer>>;
      try {
        s = await startServer({ dataDir, port, host, clockSpeed, allowedHosts, ...(db ? { db } : {}), ...(tls ? { tls } : {}) });
      } catch (e) {
        if (e instanceof TlsProblem) throw new CliError(e.message);
        throw e;
      }
      if (db) out(`记录保存在 PostgreSQL：${redact(db)}（文件保存在 ${path.resolve(dataDir)}）`);
      if (clockSpeed !== 1) out(`警告：测试时钟加速 ${clockSpeed} 倍（仅供测试）`);
      const lan = !isLoopbackName(hostName(host) ?? host);
      if (s.tls) {
        const how = s.tls.source === 'supplied' ? `使用证书 ${s.tls.certFile}` : s.tls.source === 'generated' ? `已生成自签名证书 ${s.tls.certFile}` : `使用此前生成的自签名证书 ${s.tls.certFile}`;
        out(`HTTPS：${how}（有效期至 ${s.tls.validTo}）`);
        out(`证书 SHA-256 指纹（请在浏览器中核对）：${s.tls.fingerprint}`);
      }
      if (lan && !s.tls) out(`警告：--insecure-http：服务以明文 HTTP 对局域网开放，密码和登录凭据可被同一网络中的人截获。请只在可信的网络中临时使用 / WARNING: plain HTTP on the LAN: passwords and tokens can be read by anyone on the network`);
      if (lan) out(`注意：服务对局域网开放（${host}）；只接受以本机地址、本机名称${allowedHosts.length ? '和 ' + allowedHosts.join('、') : ''}访问（其他名称用 --allowed-host 添加）`);
      if (lan && s.setupCode) out(`首次设置码（从其他电脑进行首次设置时填写，在本机设置不需要）：${s.setupCode}`);
      out(`安学浏览器模式已启动：${s.url}`);
      // from here on, standard error is the server's log: every line of it within the log's limit
      routeConsoleToLog();
      await new Promise<void>((resolve) => {
        const stop = () => void s.close().then(() => serverLog.flush()).then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      return 0;
    }
    case 'db':
      return dbCommand(rest, out);
    case 'merge':
      return mergeCommand(rest, out);
    case 'backup':
    case 'restore':
      return backupCommand(cmd, rest, out);
    case 'export': {
      const [sub, ...args] = rest;
      if (sub === 'batch') return exportBatch(args, out);
      if (sub === 'workstation') return exportWorkstation(args, out);
      if (sub !== 'person') throw new CliError(`未知的 export 子命令：${sub ?? ''}（可用：export person EMPLOYEE_NO --data DIR --out DIR；export batch --data DIR --out DIR [--campaign ID] [--dept 部门] [--team 班组] [--zip]）`);
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, out: { type: 'string' }, db: { type: 'string' }, ...SIGN_OPTIONS } });
      const employeeNo = positionals[0];
      if (!employeeNo) throw new CliError('缺少工号');
      const dataDir = need(values.data, 'data');
      const outDir = need(values.out, 'out');
      const ports = await openInitialized(dataDir, dbOf(values.db));
      try {
        await unlockForSigning(ports, values, out);
        const { people } = await ports.store.roster.read();
        if (!people.some((p) => p.employeeNo === employeeNo)) throw new CliError(`花名册中没有工号 ${employeeNo}`);
        const t0 = performance.now();
        const r = await exportPersonTo(ports, employeeNo, outDir, 'cli');
        out(`已导出 ${employeeNo} 的培训档案到 ${r.folder}（${Math.round(performance.now() - t0)} ms）`);
        for (const f of r.files) out(`  ${f.name}\t${f.bytes} 字节\tSHA-256 ${f.sha256}`);
      } finally {
        await ports.store.close();
      }
      return 0;
    }
    case 'check': {
      // the live data against its signed checkpoints: exit 0 all match, 1 a record was rewritten
      const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, db: { type: 'string' }, ...ADMIN_OPTIONS } });
      const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
      try {
        await unlockSeals(ports.store, adminOf(values));
        sayNotes(ports.store, out);
        const seal = ports.store.seals?.status();
        if (seal) out(seal.mode === 'on' ? `记录封印：已启用（密钥在 ${seal.keyStore}） / record seals: on (key in ${seal.keyStore})` : seal.mode === 'locked' ? `记录封印：本机没有密钥（${seal.keyStore}） / record seals: the key is not on this PC (${seal.keyStore})` : '记录封印：未启用 / record seals: off');
        const key = await publicKeyOf(ports);
        out(key ? `签名密钥指纹：${key.fingerprint}` : '尚无签名密钥（系统管理员下次登录时生成）');
        const problems = await checkRecords(ports);
        const last = await latestCheckpoint(ports);
        if (problems.length > 0) {
          out(`检查失败：${problems.length} 处记录与封印或签名检查点不符 / ${problems.length} records no longer match their seals or signed checkpoints`);
          for (const p of problems) out(`  ✗ ${p}`);
          return 1;
        }
        out(last ? `检查通过：所有记录与封印和签名检查点相符。最新检查点 #${last.seq}（${last.at}，${last.people} 人）摘要 ${last.hash}` : '检查通过：记录链完整；还没有签名检查点（每天结束时和每次导出时生成）');
        if (last) out('可将此摘要定期报送主管部门留存：之后任何改写历史的做法都无法再得到同样的摘要。');
        return 0;
      } finally {
        await ports.store.close();
      }
    }
    case 'seal': {
      // `seal unlock`: a folder brought to this PC (its seal key not here yet) takes the key from an
      // admin's copy, for a server run as a service where no admin signs in through a browser
      const [sub, ...args] = rest;
      if (sub !== 'unlock' && sub !== 'status') throw new CliError(`未知的 seal 子命令：${sub ?? ''}（可用：seal status --data DIR；seal unlock --data DIR --admin 工号 --password-file 文件） / unknown seal command`);
      const { values } = parseArgs({ args, options: { data: { type: 'string' }, ...ADMIN_OPTIONS } });
      const dataDir = need(values.data, 'data');
      if (!existsSync(dataDir) || DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹尚未初始化：${dataDir} / the data folder is not set up: ${dataDir}`);
      const store = DataStore.open(dataDir);
      try {
        if (sub === 'unlock') {
          const admin = adminOf(values);
          if (!admin) throw new CliError('缺少参数 --admin 工号 --password-file 文件 / missing --admin NO --password-file FILE');
          await unlockSeals(store, admin);
        }
        sayNotes(store, out);
        const s = store.seals.status();
        out(s.mode === 'on' ? `记录封印：已启用，密钥在本机（${s.keyStore}） / record seals: on, the key is on this PC (${s.keyStore})` : s.mode === 'locked' ? `记录封印：本机没有密钥（${s.keyStore}）；用 seal unlock --admin 工号 --password-file 文件 取得 / record seals: the key is not on this PC; use seal unlock` : '记录封印：未启用 / record seals: off');
        out(`持有密钥副本的管理员 / admins holding a copy of the key：${s.copies.join('、') || '（无 / none）'}`);
      } finally {
        store.close();
      }
      return 0;
    }
    case 'key': {
      // the enterprise's public key, to hand to an inspector (verify --key)
      const { values } = parseArgs({ args: rest, options: { data: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' } } });
      const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
      try {
        const key = await publicKeyOf(ports);
        if (!key) throw new CliError('尚无签名密钥：系统管理员登录一次即可生成 / no signing key yet: it is made at an admin\'s next sign-in');
        out(`签名密钥指纹（SHA-256）：${key.fingerprint}`);
        if (values.out) {
          writeFileSync(values.out, key.publicKey);
          out(`公钥已写入 ${values.out}（交给检查人员：verify 档案 --key ${path.basename(values.out)}）`);
        }
        return 0;
      } finally {
        await ports.store.close();
      }
    }
    case 'verify': {
      // exit 0: every archive found is intact; 1: one or more altered (or, with --key, not signed);
      // 2: nothing to check, or not readable
      const { values: vv, positionals: vp } = parseArgs({ args: rest, allowPositionals: true, options: { key: { type: 'string' } } });
      const target = vp[0];
      if (!target) throw new CliError('缺少要校验的档案文件夹或 .zip / the archive folder or .zip to verify is missing');
      const expectKey = vv.key === undefined ? undefined : keyFingerprint(vv.key);
      if (!existsSync(target)) {
        out(`无法校验：${target} 不存在 / cannot verify: ${target} does not exist`);
        return 2;
      }
      const found = await verifyAll(target, expectKey);
      if (found.length === 0) {
        out(`无法校验：${target} 中没有找到安学导出的档案（档案是带 ${MANIFEST_FILE} 的文件夹或 .zip） / cannot verify: no Anxue archive found in ${target} (an archive is a folder or .zip with ${MANIFEST_FILE})`);
        return 2;
      }
      const rel = (p: string) => path.relative(path.resolve(target), path.resolve(p)) || path.basename(p);
      out(`${found.length} 个档案：${found.map((f) => rel(f.path)).join('、')}`);
      for (const f of found) {
        if (f.outcome === 'intact') {
          const by = f.signedBy ? `；由密钥 ${f.signedBy} 签署${expectKey ? '（即给定的密钥） / signed by the given key' : '（未用 --key 核对签署者） / signed (signer not checked: no --key)'}` : '；未签名 / not signed';
          out(`  ✓ ${rel(f.path)}：校验通过，未被改动 / intact${by}`);
        } else {
          const head = { altered: '已被改动 / altered', unsigned: '未签名 / not signed', unreadable: '无法读取，不能校验 / not readable, cannot be checked' }[f.outcome];
          out(`  ${f.outcome === 'unreadable' ? '?' : '✗'} ${rel(f.path)}：${head}`);
          for (const p of f.problems) out(`      - ${p}`);
        }
      }
      const count = (o: ArchiveCheck['outcome']) => found.filter((f) => f.outcome === o).length;
      const [altered, unsigned, unreadable] = [count('altered'), count('unsigned'), count('unreadable')];
      if (altered > 0 || unsigned > 0) {
        const zh = [altered && `${altered} 个档案已被改动`, unsigned && `${unsigned} 个档案未签名（不能证明由给定的密钥签署）`, unreadable && `${unreadable} 个无法读取`].filter(Boolean).join('，');
        const en = [altered && `${altered} altered`, unsigned && `${unsigned} not signed (not proven to be by the given key)`, unreadable && `${unreadable} not readable`].filter(Boolean).join(', ');
        out(`校验失败：${zh} / verification failed: ${en}`);
        return 1;
      }
      if (unreadable > 0) {
        out(`${unreadable} 个无法读取，其余 ${found.length - unreadable} 个校验通过 / ${unreadable} not readable, the other ${found.length - unreadable} intact`);
        return 2;
      }
      out(`校验通过：${found.length} 个档案都未被改动 / verified: all ${found.length} archives are intact`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return cmd === undefined ? 2 : 0;
    default:
      throw new CliError(`未知命令：${cmd}\n${USAGE}`);
  }
}

/**
 * `export batch`: everyone (or a 部门/班组, or a campaign's 一期一档) into OUT, with progress on
 * stderr. An unfinished job for the same selection in OUT (a crash, Ctrl-C) is resumed.
 */
/** --sign-as ADMIN --password-file FILE: an admin's password unlocks the signing key for this command */
const SIGN_OPTIONS = { 'sign-as': { type: 'string' }, 'password-file': { type: 'string' } } as const;

async function unlockForSigning(ports: Awaited<ReturnType<typeof openInitialized>>, values: { 'sign-as'?: string; 'password-file'?: string }, out: Out): Promise<void> {
  const admin = values['sign-as'];
  if (!admin) {
    out('注意：未签名（签名密钥只在管理员登录后解锁；命令行用 --sign-as 管理员工号 --password-file 文件） / not signed: use --sign-as ADMIN --password-file FILE');
    return;
  }
  const password = passwordFrom(values['password-file']);
  const account = (await ports.store.accounts.peek()).accounts.find((a) => a.employeeNo === admin);
  if (!account || !account.roles.includes('admin') || account.disabled || !(await verifyPassword(password, account.passwordHash))) throw new CliError(`--sign-as ${admin}：不是系统管理员，或密码不对 / not an admin, or the wrong password`);
  if (!(await unlockWith(ports, admin, password))) throw new CliError(`${admin} 的签名密钥副本无法解锁 / the signing key could not be unlocked`);
}

async function exportBatch(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, campaign: { type: 'string' }, dept: { type: 'string' }, team: { type: 'string' }, zip: { type: 'boolean' }, ...SIGN_OPTIONS } });
  const dataDir = need(values.data, 'data');
  const outDir = path.resolve(need(values.out, 'out'));
  const ports = await openInitialized(dataDir, dbOf(values.db));
  try {
    await unlockForSigning(ports, values, out);
    const selection = { ...(values.campaign ? { campaignId: values.campaign } : {}), ...(values.dept ? { dept: values.dept } : {}), ...(values.team ? { team: values.team } : {}), zip: values.zip ?? false };
    const same = (a: object) => JSON.stringify(a) === JSON.stringify(selection);
    const unfinished = readJobs(outDir).find((j) => j.state !== 'done' && j.state !== 'cancelled' && same(j.selection));
    const job = unfinished ?? (await createJob(ports, outDir, selection, 'cli'));
    out(unfinished ? `继续未完成的导出：${job.name}` : `开始导出：${job.name}（${job.people.length} 人）`);
    const t0 = performance.now();
    let shown = -1;
    const done = await runJob(ports, outDir, job.jobId, {
      progress: (p) => {
        const pct = Math.floor((p.done / p.total) * 100);
        if (pct !== shown && (pct % 5 === 0 || p.done === p.total)) {
          shown = pct;
          process.stderr.write(`  ${p.done} / ${p.total} 人\n`);
        }
      },
    });
    out(`已导出到 ${done.result!.path}（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
    return 0;
  } finally {
    await ports.store.close();
  }
}

/** `export workstation`: a PC's records as one checked .zip, to hand to the server for `merge`. */
async function exportWorkstation(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' }, station: { type: 'string' } } });
  const dataDir = path.resolve(need(values.data, 'data'));
  const file = path.resolve(need(values.out, 'out'));
  if (!file.toLowerCase().endsWith('.zip')) throw new CliError(`--out 应为 .zip 文件：${file}`);
  if (!existsSync(dataDir) || DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹尚未初始化：${dataDir}`);
  const station = values.station ?? (await import('node:os')).hostname();
  const { backupTo } = await import('./services/backup');
  const store = DataStore.openReadOnly(dataDir);
  try {
    const { manifest } = await backupTo(store, file, undefined, station);
    out(`已导出工作站「${station}」的记录到 ${file}：${manifest.people} 人，${manifest.events} 条记录。把这个文件交给服务器的管理员，用 anxue merge 合并。`);
  } finally {
    store.close();
  }
  return 0;
}

/** `merge SOURCE`: a workstation's records (its export .zip, or its data folder) into this record set. */
async function mergeCommand(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, station: { type: 'string' }, ...ADMIN_OPTIONS } });
  const source = positionals[0];
  if (!source) throw new CliError('缺少要合并的工作站导出文件（.zip）或数据文件夹');
  const admin = adminOf(values);
  const dataDir = need(values.data, 'data');
  const src = path.resolve(source);
  if (!existsSync(src)) throw new CliError(`找不到要合并的来源：${src}`);
  const { openBackup, BackupProblem } = await import('./services/backup');
  const { mergeRecords, MergeRefused } = await import('./services/merge');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-merge-'));
  let from: DataStore | null = null;
  let station = values.station;
  try {
    if (statSync(src).isDirectory()) {
      if (DataStore.looksEmpty(src)) throw new CliError(`不是安学数据文件夹（没有 meta.json）：${src}`);
      if (path.resolve(dataDir) === src) throw new CliError('来源和目标是同一个数据文件夹');
      from = DataStore.openReadOnly(src);
      await unlockSeals(from, admin);
      station ??= path.basename(src);
    } else {
      const { ZIP_LIMITS } = await import('./services/zip-folder');
      const opened = await openBackup(src, tmp, ZIP_LIMITS.merge, admin).catch((e: unknown) => {
        throw e instanceof BackupProblem ? new CliError(e.message) : e;
      });
      from = opened.records;
      station ??= opened.manifest.station ?? path.basename(src, '.zip');
    }
    const ports = await openInitialized(dataDir, dbOf(values.db));
    try {
      const r = await mergeRecords(ports, from, { station: station!, by: 'cli' }).catch((e: unknown) => {
        throw e instanceof MergeRefused ? new CliError(e.message) : e;
      });
      out(`已核对来源「${station}」：${r.checked.people} 人、${r.checked.events} 条记录，记录链完好`);
      if (!r.run) {
        out(`没有新的内容：这些记录此前已全部合并${r.knownConflicts > 0 ? `（之前列出的 ${r.knownConflicts} 处冲突仍在“合并”页等待处理或已处理）` : ''}，未做任何改动`);
        return 0;
      }
      const a = r.run.added;
      out(`合并完成：新增花名册人员 ${a.roster}，新建记录 ${a.people} 人，新增记录 ${a.events} 条（其中把未结束的学习补记为 ${a.recovered} 次），已有而跳过 ${r.run.same.events} 条`);
      out(`  培训计划新增 ${a.campaigns}，集中学习活动新增或补充签到 ${a.collective}，剖析材料草稿 ${a.drafts}，问题台账记录 ${a.findings ?? 0}，证据文件 ${a.files ?? 0}`);
      if (r.conflicts.length > 0) {
        out(`两边都改过的内容 ${r.conflicts.length} 处：服务器上的版本照常生效，工作站的版本已保存，请安全管理员在“合并”页逐条决定：`);
        for (const c of r.conflicts) out(`  - ${CONFLICT_NAMES[c.kind]}${c.employeeNo ? ` ${c.employeeNo}` : ''}${c.campaignId ? `（培训计划 ${c.campaignId}）` : ''}`);
      }
      if (r.run.withoutAccount.length > 0) out(`${r.run.withoutAccount.length} 人在这里还没有账号（${r.run.withoutAccount.slice(0, 10).join('、')}${r.run.withoutAccount.length > 10 ? ' …' : ''}）：在花名册页重新导入花名册即可为他们生成初始密码`);
    } finally {
      await ports.store.close();
    }
  } finally {
    from?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

const CONFLICT_NAMES: Record<import('../shared/api').MergeConflictKind, string> = {
  person: '人员信息',
  campaign: '培训计划',
  collective: '集中学习活动',
  essay: '剖析材料（两台电脑上提交的内容不同）',
  draft: '剖析材料草稿',
  event: '同一条记录内容不同（请保留证据并核查）',
};

/** `db migrate | import-folder | export-folder`: a plant's server moving to PostgreSQL, and back. */
async function dbCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...more] = args;
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { db: { type: 'string' }, data: { type: 'string' } } });
  const db = dbOf(values.db);
  if (!db) throw new CliError('缺少参数 --db（或环境变量 ANXUE_DB）');
  if (sub === 'migrate') {
    const { migrateDatabase } = await import('./storage/pg-store');
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: db, max: 1 });
    try {
      const r = await migrateDatabase(pool, null).catch((e: Error) => {
        throw new CliError(`无法升级数据库 ${redact(db)}：${e.message}`);
      });
      out(r.from === r.to ? `数据库 ${redact(db)} 已是最新结构（版本 ${r.to}）` : `数据库 ${redact(db)} 的结构已从版本 ${r.from} 升级到 ${r.to}`);
    } finally {
      await pool.end();
    }
    return 0;
  }
  if (sub !== 'import-folder' && sub !== 'export-folder') throw new CliError(`未知的 db 子命令：${sub ?? ''}（可用：db migrate、db import-folder DIR、db export-folder DIR）`);
  const folder = positionals[0];
  if (!folder) throw new CliError('缺少数据文件夹路径');
  const { copyRecords, CopyConflict } = await import('./storage/copy');
  const { copyCorpusFiles } = await import('./storage/copy-files');
  if (sub === 'import-folder') {
    if (!existsSync(folder) || DataStore.looksEmpty(folder)) throw new CliError(`不是安学数据文件夹（没有 meta.json）：${folder}`);
  } else if (existsSync(folder) && !DataStore.looksEmpty(folder)) throw new CliError(`数据文件夹已有数据，导出只能到新文件夹：${folder}`);
  // the server's folder of files (imported editions); importing, the folder itself unless said otherwise
  if (sub === 'export-folder' && !values.data) throw new CliError('缺少参数 --data（服务器存放学习文件的文件夹，用来把文件一起导出）');
  const files = path.resolve(values.data ?? folder);
  const lowdb = openApp({ dataDir: folder });
  const pgApp = openApp({ dataDir: files, db });
  try {
    await pgApp.store.meta.peek().catch((e: Error) => {
      throw new CliError(`无法连接数据库 ${redact(db)}：${e.message}`);
    });
    const [from, to] = sub === 'import-folder' ? [lowdb.store, pgApp.store] : [pgApp.store, lowdb.store];
    out(sub === 'import-folder' ? `把 ${path.resolve(folder)} 迁入 ${redact(db)}` : `把 ${redact(db)} 导出到 ${path.resolve(folder)}`);
    let shown = -1;
    const r = await copyRecords(from, to, (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct !== shown && (pct % 10 === 0 || done === total)) {
        shown = pct;
        process.stderr.write(`  ${done} / ${total}\n`);
      }
    }).catch((e: unknown) => {
      throw e instanceof CopyConflict ? new CliError(e.message) : e;
    });
    const copiedFiles = copyCorpusFiles(from.dir, to.dir);
    out(`人员记录：新复制 ${r.people.copied}，补齐 ${r.people.toppedUp}，已相同 ${r.people.same}（共 ${r.events} 条新记录）`);
    out(`共享文档：新复制 ${r.documents.copied}，已相同 ${r.documents.same}；剖析材料草稿：新复制 ${r.drafts.copied}，已相同 ${r.drafts.same}；学习文件 ${copiedFiles} 个；证据文件（照片、附件）：新复制 ${r.files.copied}，已相同 ${r.files.same}`);
    out(`核对完成：${r.checked.documents} 个文档、${r.checked.people} 人的记录、${r.checked.drafts} 份草稿、${r.checked.files} 个证据文件与来源一致`);
  } finally {
    await lowdb.store.close();
    await pgApp.store.close();
  }
  return 0;
}

/** `backup --out FILE` of the records (lowdb folder read without taking it from a running server, or PostgreSQL), `restore FILE` into an empty store. */
async function backupCommand(cmd: 'backup' | 'restore', args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, ...ADMIN_OPTIONS } });
  const dataDir = path.resolve(need(values.data, 'data'));
  const db = dbOf(values.db);
  const admin = adminOf(values);
  const { backupTo, restoreFrom, BackupProblem } = await import('./services/backup');
  const { CopyConflict } = await import('./storage/copy');
  const progress = (done: number, total: number) => {
    if (done === total || done % 500 === 0) process.stderr.write(`  ${done} / ${total}\n`);
  };
  const where = db ? redact(db) : dataDir;
  if (cmd === 'backup') {
    const file = path.resolve(need(values.out, 'out'));
    if (!db && DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹尚未初始化：${dataDir}`);
    const store = db ? openApp({ dataDir, db }).store : DataStore.openReadOnly(dataDir);
    try {
      await unlockSeals(store, admin);
      sayNotes(store, out);
      const t0 = performance.now();
      const { manifest } = await backupTo(store, file, progress).catch((e: unknown) => {
        throw e instanceof BackupProblem || e instanceof CopyConflict ? new CliError(e.message) : e;
      });
      out(`已备份 ${where} 到 ${file}：${manifest.people} 人的记录，${Object.keys(manifest.files).length} 个文件（${((performance.now() - t0) / 1000).toFixed(1)} 秒）`);
    } finally {
      await store.close();
    }
    return 0;
  }
  const file = positionals[0];
  if (!file) throw new CliError('缺少备份文件路径');
  if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹已有数据，恢复只能恢复到新文件夹：${dataDir}`);
  const ports = openApp({ dataDir, ...(db ? { db } : {}) });
  try {
    const { manifest, report } = await restoreFrom(path.resolve(file), ports.store, progress, admin).catch((e: unknown) => {
      throw e instanceof BackupProblem ? new CliError(e.message) : e;
    });
    out(`已从 ${path.resolve(file)}（${manifest.createdAt}）恢复到 ${where}：${report.checked.people} 人的记录、${report.checked.documents} 个文档，已逐条核对`);
  } finally {
    await ports.store.close();
  }
  return 0;
}

export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await runCli(argv);
  } catch (e) {
    const msg = e instanceof CliError || e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
    console.error(`anxue: ${msg.split('\n')[0]}`);
    if (e instanceof CliError && msg.includes('\n')) console.log(msg.split('\n').slice(1).join('\n'));
    process.exitCode = e instanceof CliError || e instanceof ApiError ? 2 : 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  void main(process.argv.slice(2));
}

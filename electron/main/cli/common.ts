// What every command shares: reading its options, opening the record store, and the one kind of
// error that ends a command with a line of its own and exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { openApp } from '../app';
import { DataStore } from '../storage/lowdb/data-store';
import type { Message } from '../../core/message';

/** A command refused, said in one line; `said`, where it is set, is said in the command line's language (../messages.ts) instead of `message`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

export type Out = (line: string) => void;

/** --admin NO --password-file FILE: an admin's copy of the records' seal key (storage/lowdb/seal.ts), for a PC that does not hold it */
export const ADMIN_OPTIONS = { admin: { type: 'string' }, 'password-file': { type: 'string' } } as const;

export function adminOf(values: { admin?: string; 'password-file'?: string }): { no: string; password: string } | undefined {
  if (!values.admin) return undefined;
  return { no: values.admin, password: passwordFrom(values['password-file']) };
}

/** Open a lowdb folder's seal with an admin's password when this PC does not hold its key. */
export async function unlockSeals(store: import('../storage/store').Store, admin: { no: string; password: string } | undefined): Promise<void> {
  if (!admin || !store.seals || store.seals.status().mode !== 'locked') return;
  if (!(await store.seals.unlock(admin.no, admin.password)))
    throw new CliError(`--admin ${admin.no}：这位管理员没有封印密钥的副本，或密码不对 / ${admin.no} holds no copy of the seal key, or the password is wrong`);
}

/** What opening a folder found (a torn journal end skipped, seals begun): said once, as it is. */
export function sayNotes(store: import('../storage/store').Store, out: Out): void {
  for (const n of store.seals?.notes() ?? []) out(`注意 / note: ${n}`);
}

/** --password-file: the password in a file (never on the command line), its last line break dropped */
export function passwordFrom(file: string | undefined): string {
  const f = need(file, 'password-file');
  if (!existsSync(f)) throw new CliError(`密码文件不存在：${f}`);
  return readFileSync(f, 'utf8').replace(/\r?\n$/, '');
}

export function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw new CliError(`缺少参数 --${flag}`);
  return v;
}

/** The PostgreSQL database to keep records in: --db, else ANXUE_DB; none means lowdb files in --data. */
export function dbOf(flag: string | undefined): string | undefined {
  const db = flag ?? process.env.ANXUE_DB;
  if (db === undefined || db === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(db)) throw new CliError(`--db 应为 postgres://… 形式的地址：${db}`);
  return db;
}

export async function openInitialized(dataDir: string, db?: string) {
  if (!db) {
    if (!existsSync(dataDir)) throw new CliError(`数据文件夹不存在：${dataDir}`);
    if (DataStore.looksEmpty(dataDir)) throw new CliError(`数据文件夹尚未初始化：${dataDir}（先运行 init 或 demo）`);
    return openApp({ dataDir });
  }
  const ports = openApp({ dataDir, db });
  try {
    if ((await ports.store.meta.peek()).enterprise === null) throw new CliError(`数据库尚未初始化：${redact(db)}（先在这个数据库上运行 serve 并完成首次设置）`);
  } catch (e) {
    await ports.close();
    if (e instanceof CliError) throw e;
    throw new CliError(`无法连接数据库 ${redact(db)}：${e instanceof Error ? e.message : String(e)}`);
  }
  return ports;
}

/** a database address as it may be printed: without its password */
export function redact(db: string): string {
  return db.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

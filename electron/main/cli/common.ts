// What every command shares: reading its options, opening the record store, and the one kind of
// error that ends a command with a line of its own and exit code 2.
import { existsSync, readFileSync } from 'node:fs';
import { openApp } from '../app';
import { DataStore } from '../storage/lowdb/data-store';
import type { Message } from '../../core/message';
import type { MessageKey, MessageParams } from '../../shared/messages';
import { sayCli, sayIn } from '../messages';

/** A command refused, said in one line; `said`, where it is set, is said in the command line's language (../messages.ts) instead of `message`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly said?: Message,
  ) {
    super(message);
  }
}

/** A command refused with a message of the catalog: `message` is its Chinese, the command line says it in its own language. */
export const refused = (key: MessageKey, params?: MessageParams): CliError => new CliError(sayIn('zh-CN', { key, params }), { key, params });

/** A line of a command's report, in the command line's language. */
export const say = sayCli;

/** Names listed in the command line's language (、 in Chinese, a comma in English). */
export const listOf = (items: readonly string[]): string => items.join(say('cli.listSep'));

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
  if (!(await store.seals.unlock(admin.no, admin.password))) throw refused('cli.adminNoSealKey', { no: admin.no });
}

/** What opening a folder found (a torn journal end skipped, seals begun): said once, in the command line's language. */
export function sayNotes(store: import('../storage/store').Store, out: Out): void {
  for (const note of store.seals?.notes() ?? []) out(say('cli.note', { note }));
}

/** --password-file: the password in a file (never on the command line), its last line break dropped */
export function passwordFrom(file: string | undefined): string {
  const f = need(file, 'password-file');
  if (!existsSync(f)) throw refused('cli.noPasswordFile', { file: f });
  return readFileSync(f, 'utf8').replace(/\r?\n$/, '');
}

export function need(v: string | undefined, flag: string): string {
  if (v === undefined || v === '') throw refused('cli.missingOption', { flag });
  return v;
}

/** The PostgreSQL database to keep records in: --db, else ANXUE_DB; none means lowdb files in --data. */
export function dbOf(flag: string | undefined): string | undefined {
  const db = flag ?? process.env.ANXUE_DB;
  if (db === undefined || db === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(db)) throw refused('cli.dbAddress', { db });
  return db;
}

export async function openInitialized(dataDir: string, db?: string) {
  if (!db) {
    if (!existsSync(dataDir)) throw refused('cli.noDataFolder', { dir: dataDir });
    if (DataStore.looksEmpty(dataDir)) throw refused('cli.folderNotInitialized', { dir: dataDir });
    return openApp({ dataDir });
  }
  const ports = openApp({ dataDir, db });
  try {
    if ((await ports.store.meta.peek()).enterprise === null) throw refused('cli.dbNotInitialized', { db: redact(db) });
  } catch (e) {
    await ports.close();
    if (e instanceof CliError) throw e;
    throw refused('cli.cannotConnect', { db: redact(db), why: e instanceof Error ? e.message : String(e) });
  }
  return ports;
}

/** a database address as it may be printed: without its password */
export function redact(db: string): string {
  return db.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

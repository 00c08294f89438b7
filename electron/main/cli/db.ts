import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { DataStore } from '../storage/lowdb/data-store';
import { CliError, dbOf, redact, type Out } from './common';

/** `db migrate | import-folder | export-folder`: a plant's server moving to PostgreSQL, and back. */
export async function dbCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...more] = args;
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { db: { type: 'string' }, data: { type: 'string' } } });
  const db = dbOf(values.db);
  if (!db) throw new CliError('缺少参数 --db（或环境变量 ANXUE_DB）');
  if (sub === 'migrate') {
    const { migrateDatabase } = await import('../storage/postgres');
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
  const { copyRecords, CopyConflict } = await import('../storage/copy');
  const { copyCorpusFiles } = await import('../storage/copy-files');
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
    out(
      `共享文档：新复制 ${r.documents.copied}，已相同 ${r.documents.same}；剖析材料草稿：新复制 ${r.drafts.copied}，已相同 ${r.drafts.same}；学习文件 ${copiedFiles} 个；证据文件（照片、附件）：新复制 ${r.files.copied}，已相同 ${r.files.same}`,
    );
    out(`核对完成：${r.checked.documents} 个文档、${r.checked.people} 人的记录、${r.checked.drafts} 份草稿、${r.checked.files} 个证据文件与来源一致`);
  } finally {
    await lowdb.close();
    await pgApp.close();
  }
  return 0;
}

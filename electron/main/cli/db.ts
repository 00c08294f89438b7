import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { DataStore } from '../storage/lowdb/data-store';
import { CliError, dbOf, redact, refused, say, type Out } from './common';

/** A line of the command's report, in the command line's language. */

/** `db migrate | import-folder | export-folder`: a plant's server moving to PostgreSQL, and back. */
export async function dbCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...more] = args;
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { db: { type: 'string' }, data: { type: 'string' } } });
  const db = dbOf(values.db);
  if (!db) throw refused('cli.db.noDb');
  if (sub === 'migrate') {
    const { migrateDatabase } = await import('../storage/postgres');
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: db, max: 1 });
    try {
      const r = await migrateDatabase(pool, null).catch((e: Error) => {
        throw refused('cli.db.cannotMigrate', { db: redact(db), why: e.message });
      });
      out(r.from === r.to ? say('cli.db.upToDate', { db: redact(db), to: r.to }) : say('cli.db.migrated', { db: redact(db), from: r.from, to: r.to }));
    } finally {
      await pool.end();
    }
    return 0;
  }
  if (sub !== 'import-folder' && sub !== 'export-folder') throw refused('cli.db.unknown', { sub: sub ?? '' });
  const folder = positionals[0];
  if (!folder) throw refused('cli.db.noFolder');
  const { copyRecords, CopyConflict } = await import('../storage/copy');
  const { copyCorpusFiles } = await import('../storage/copy-files');
  if (sub === 'import-folder') {
    if (!existsSync(folder) || DataStore.looksEmpty(folder)) throw refused('cli.notDataFolder', { dir: folder });
  } else if (existsSync(folder) && !DataStore.looksEmpty(folder)) throw refused('cli.db.exportIntoNew', { dir: folder });
  // the server's folder of files (imported editions); importing, the folder itself unless said otherwise
  if (sub === 'export-folder' && !values.data) throw refused('cli.db.noData');
  const files = path.resolve(values.data ?? folder);
  const lowdb = openApp({ dataDir: folder });
  const pgApp = openApp({ dataDir: files, db });
  try {
    await pgApp.store.meta.peek().catch((e: Error) => {
      throw refused('cli.cannotConnect', { db: redact(db), why: e.message });
    });
    const [from, to] = sub === 'import-folder' ? [lowdb.store, pgApp.store] : [pgApp.store, lowdb.store];
    out(sub === 'import-folder' ? say('cli.db.importing', { dir: path.resolve(folder), db: redact(db) }) : say('cli.db.exporting', { db: redact(db), dir: path.resolve(folder) }));
    let shown = -1;
    const r = await copyRecords(from, to, (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct !== shown && (pct % 10 === 0 || done === total)) {
        shown = pct;
        process.stderr.write(`  ${done} / ${total}\n`);
      }
    }).catch((e: unknown) => {
      throw e instanceof CopyConflict ? new CliError(e.message, e.said) : e;
    });
    const copiedFiles = copyCorpusFiles(from.dir, to.dir);
    out(say('cli.db.people', { copied: r.people.copied, toppedUp: r.people.toppedUp, same: r.people.same, events: r.events }));
    out(
      say('cli.db.documents', {
        docs: r.documents.copied,
        docsSame: r.documents.same,
        drafts: r.drafts.copied,
        draftsSame: r.drafts.same,
        studyFiles: copiedFiles,
        files: r.files.copied,
        filesSame: r.files.same,
      }),
    );
    out(say('cli.db.checked', { documents: r.checked.documents, people: r.checked.people, drafts: r.checked.drafts, files: r.checked.files }));
  } finally {
    await lowdb.close();
    await pgApp.close();
  }
  return 0;
}

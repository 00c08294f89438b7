import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { DataStore } from '../storage/lowdb/data-store';
import { ADMIN_OPTIONS, adminOf, CliError, dbOf, need, redact, refused, say, sayNotes, unlockSeals, type Out } from './common';

/** `backup --out FILE` of the records (lowdb folder read without taking it from a running server, or PostgreSQL), `restore FILE` into an empty store. */
export async function backupCommand(cmd: 'backup' | 'restore', args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' }, ...ADMIN_OPTIONS } });
  const dataDir = path.resolve(need(values.data, 'data'));
  const db = dbOf(values.db);
  const admin = adminOf(values);
  const { backupTo, restoreFrom, BackupProblem } = await import('../backup');
  const { CopyConflict } = await import('../storage/copy');
  const progress = (done: number, total: number) => {
    if (done === total || done % 500 === 0) process.stderr.write(`  ${done} / ${total}\n`);
  };
  const where = db ? redact(db) : dataDir;
  if (cmd === 'backup') {
    const file = path.resolve(need(values.out, 'out'));
    if (!db && DataStore.looksEmpty(dataDir)) throw refused('cli.folderNotSetUp', { dir: dataDir });
    const app = db ? openApp({ dataDir, db }) : null;
    const store = app?.store ?? DataStore.openReadOnly(dataDir);
    try {
      await unlockSeals(store, admin);
      sayNotes(store, out);
      const t0 = performance.now();
      const { manifest } = await backupTo(store, file, progress).catch((e: unknown) => {
        throw e instanceof BackupProblem ? new CliError(e.message, e.said) : e instanceof CopyConflict ? new CliError(e.message, e.said) : e;
      });
      out(say('cli.backup.done', { where, file, people: manifest.people, files: Object.keys(manifest.files).length, seconds: ((performance.now() - t0) / 1000).toFixed(1) }));
    } finally {
      await (app ? app.close() : store.close());
    }
    return 0;
  }
  const file = positionals[0];
  if (!file) throw refused('cli.noBackupPath');
  if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw refused('cli.restoreIntoNew', { dir: dataDir });
  const ports = openApp({ dataDir, ...(db ? { db } : {}) });
  try {
    const { manifest, report } = await restoreFrom(path.resolve(file), ports.store, progress, admin).catch((e: unknown) => {
      throw e instanceof BackupProblem ? new CliError(e.message, e.said) : e;
    });
    out(say('cli.restore.done', { file: path.resolve(file), createdAt: manifest.createdAt, where, people: report.checked.people, documents: report.checked.documents }));
  } finally {
    await ports.close();
  }
  return 0;
}

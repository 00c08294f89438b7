// `init`: a new record set (a data folder, or an empty PostgreSQL database) with its enterprise and first admin.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { setupInit } from '../services/accounts/auth';
import { DataStore } from '../storage/lowdb/data-store';
import { api } from '../../shared/api';
import { dbOf, need, passwordFrom, redact, refused, say, type Out } from './common';
import { ruleOf } from '../../core/message';

export async function initCommand(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
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
    throw refused('cli.optionRule', { flag, rule: ruleOf(i) });
  }
  if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw refused('cli.folderSetUpAlready', { dir: dataDir });
  const ports = openApp({ dataDir, ...(db ? { db } : {}) });
  try {
    if (db && (await ports.store.meta.peek()).enterprise !== null) throw refused('cli.dbSetUpAlready', { db: redact(db) });
    await setupInit(ports, input.data);
  } finally {
    await ports.close();
  }
  out(say('cli.init.done', { where: db ? redact(db) : path.resolve(dataDir), enterprise: input.data.enterprise, admin: input.data.adminNo }));
  return 0;
}

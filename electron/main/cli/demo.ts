// `demo`: a fictitious enterprise to try the program on, only ever in a new folder or database.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../app';
import { createDemo } from '../demo';
import { DataStore } from '../storage/lowdb/data-store';
import { dbOf, need, redact, refused, say, type Out } from './common';

export async function demoCommand(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, db: { type: 'string' } } });
  const dataDir = need(values.data, 'data');
  const db = dbOf(values.db);
  if (!db && existsSync(dataDir) && !DataStore.looksEmpty(dataDir)) throw refused('cli.demoIntoNewFolder', { dir: dataDir });
  const ports = openApp({ dataDir, ...(db ? { db } : {}) });
  try {
    if (db && (await ports.store.meta.peek()).enterprise !== null) throw refused('cli.demoIntoNewDb', { db: redact(db) });
    const demo = await createDemo(ports);
    out(say('cli.demo.created', { enterprise: demo.enterprise, where: db ? redact(db) : path.resolve(dataDir) }));
    out(say('cli.demo.campaign', { name: demo.campaignName }));
    out(say('cli.demo.accounts'));
    for (const a of demo.accounts) out(`  ${a.employeeNo}\t${a.password}\t${a.role}\t${a.name}`);
  } finally {
    await ports.close();
  }
  return 0;
}

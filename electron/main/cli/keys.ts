// `check`, `seal status|unlock`, `key`: the records' seals and signing key on this PC.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkRecords, latestCheckpoint, publicKeyOf } from '../services/signing/signing';
import { DataStore } from '../storage/lowdb/data-store';
import { cliLang, sayIn } from '../messages';
import { ADMIN_OPTIONS, adminOf, dbOf, listOf, need, openInitialized, refused, say, sayNotes, unlockSeals, type Out } from './common';

export async function checkCommand(args: string[], out: Out): Promise<number> {
  // the live data against its signed checkpoints: exit 0 all match, 1 a record was rewritten
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, db: { type: 'string' }, ...ADMIN_OPTIONS } });
  const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
  try {
    await unlockSeals(ports.store, adminOf(values));
    sayNotes(ports.store, out);
    const seal = ports.store.seals?.status();
    if (seal) out(seal.mode === 'on' ? say('cli.seal.on', { keyStore: seal.keyStore }) : seal.mode === 'locked' ? say('cli.seal.locked', { keyStore: seal.keyStore }) : say('cli.seal.off'));
    const key = await publicKeyOf(ports);
    out(key ? say('cli.check.fingerprint', { fingerprint: key.fingerprint }) : say('cli.check.noKey'));
    const problems = await checkRecords(ports);
    const last = await latestCheckpoint(ports);
    if (problems.length > 0) {
      out(say('cli.check.failed', { count: problems.length }));
      for (const p of problems) out(`  ✗ ${sayIn(cliLang(), p)}`);
      return 1;
    }
    out(last ? say('cli.check.passed', { seq: last.seq, at: last.at, people: last.people, hash: last.hash }) : say('cli.check.passedNoCheckpoint'));
    if (last) out(say('cli.check.report'));
    return 0;
  } finally {
    await ports.close();
  }
}

export async function sealCommand(args: string[], out: Out): Promise<number> {
  // `seal unlock`: a folder brought to this PC (its seal key not here yet) takes the key from an
  // admin's copy, for a server run as a service where no admin signs in through a browser
  const [sub, ...more] = args;
  if (sub !== 'unlock' && sub !== 'status') throw refused('cli.unknownSeal', { sub: sub ?? '' });
  const { values } = parseArgs({ args: more, options: { data: { type: 'string' }, ...ADMIN_OPTIONS } });
  const dataDir = need(values.data, 'data');
  if (!existsSync(dataDir) || DataStore.looksEmpty(dataDir)) throw refused('cli.folderNotSetUp', { dir: dataDir });
  const store = DataStore.open(dataDir);
  try {
    if (sub === 'unlock') {
      const admin = adminOf(values);
      if (!admin) throw refused('cli.noAdminOptions');
      await unlockSeals(store, admin);
    }
    sayNotes(store, out);
    const s = store.seals.status();
    out(s.mode === 'on' ? say('cli.seal.statusOn', { keyStore: s.keyStore }) : s.mode === 'locked' ? say('cli.seal.statusLocked', { keyStore: s.keyStore }) : say('cli.seal.off'));
    out(say('cli.seal.copies', { admins: listOf(s.copies) || say('cli.seal.noCopies') }));
  } finally {
    store.close();
  }
  return 0;
}

export async function keyCommand(args: string[], out: Out): Promise<number> {
  // the enterprise's public key, to hand to an inspector (verify --key)
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, db: { type: 'string' }, out: { type: 'string' } } });
  const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
  try {
    const key = await publicKeyOf(ports);
    if (!key) throw refused('cli.noSigningKey');
    out(say('cli.key.fingerprint', { fingerprint: key.fingerprint }));
    if (values.out) {
      writeFileSync(values.out, key.publicKey);
      out(say('cli.key.written', { file: values.out, name: path.basename(values.out) }));
    }
    return 0;
  } finally {
    await ports.close();
  }
}

// `check`, `seal status|unlock`, `key`: the records' seals and signing key on this PC.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkRecords, latestCheckpoint, publicKeyOf } from '../services/signing/signing';
import { DataStore } from '../storage/lowdb/data-store';
import { cliLang, sayIn } from '../messages';
import { ADMIN_OPTIONS, adminOf, dbOf, need, openInitialized, refused, sayNotes, unlockSeals, type Out } from './common';

export async function checkCommand(args: string[], out: Out): Promise<number> {
  // the live data against its signed checkpoints: exit 0 all match, 1 a record was rewritten
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, db: { type: 'string' }, ...ADMIN_OPTIONS } });
  const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
  try {
    await unlockSeals(ports.store, adminOf(values));
    sayNotes(ports.store, out);
    const seal = ports.store.seals?.status();
    if (seal)
      out(
        seal.mode === 'on'
          ? `记录封印：已启用（密钥在 ${seal.keyStore}） / record seals: on (key in ${seal.keyStore})`
          : seal.mode === 'locked'
            ? `记录封印：本机没有密钥（${seal.keyStore}） / record seals: the key is not on this PC (${seal.keyStore})`
            : '记录封印：未启用 / record seals: off',
      );
    const key = await publicKeyOf(ports);
    out(key ? `签名密钥指纹：${key.fingerprint}` : '尚无签名密钥（系统管理员下次登录时生成）');
    const problems = await checkRecords(ports);
    const last = await latestCheckpoint(ports);
    if (problems.length > 0) {
      out(`检查失败：${problems.length} 处记录与封印或签名检查点不符 / ${problems.length} records no longer match their seals or signed checkpoints`);
      for (const p of problems) out(`  ✗ ${sayIn(cliLang(), p)}`);
      return 1;
    }
    out(
      last
        ? `检查通过：所有记录与封印和签名检查点相符。最新检查点 #${last.seq}（${last.at}，${last.people} 人）摘要 ${last.hash}`
        : '检查通过：记录链完整；还没有签名检查点（每天结束时和每次导出时生成）',
    );
    if (last) out('可将此摘要定期报送主管部门留存：之后任何改写历史的做法都无法再得到同样的摘要。');
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
    out(
      s.mode === 'on'
        ? `记录封印：已启用，密钥在本机（${s.keyStore}） / record seals: on, the key is on this PC (${s.keyStore})`
        : s.mode === 'locked'
          ? `记录封印：本机没有密钥（${s.keyStore}）；用 seal unlock --admin 工号 --password-file 文件 取得 / record seals: the key is not on this PC; use seal unlock`
          : '记录封印：未启用 / record seals: off',
    );
    out(`持有密钥副本的管理员 / admins holding a copy of the key：${s.copies.join('、') || '（无 / none）'}`);
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
    out(`签名密钥指纹（SHA-256）：${key.fingerprint}`);
    if (values.out) {
      writeFileSync(values.out, key.publicKey);
      out(`公钥已写入 ${values.out}（交给检查人员：verify 档案 --key ${path.basename(values.out)}）`);
    }
    return 0;
  } finally {
    await ports.close();
  }
}

// `verify PATH [--key …]`: exported archives checked offline, by anyone, without the records.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, verifyAll, type ArchiveCheck } from '../services/archive';
import { fingerprintOf } from '../services/signing/signing';
import { refused, type Out } from './common';
import { nodeFiles } from '../files';
import { cliLang, sayIn } from '../messages';

/** --key: a public key file (PEM), or its fingerprint (64 hex digits, with or without colons) */
function keyFingerprint(key: string): string {
  if (existsSync(key)) {
    try {
      return fingerprintOf(readFileSync(key, 'utf8'));
    } catch {
      throw refused('cli.keyNotPem', { key });
    }
  }
  const hex = key.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length !== 64) throw refused('cli.keyNeither', { key });
  return hex.match(/../g)!.join(':');
}

export async function verifyCommand(args: string[], out: Out): Promise<number> {
  // exit 0: every archive found is intact; 1: one or more altered (or, with --key, not signed);
  // 2: nothing to check, or not readable
  const { values: vv, positionals: vp } = parseArgs({ args, allowPositionals: true, options: { key: { type: 'string' } } });
  const target = vp[0];
  if (!target) throw refused('cli.noVerifyTarget');
  const expectKey = vv.key === undefined ? undefined : keyFingerprint(vv.key);
  if (!existsSync(target)) {
    out(`无法校验：${target} 不存在 / cannot verify: ${target} does not exist`);
    return 2;
  }
  const found = await verifyAll(nodeFiles, target, expectKey);
  if (found.length === 0) {
    out(
      `无法校验：${target} 中没有找到安学导出的档案（档案是带 ${MANIFEST_FILE} 的文件夹或 .zip） / cannot verify: no Anxue archive found in ${target} (an archive is a folder or .zip with ${MANIFEST_FILE})`,
    );
    return 2;
  }
  const rel = (p: string) => path.relative(path.resolve(target), path.resolve(p)) || path.basename(p);
  out(`${found.length} 个档案：${found.map((f) => rel(f.path)).join('、')}`);
  for (const f of found) {
    if (f.outcome === 'intact') {
      const by = f.signedBy
        ? `；由密钥 ${f.signedBy} 签署${expectKey ? '（即给定的密钥） / signed by the given key' : '（未用 --key 核对签署者） / signed (signer not checked: no --key)'}`
        : '；未签名 / not signed';
      out(`  ✓ ${rel(f.path)}：校验通过，未被改动 / intact${by}`);
    } else {
      const head = { altered: '已被改动 / altered', unsigned: '未签名 / not signed', unreadable: '无法读取，不能校验 / not readable, cannot be checked' }[f.outcome];
      out(`  ${f.outcome === 'unreadable' ? '?' : '✗'} ${rel(f.path)}：${head}`);
      for (const p of f.problems) out(`      - ${sayIn(cliLang(), p)}`);
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

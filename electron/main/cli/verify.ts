// `verify PATH [--key …]`: exported archives checked offline, by anyone, without the records.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MANIFEST_FILE, verifyAll, type ArchiveCheck } from '../services/archive';
import { fingerprintOf } from '../services/signing/signing';
import { listOf, refused, say, type Out } from './common';
import { said } from '../../core/message';
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
    out(say('cli.verify.missing', { target }));
    return 2;
  }
  const found = await verifyAll(nodeFiles, target, expectKey);
  if (found.length === 0) {
    out(say('cli.verify.none', { target, manifest: MANIFEST_FILE }));
    return 2;
  }
  const rel = (p: string) => path.relative(path.resolve(target), path.resolve(p)) || path.basename(p);
  out(say('cli.verify.found', { count: found.length, names: listOf(found.map((f) => rel(f.path))) }));
  for (const f of found) {
    if (f.outcome === 'intact') {
      const by = f.signedBy ? said(expectKey ? 'cli.verify.signedByGiven' : 'cli.verify.signedUnchecked', { key: f.signedBy }) : said('cli.verify.unsignedNote');
      out(`  ✓ ${say('cli.verify.intact', { name: rel(f.path), by })}`);
    } else {
      const head = ({ altered: 'cli.verify.altered', unsigned: 'cli.verify.unsigned', unreadable: 'cli.verify.unreadable' } as const)[f.outcome];
      out(`  ${f.outcome === 'unreadable' ? '?' : '✗'} ${say(head, { name: rel(f.path) })}`);
      for (const p of f.problems) out(`      - ${sayIn(cliLang(), p)}`);
    }
  }
  const count = (o: ArchiveCheck['outcome']) => found.filter((f) => f.outcome === o).length;
  const [altered, unsigned, unreadable] = [count('altered'), count('unsigned'), count('unreadable')];
  if (altered > 0 || unsigned > 0) {
    const parts = [
      altered && say('cli.verify.nAltered', { count: altered }),
      unsigned && say('cli.verify.nUnsigned', { count: unsigned }),
      unreadable && say('cli.verify.nUnreadable', { count: unreadable }),
    ];
    out(say('cli.verify.failed', { what: parts.filter(Boolean).join(say('cli.verify.partSep')) }));
    return 1;
  }
  if (unreadable > 0) {
    out(say('cli.verify.someUnreadable', { unreadable, rest: found.length - unreadable }));
    return 2;
  }
  out(say('cli.verify.passed', { count: found.length }));
  return 0;
}

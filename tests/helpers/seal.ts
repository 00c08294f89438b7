// The records' seals (electron/main/storage/lowdb/seal.ts) as a test needs them: the key of a test folder
// (in this run's key store, ANXUE_KEYSTORE), to seal a file again as someone holding that key would.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultKeyStore } from '../../electron/main/storage/lowdb/data-store';
import { readSealFile, sealedText, Sealer, splitSealed } from '../../electron/main/storage/lowdb/seal';

/** The sealer of a test's data folder, from the run's key store. */
export function sealerOf(dir: string): Sealer {
  const f = readSealFile(dir);
  if (!f) throw new Error(`${dir} is not sealed`);
  const key = defaultKeyStore().get(f.sealId);
  if (!key) throw new Error(`the key of ${dir} is not in ${defaultKeyStore().where}`);
  return new Sealer(f.sealId, key);
}

/**
 * Change a file of a sealed folder and seal it again with the folder's key: what only someone
 * holding both the folder and the key store could do (the limit SECURITY.md states). Used to reach
 * the checks that stand behind the seals (the audit log's own chain, the signed checkpoints).
 */
export function rewriteSealed(dir: string, rel: string, change: (text: string) => string): void {
  const file = path.join(dir, ...rel.split('/'));
  const text = change(splitSealed(readFileSync(file, 'utf8')).text);
  writeFileSync(file, sealedText(sealerOf(dir), rel, text));
}

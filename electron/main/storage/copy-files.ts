// The files that go with the records: imported editions in corpus/, named by their SHA-256.
// Copied when the two stores keep their files in different folders; an existing file is kept.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Copy corpus files missing in `to`; how many were copied. */
export function copyCorpusFiles(fromDir: string, toDir: string): number {
  const src = path.join(fromDir, 'corpus');
  const dst = path.join(toDir, 'corpus');
  if (path.resolve(src) === path.resolve(dst) || !existsSync(src)) return 0;
  mkdirSync(dst, { recursive: true });
  let n = 0;
  for (const name of readdirSync(src)) {
    if (!/^[a-z0-9]{64}(\.[a-z0-9.]+)?$/.test(name) || existsSync(path.join(dst, name))) continue;
    copyFileSync(path.join(src, name), path.join(dst, name));
    n += 1;
  }
  return n;
}

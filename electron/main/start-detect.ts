// Where is the Electron runtime? Electron's npm package downloads its binary on first use; we never
// trigger that download (it cannot succeed offline), we only look for the binary.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const rel = readFileSync(pathFile, 'utf8').trim();
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist');
    const bin = path.join(base, rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

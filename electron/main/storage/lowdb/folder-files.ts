// Evidence files (photos, attachments) of a lowdb folder: in files/, named by their SHA-256, so a
// file is written once however many records point at it.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../durable-json-file';
import type { FilePort } from '../store';

export function folderFiles(dir: string, readOnly: boolean): FilePort {
  return {
    put: async (bytes) => {
      if (readOnly) throw new Error(`internal: ${dir} was opened read-only`);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const file = path.join(dir, 'files', sha);
      if (!existsSync(file)) await writeFileAtomic(file, bytes);
      return sha;
    },
    get: async (sha) => {
      if (!/^[0-9a-f]{64}$/.test(sha)) return null;
      try {
        return await readFile(path.join(dir, 'files', sha));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
    list: async () => (await readdir(path.join(dir, 'files'))).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort(),
  };
}

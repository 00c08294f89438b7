// A folder into one .zip (streamed), and a .zip back into a folder, refusing names that would
// land outside it. Used by batch archives, verify of a .zip, and backups.
import { createReadStream, createWriteStream, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, as /-separated paths relative to it, sorted. */
export function walk(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const rel = base ? `${base}/${name}` : name;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walk(full, rel));
    else out.push(rel);
  }
  return out;
}

/**
 * A folder into one .zip, streamed (PDFs and .xlsx are stored: they are compressed already). Every
 * entry is dated `at`: a zip's dates are wall-clock times without a zone, so they are written in
 * the enterprise's own time (`utcOffsetMinutes`), as the archivist's zip tool will show them.
 */
export async function zipFolder(dir: string, out: string, at: Date, utcOffsetMinutes: number): Promise<void> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  // JSZip writes a date's UTC fields: shifted by the offset, they are the local time
  const date = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  for (const name of walk(dir)) zip.file(name, createReadStream(path.join(dir, name)), { compression: name.endsWith('.pdf') || name.endsWith('.xlsx') ? 'STORE' : 'DEFLATE', date });
  await new Promise<void>((resolve, reject) => {
    zip
      .generateNodeStream({ type: 'nodebuffer', streamFiles: true })
      .pipe(createWriteStream(out))
      .on('finish', () => resolve())
      .on('error', reject);
  });
}

export class ZipProblem extends Error {}
/** One entry of a readable zip cannot be unpacked: its bytes were changed or damaged. */
export class ZipEntryDamaged extends ZipProblem {
  constructor(readonly entry: string, file: string) {
    super(`${path.basename(file)} 中的文件 ${entry} 已损坏或被改动，无法解压`);
  }
}

/**
 * Unpack a .zip into `dir`; a file that is not a zip, or a name that leaves the folder, is refused.
 * Entries are not refused for their CRC: every zip we read carries a manifest of SHA-256 hashes,
 * and checking those names the file that changed, where a CRC error would only say "broken".
 */
export async function unzipTo(file: string, dir: string): Promise<void> {
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(readFileSync(file), { checkCRC32: false });
  } catch {
    throw new ZipProblem(`${path.basename(file)} 不是完整的 zip 文件`);
  }
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (name.split('/').some((x) => x === '..') || path.isAbsolute(name) || name.includes('\\')) throw new ZipProblem(`zip 中的文件名不合法：${name}`);
    const out = path.join(dir, ...name.split('/'));
    mkdirSync(path.dirname(out), { recursive: true });
    let bytes: Buffer;
    try {
      bytes = await entry.async('nodebuffer');
    } catch {
      throw new ZipEntryDamaged(name, file);
    }
    writeFileSync(out, bytes);
  }
}

// A folder into one .zip (streamed), and a .zip back into a folder, refusing names that would
// land outside it. Used by batch archives, verify of a .zip, and backups.
//
// Reading is bounded (a zip bomb — a small file that unpacks to gigabytes — is refused, not
// unpacked): the zip is read from disk a piece at a time (yauzl reads its directory, then one entry
// at a time), every entry is inflated as a stream by node's zlib and its bytes are counted as they
// come out. An entry's header declares its size; a size over the limit is refused before anything
// is inflated, and the bytes actually inflated may not exceed the declared size (they are counted,
// not believed), so no entry and no zip can unpack to more than its limits.
import path from 'node:path';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { badInputSaid } from '../errors';
import { said } from '../../../core/message';
import type { KnownMessage, MessageParam } from '../../../shared/messages';
import { sayIn } from '../../messages';
import type { Files } from '../files-port';

/** Every file below `dir`, as /-separated paths relative to it, sorted. */
export function walk(files: Files, dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const name of files.list(dir).sort()) {
    const rel = base ? `${base}/${name}` : name;
    const full = path.join(dir, name);
    if (files.isFolder(full)) out.push(...walk(files, full, rel));
    else out.push(rel);
  }
  return out;
}

/**
 * A folder into one .zip, streamed (PDFs and .xlsx are stored: they are compressed already). Every
 * entry is dated `at`: a zip's dates are wall-clock times without a zone, so they are written in
 * the enterprise's own time (`utcOffsetMinutes`), as the archivist's zip tool will show them.
 */
export async function zipFolder(files: Files, dir: string, out: string, at: Date, utcOffsetMinutes: number): Promise<void> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  // JSZip writes a date's UTC fields: shifted by the offset, they are the local time
  const date = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  for (const name of walk(files, dir)) zip.file(name, files.readStream(path.join(dir, name)), { compression: name.endsWith('.pdf') || name.endsWith('.xlsx') ? 'STORE' : 'DEFLATE', date });
  await new Promise<void>((resolve, reject) => {
    zip
      .generateNodeStream({ type: 'nodebuffer', streamFiles: true })
      .pipe(files.writeStream(out))
      .on('finish', () => resolve())
      .on('error', reject);
  });
}

/** How much a zip read for one purpose may unpack to. */
export interface ZipLimits {
  /** what the zip is read for, named in a refusal: a message of the catalog (or a name said alike in both languages) */
  use: MessageParam;
  /** the most one entry may unpack to */
  entryBytes: number;
  /** the most all its entries together may unpack to */
  totalBytes: number;
  /** the most entries (files and folders) it may hold */
  entries: number;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * The limits per use. No single file of a data folder or an archive comes near 512 MB: records
 * are split one file per person, imported and attached files are at most 25–32 MB, and lowdb reads
 * each of its files whole into one string (V8's longest is about 512 MB). The totals are what a
 * large plant's backup (several GB) or 3,000 people's archive could reach, with room to spare.
 */
export const ZIP_LIMITS = {
  restore: { use: said('zip.use.restore'), entryBytes: 512 * MB, totalBytes: 32 * GB, entries: 1_000_000 },
  merge: { use: said('zip.use.merge'), entryBytes: 512 * MB, totalBytes: 32 * GB, entries: 1_000_000 },
  verify: { use: said('zip.use.verify'), entryBytes: 512 * MB, totalBytes: 8 * GB, entries: 500_000 },
  /** a .docx or .xlsx handed to mammoth or ExcelJS, which unpack it in memory */
  office: { use: said('zip.use.office'), entryBytes: 128 * MB, totalBytes: 256 * MB, entries: 10_000 },
} satisfies Record<string, ZipLimits>;

/** A size as people read it: 512 MB, 32 GB. */
export function sizeText(bytes: number): string {
  if (bytes >= GB && bytes % GB === 0) return `${bytes / GB} GB`;
  if (bytes >= MB) return `${Math.round(bytes / MB)} MB`;
  return `${bytes} B`;
}

/** What is wrong with a zip: a key of the message catalog with its values; `message` is its Chinese text (logs). */
export class ZipProblem extends Error {
  constructor(readonly said: KnownMessage) {
    super(sayIn('zh-CN', said));
  }
}
/** One entry of a readable zip cannot be unpacked: its bytes were changed or damaged. */
export class ZipEntryDamaged extends ZipProblem {
  constructor(
    readonly entry: string,
    file: string,
    why?: KnownMessage,
  ) {
    super(why ? { key: 'zip.entryDamagedWhy', params: { file, entry, why } } : { key: 'zip.entryDamaged', params: { file, entry } });
  }
}
/** The zip would unpack to more than its limits allow: refused before it is unpacked. */
export class ZipTooLarge extends ZipProblem {}
/** A name in the zip that would land outside the folder it is unpacked into. */
export class ZipBadName extends ZipProblem {
  constructor(
    readonly entry: string,
    file: string,
  ) {
    super({ key: 'zip.badName', params: { file, entry } });
  }
}

/**
 * Counts the bytes that come out of an entry: more than its header declared, or fewer, and the
 * entry was changed or damaged (or is a bomb that lies about its size). Nothing is passed on past
 * the declared size.
 */
class ByteCount extends Transform {
  private seen = 0;
  constructor(
    private readonly declared: number,
    private readonly entry: string,
    private readonly file: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.declared) return done(new ZipEntryDamaged(this.entry, this.file, { key: 'zip.why.moreThanDeclared', params: { declared: this.declared } }));
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    if (this.seen !== this.declared) return done(new ZipEntryDamaged(this.entry, this.file, { key: 'zip.why.notAsDeclared', params: { seen: this.seen, declared: this.declared } }));
    done();
  }
}

const tooLarge = (file: string, limits: ZipLimits, what: KnownMessage, limit: number) => new ZipTooLarge({ key: 'zip.tooLarge', params: { file, what, use: limits.use, limit: sizeText(limit) } });

/**
 * Each file entry of a zip (a path, read from disk a piece at a time, or bytes in memory), in the
 * zip's order, streamed into the sink `into` gives for it; folders are skipped. Refuses (before
 * writing a byte of it) an entry over the limits, a name that leaves the folder or comes twice, an
 * encrypted entry or an unknown compression; an entry whose bytes do not inflate, or not to the
 * size it declares, is `ZipEntryDamaged`. `label` names the zip in messages.
 */
export async function eachZipEntry(source: string | Buffer, label: string, limits: ZipLimits, into: (name: string, size: number) => Writable | Promise<Writable>): Promise<void> {
  // validateEntrySizes is ours (ByteCount); backslashes (older Windows tools) become '/'
  const options = { lazyEntries: true, decodeStrings: true, validateEntrySizes: false, strictFileNames: false };
  let zip: yauzl.ZipFile;
  try {
    zip = typeof source === 'string' ? await yauzl.openPromise(source, options) : await yauzl.fromBufferPromise(source, options);
  } catch {
    throw new ZipProblem({ key: 'zip.notWhole', params: { file: label } });
  }
  try {
    if (zip.entryCount > limits.entries) throw new ZipTooLarge({ key: 'zip.tooManyEntries', params: { file: label, entries: zip.entryCount, use: limits.use, limit: limits.entries } });
    const seen = new Set<string>();
    let total = 0;
    const entries = zip.eachEntry();
    for (;;) {
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await entries.next();
      } catch (e) {
        // yauzl checks each name as it reads the directory: absolute, or with '..'
        const m = /^(?:invalid relative path|absolute path|invalid characters in fileName): (.*)$/s.exec((e as Error).message);
        if (m) throw new ZipBadName(m[1]!, label);
        throw new ZipProblem({ key: 'zip.directoryUnreadable', params: { file: label } });
      }
      if (next.done) break;
      const entry = next.value;
      const name = entry.fileName;
      if (name.endsWith('/')) continue;
      if (name.split('/').some((x) => x === '..' || x === '.') || name.includes('\0')) throw new ZipBadName(name, label);
      if (seen.has(name)) throw new ZipProblem({ key: 'zip.twoSameName', params: { file: label, name } });
      seen.add(name);
      // the header's size: believed when it says too much, never when it says little (ByteCount)
      const declared = entry.uncompressedSize;
      if (declared > limits.entryBytes) throw tooLarge(label, limits, { key: 'zip.what.entryUnpacksTo', params: { name, size: sizeText(declared) } }, limits.entryBytes);
      if (total + declared > limits.totalBytes) throw tooLarge(label, limits, { key: 'zip.what.totalOver', params: { name, size: sizeText(limits.totalBytes) } }, limits.totalBytes);
      total += declared;
      if (entry.isEncrypted()) throw new ZipProblem({ key: 'zip.encrypted', params: { file: label, name } });
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new ZipProblem({ key: 'zip.compression', params: { file: label, name, method: entry.compressionMethod } });
      let raw: NodeJS.ReadableStream;
      try {
        raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
      } catch {
        throw new ZipEntryDamaged(name, label);
      }
      const sink = await into(name, declared);
      const count = new ByteCount(declared, name, label);
      try {
        await (entry.compressionMethod === 8 ? pipeline(raw, zlib.createInflateRaw(), count, sink) : pipeline(raw, count, sink));
      } catch (e) {
        if (e instanceof ZipProblem) throw e;
        // zlib's own errors (Z_DATA_ERROR …) and a local header that does not read: the bytes were changed
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code.startsWith('Z_') || /local file header|end of file|unexpected EOF/i.test((e as Error).message)) throw new ZipEntryDamaged(name, label);
        throw e;
      }
    }
  } finally {
    zip.close();
  }
}

/**
 * Unpack a .zip into `dir`, within `limits` (see eachZipEntry); a file that is not a zip, or a
 * name that leaves the folder, is refused. Entries are not refused for their CRC: every zip we
 * read carries a manifest of SHA-256 hashes, and checking those names the file that changed, where
 * a CRC error would only say "broken".
 */
export async function unzipTo(files: Files, file: string, dir: string, limits: ZipLimits): Promise<void> {
  const label = path.basename(file);
  await eachZipEntry(file, label, limits, (name) => {
    const out = path.join(dir, ...name.split('/'));
    try {
      files.mkdir(path.dirname(out));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOTDIR' || (e as NodeJS.ErrnoException).code === 'EEXIST') throw new ZipProblem({ key: 'zip.nameClash', params: { file: label, name } });
      throw e;
    }
    return files.writeStream(out, { exclusive: true });
  }).catch((e: NodeJS.ErrnoException) => {
    // a file entry where an earlier one made a folder (or the other way round)
    if (e.code === 'EEXIST' || e.code === 'EISDIR') throw new ZipProblem({ key: 'zip.fileClash', params: { file: label, name: e.path ? path.relative(dir, e.path) : '' } });
    // a name this system cannot hold (too long; on Windows, characters such as ':')
    if (e.code === 'ENAMETOOLONG' || e.code === 'EINVAL') throw new ZipProblem({ key: 'zip.nameUnusable', params: { file: label, name: e.path ? path.relative(dir, e.path) : '' } });
    throw e;
  });
}

/** Every file of a zip held in memory, by name, within `limits` (see eachZipEntry). */
export async function unzipInMemory(bytes: Buffer, label: string, limits: ZipLimits): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  await eachZipEntry(bytes, label, limits, (name) => {
    const chunks: Buffer[] = [];
    return new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        out.set(name, Buffer.concat(chunks));
        done();
      },
    });
  });
  return out;
}

/**
 * A .docx or .xlsx is a zip that mammoth and ExcelJS unpack whole in memory: before they get it,
 * every entry is inflated here into nothing and counted, so a bomb is refused (`ZipTooLarge`). A
 * file that is no zip, or a damaged one, is left to the reader, which names it in its own words.
 */
export async function checkOfficeZip(bytes: Uint8Array, label: string): Promise<void> {
  const sink = () => new Writable({ write: (_c, _e, done) => done() });
  try {
    await eachZipEntry(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label, ZIP_LIMITS.office, sink);
  } catch (e) {
    if (e instanceof ZipTooLarge) throw badInputSaid(e.said, 'file');
    // not a zip, or damaged: the reader says so in its own words
    if (!(e instanceof ZipProblem)) throw e;
  }
}

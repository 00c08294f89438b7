// A .zip written by hand, one entry at a time, streaming (nothing the size of an entry is held in
// memory): to make zip bombs — entries of zeros that deflate ~1000:1 — and zips whose headers lie
// about their sizes, which no well-behaved zip library would write.
import { once } from 'node:events';
import { closeSync, openSync, writeSync } from 'node:fs';
import zlib from 'node:zlib';

export interface BombEntry {
  name: string;
  /** bytes of content (of zeros, unless `data` or `chunks` give it) */
  bytes: number;
  /** the content, in one piece (`bytes` is then ignored); a function is called when the entry is written */
  data?: Buffer | (() => Buffer);
  /** the content as it is made, a piece at a time (`bytes` is then ignored) */
  chunks?: () => Iterable<Buffer>;
  /** stored, not deflated */
  store?: boolean;
  /** the uncompressed size the headers declare (default: the true one) */
  declare?: number;
}

const ZEROS = Buffer.alloc(1024 * 1024);

/** `e`'s content into `fd` at `pos`, deflated or stored; its CRC-32 and sizes. */
async function writeData(fd: number, pos: number, e: BombEntry): Promise<{ crc: number; compressed: number; size: number }> {
  let compressed = 0;
  const put = (c: Buffer) => {
    writeSync(fd, c, 0, c.length, pos + compressed);
    compressed += c.length;
  };
  const deflate = e.store ? null : zlib.createDeflateRaw({ level: 9 });
  deflate?.on('data', put);
  const ended = deflate ? once(deflate, 'end') : null;
  let crc = 0;
  let size = 0;
  const data = typeof e.data === 'function' ? e.data() : e.data;
  const pieces: Iterable<Buffer> = data ? [data] : e.chunks ? e.chunks() : zeros(e.bytes);
  for (const chunk of pieces) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!deflate) put(chunk);
    else if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate?.end();
  await ended;
  return { crc, compressed, size };
}

function* zeros(bytes: number): Iterable<Buffer> {
  for (let left = bytes; left > 0; left -= ZEROS.length) yield left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
}

/** Write a zip of `entries` (sizes < 4 GiB) to `file`. */
export async function writeZip(file: string, entries: BombEntry[]): Promise<void> {
  const fd = openSync(file, 'w');
  try {
    let pos = 0;
    const central: Buffer[] = [];
    for (const e of entries) {
      const name = Buffer.from(e.name, 'utf8');
      const offset = pos;
      // the local header is written after the data, once its CRC and sizes are known
      const dataAt = offset + 30 + name.length;
      const { crc, compressed, size } = await writeData(fd, dataAt, e);
      const declared = e.declare ?? size;
      const method = e.store ? 0 : 8;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4); // version needed
      local.writeUInt16LE(0x0800, 6); // UTF-8 names
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(0x21, 10); // DOS time/date: 1980-01-01
      local.writeUInt32LE(crc >>> 0, 14);
      local.writeUInt32LE(compressed, 18);
      local.writeUInt32LE(declared, 22);
      local.writeUInt16LE(name.length, 26);
      local.writeUInt16LE(0, 28);
      writeSync(fd, Buffer.concat([local, name]), 0, 30 + name.length, offset);
      pos = dataAt + compressed;
      const cd = Buffer.alloc(46);
      cd.writeUInt32LE(0x02014b50, 0);
      cd.writeUInt16LE(20, 4);
      cd.writeUInt16LE(20, 6);
      cd.writeUInt16LE(0x0800, 8);
      cd.writeUInt16LE(method, 10);
      cd.writeUInt32LE(0x21, 12);
      cd.writeUInt32LE(crc >>> 0, 16);
      cd.writeUInt32LE(compressed, 20);
      cd.writeUInt32LE(declared, 24);
      cd.writeUInt16LE(name.length, 28);
      cd.writeUInt32LE(offset, 42);
      central.push(cd, name);
    }
    const dir = Buffer.concat(central);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(dir.length, 12);
    end.writeUInt32LE(pos, 16);
    writeSync(fd, Buffer.concat([dir, end]), 0, dir.length + 22, pos);
  } finally {
    closeSync(fd);
  }
}

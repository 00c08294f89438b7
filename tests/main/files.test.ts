// The files port on Node's fs (electron/main/files.ts), on a real temp folder: what services/files-port.ts promises of each call.
import { readdirSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFiles as files } from '../../electron/main/files';
import { removeDir, tempDir } from '../helpers/temp-app';

const dir = tempDir('anxue-files-');
afterAll(() => removeDir(dir));

describe('the files port (Node)', () => {
  it('reads, writes, lists, moves and removes as the port says', async () => {
    const sub = path.join(dir, 'a', 'b');
    files.mkdir(sub);
    files.mkdir(sub); // there already: nothing
    expect.soft(files.isFolder(sub)).toBe(true);
    const f = path.join(sub, 'x.txt');
    files.write(f, '安学');
    expect.soft(files.readText(f)).toBe('安学');
    expect.soft(files.read(f)).toEqual(Buffer.from('安学'));
    expect.soft(files.isFolder(f)).toBe(false);
    expect.soft(() => files.isFolder(path.join(dir, 'none'))).toThrow(/ENOENT/);
    // atomic: the new bytes in place, no temp file left beside them
    await files.writeAtomic(f, new Uint8Array([1, 2, 3]));
    expect.soft(files.read(f)).toEqual(Buffer.from([1, 2, 3]));
    expect.soft(files.list(sub)).toEqual(['x.txt']);
    // a write that fails leaves the old file as it was, and no temp file
    await expect.soft(files.writeAtomic(path.join(sub, 'no-such-folder', 'y'), 'y')).rejects.toThrow(/ENOENT/);
    expect.soft(readdirSync(sub)).toEqual(['x.txt']);
    files.rename(f, path.join(dir, 'a', 'y.txt'));
    expect.soft(files.exists(f)).toBe(false);
    expect.soft(files.list(path.join(dir, 'a')).sort()).toEqual(['b', 'y.txt']);
    // streams: written, read back; an exclusive write refuses a file that is there
    const s = files.writeStream(path.join(dir, 'z.txt'));
    s.end('streamed');
    await once(s, 'finish');
    const chunks: Buffer[] = [];
    for await (const c of files.readStream(path.join(dir, 'z.txt'))) chunks.push(c as Buffer);
    expect.soft(Buffer.concat(chunks).toString()).toBe('streamed');
    const ex = files.writeStream(path.join(dir, 'z.txt'), { exclusive: true });
    const [err] = (await once(ex, 'error')) as [NodeJS.ErrnoException];
    expect.soft(err.code).toBe('EEXIST');
    // remove: a folder with all below it; nothing there is no error
    files.remove(path.join(dir, 'a'));
    files.remove(path.join(dir, 'a'));
    expect.soft(files.exists(path.join(dir, 'a'))).toBe(false);
    const t = files.tempDir('anxue-files-tmp-');
    expect.soft(files.list(t)).toEqual([]);
    files.remove(t);
    expect.soft(files.exists(t)).toBe(false);
  });
});

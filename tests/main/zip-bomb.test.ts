// Zip bombs: a 1 MB zip that unpacks to 1 GB is refused by `restore`, `merge` and
// `verify` — each the real CLI in its own process, its peak memory measured — naming the zip and
// the entry, without unpacking the bomb: an entry whose header declares too much is refused before
// a byte is inflated, and one whose header lies (declares little, inflates to 1 GB) is stopped by
// counting the bytes that actually come out. A large backup (320 MB) restores within the same
// memory bound: the zip is read a piece at a time. Then the limits themselves (per entry, in all, the
// number of entries, names, duplicates), a content pack, a .docx and an .xlsx that are bombs.
import { createCipheriv, createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { said } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';
import { unzipTo, walk, ZIP_LIMITS, ZipBadName, ZipEntryDamaged, ZipProblem, ZipTooLarge, type ZipLimits } from '../../electron/main/services/files/zip-folder';
import { cli, cliPeak } from '../helpers/cli';
import { writeZip } from '../helpers/zip-writer';
import { makeApp, removeDir, seeded, tempDir, type TempApp } from '../helpers/temp-app';
import { nodeFiles } from '../../electron/main/files';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** the bound the issue sets; an idle CLI process here peaks at ~120 MB */
const PEAK_LIMIT = 300 * MiB;
const ENTRY = 'people/E001.json';

let work: string;
let data: string;
/** declares its 1 GiB honestly */
let bomb: string;
/** declares 4 KB, inflates to 1 GiB */
let liar: string;
/** temporary folders made by the tests, removed at the end */
const scratch: string[] = [];
const scratchDir = (prefix: string) => {
  const d = tempDir(prefix);
  scratch.push(d);
  return d;
};

beforeAll(async () => {
  work = tempDir('anxue-bomb-');
  bomb = path.join(work, 'bomb.zip');
  liar = path.join(work, 'liar.zip');
  await writeZip(bomb, [
    { name: 'backup.json', bytes: 0, data: Buffer.from('{}') },
    { name: ENTRY, bytes: GiB },
  ]);
  await writeZip(liar, [{ name: ENTRY, bytes: GiB, declare: 4096 }]);
  data = path.join(work, 'data');
  writeFileSync(path.join(work, 'pw.txt'), 'a-long-admin-password\n');
  const init = cli(['init', '--data', data, '--enterprise', '测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
  expect(init.status, init.stderr).toBe(0);
});
afterAll(() => {
  removeDir(work);
  scratch.forEach(removeDir);
});

describe('a 1 GB zip bomb', () => {
  it('is about 1 MB on disk', () => {
    expect(statSync(bomb).size).toBeLessThan(2 * MiB);
    expect(statSync(liar).size).toBeLessThan(2 * MiB);
  });

  for (const [which, file] of [
    ['declaring its size', () => bomb],
    ['lying about its size', () => liar],
  ] as const) {
    describe(which, () => {
      const refusedBy = (r: ReturnType<typeof cliPeak>, cmd: string) => {
        console.log(`[zip-bomb] ${cmd} of the bomb ${which}: exit ${r.status}, peak RSS ${Math.round(r.peakRss / MiB)} MB`);
        expect(r.peakRss, 'peak memory measured').toBeGreaterThan(0);
        expect(r.peakRss, `peak RSS ${Math.round(r.peakRss / MiB)} MB`).toBeLessThan(PEAK_LIMIT);
        const said = r.stdout + r.stderr;
        expect(said).toContain(path.basename(file()));
        expect(said).toContain(ENTRY);
        // said in the command line's language, Chinese here (the English is checked through the catalog below)
        expect(said).toMatch(which === 'declaring its size' ? /太大（超过.*的上限 512 MB）/ : /多于其头部声明的 4096 字节/);
      };

      it('restore refuses it (exit 2) and unpacks none of it', () => {
        const r = cliPeak(['restore', file(), '--data', path.join(work, `restored-${which.split(' ')[0]}`)]);
        expect(r.status, r.stdout + r.stderr).toBe(2);
        refusedBy(r, 'restore');
        if (which === 'declaring its size') expect(r.stderr).toContain('恢复备份');
      });

      it('merge refuses it (exit 2) and changes nothing', () => {
        const before = readdirSync(data, { recursive: true }).length;
        const r = cliPeak(['merge', file(), '--data', data]);
        expect(r.status, r.stdout + r.stderr).toBe(2);
        refusedBy(r, 'merge');
        if (which === 'declaring its size') expect(r.stderr).toContain('合并工作站导出');
        expect(readdirSync(data, { recursive: true }).length).toBe(before);
      });

      it('verify refuses it: not an archive (exit 2) when it declares too much, altered (exit 1) when its sizes lie', () => {
        const r = cliPeak(['verify', file()]);
        expect(r.status, r.stdout).toBe(which === 'declaring its size' ? 2 : 1);
        refusedBy(r, 'verify');
        if (which === 'declaring its size') expect(r.stdout).toContain('校验档案');
      });
    });
  }
});

describe('a large backup', () => {
  it('restores whole with bounded memory: the zip is read a piece at a time, never whole', async () => {
    // a real backup of the data, and two imported editions of 160 MB each (incompressible, stored)
    const small = path.join(work, 'small.zip');
    expect(cli(['backup', '--out', small, '--data', data]).status).toBe(0);
    const src = scratchDir('anxue-bigsrc-');
    await unzipTo(nodeFiles, small, src, ZIP_LIMITS.restore);
    const manifest = JSON.parse(readFileSync(path.join(src, 'backup.json'), 'utf8')) as { files: Record<string, string> };
    const entries: Parameters<typeof writeZip>[1] = walk(nodeFiles, src)
      .filter((n) => n !== 'backup.json')
      .map((name) => ({ name, bytes: 0, data: readFileSync(path.join(src, ...name.split('/'))) }));
    const BIG = 160 * MiB;
    for (const seed of ['one', 'two']) {
      const name = `corpus/${createHash('sha256').update(seed).digest('hex')}.pdf`;
      entries.push({
        name,
        bytes: BIG,
        store: true,
        *chunks() {
          // a keystream: random-looking bytes, made as they are written
          const cipher = createCipheriv('aes-256-ctr', createHash('sha256').update(seed).digest(), Buffer.alloc(16));
          const h = createHash('sha256');
          for (let i = 0; i < BIG / MiB; i++) {
            const c = cipher.update(Buffer.alloc(MiB));
            h.update(c);
            yield c;
          }
          manifest.files[name] = h.digest('hex');
        },
      });
    }
    entries.push({ name: 'backup.json', bytes: 0, data: () => Buffer.from(JSON.stringify(manifest)) });
    const big = path.join(work, 'big-backup.zip');
    await writeZip(big, entries);
    removeDir(src);
    expect(statSync(big).size).toBeGreaterThan(2 * BIG);
    const target = path.join(work, 'restored-big');
    const r = cliPeak(['restore', big, '--data', target]);
    console.log(`[zip-bomb] restore of a ${Math.round(statSync(big).size / MiB)} MB backup: exit ${r.status}, peak RSS ${Math.round(r.peakRss / MiB)} MB`);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.peakRss).toBeGreaterThan(0);
    expect(r.peakRss, `peak RSS ${Math.round(r.peakRss / MiB)} MB`).toBeLessThan(PEAK_LIMIT);
    for (const name of Object.keys(manifest.files).filter((n) => n.startsWith('corpus/'))) expect(statSync(path.join(target, name)).size).toBe(BIG);
    removeDir(target);
  });
});

describe('the limits', () => {
  const limits = (o: Partial<ZipLimits>): ZipLimits => ({ use: '测试', entryBytes: 1000, totalBytes: 2500, entries: 10, ...o });
  const zipOf = async (entries: Parameters<typeof writeZip>[1]) => {
    const f = path.join(scratchDir('anxue-zip-'), 'z.zip');
    await writeZip(f, entries);
    return f;
  };
  const unpack = async (f: string, l: ZipLimits) => {
    const dir = tempDir('anxue-unzip-');
    try {
      await unzipTo(nodeFiles, f, dir, l);
      return readdirSync(dir, { recursive: true }).sort();
    } finally {
      removeDir(dir);
    }
  };

  it('within them a zip unpacks whole; an entry over the per-entry limit is refused by name', async () => {
    const f = await zipOf([
      { name: 'a/one.txt', bytes: 1000 },
      { name: 'two.txt', bytes: 999 },
    ]);
    expect(await unpack(f, limits({}))).toEqual(['a', 'a/one.txt', 'two.txt']);
    await expect(unpack(f, limits({ entryBytes: 999 }))).rejects.toThrow(ZipTooLarge);
    await expect(unpack(f, limits({ entryBytes: 999 }))).rejects.toThrow(/z\.zip：其中的文件 a\/one\.txt 解压后为 1000 B，太大（超过测试的上限 999 B）/);
    const e = await unpack(f, limits({ entryBytes: 999, use: said('zip.use.restore') })).catch((x: unknown) => x as ZipProblem);
    expect(sayIn('en-US', (e as ZipProblem).said)).toBe('z.zip: the file a/one.txt in it unpacks to 1000 B, too large (over the limit of 999 B for restoring a backup): refused');
  });

  it('entries that each pass, but together exceed the total, are refused at the entry that crosses it', async () => {
    const f = await zipOf([1, 2, 3].map((i) => ({ name: `f${i}.txt`, bytes: 1000 })));
    await expect(unpack(f, limits({}))).rejects.toThrow(/解压到文件 f3\.txt 时共超过 2500 B/);
  });

  it('more entries than allowed is refused before any is unpacked', async () => {
    const f = await zipOf(Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, bytes: 1 })));
    await expect(unpack(f, limits({}))).rejects.toThrow(/有 11 个条目，太多（超过测试的上限 10 个）/);
  });

  it('an entry that inflates to more, or less, than its header declares is damaged, named', async () => {
    const more = await zipOf([{ name: 'more.txt', bytes: 900, declare: 100 }]);
    await expect(unpack(more, limits({}))).rejects.toThrow(ZipEntryDamaged);
    await expect(unpack(more, limits({}))).rejects.toThrow(/more\.txt.*多于其头部声明的 100 字节/);
    const e = await unpack(more, limits({})).catch((x: unknown) => x as ZipProblem);
    expect(sayIn('en-US', (e as ZipProblem).said)).toBe('the file more.txt in z.zip is damaged or was changed and cannot be unpacked (it unpacks to more than the 100 bytes its header declares)');
    const less = await zipOf([{ name: 'less.txt', bytes: 100, declare: 900 }]);
    await expect(unpack(less, limits({}))).rejects.toThrow(/less\.txt.*解压出 100 字节，头部声明 900 字节/);
  });

  it('a name that leaves the folder, or one that comes twice, is refused', async () => {
    for (const name of ['../evil.txt', 'a/../../evil.txt', '/etc/evil', 'C:/evil.txt', 'a\\..\\..\\evil.txt']) {
      await expect(unpack(await zipOf([{ name, bytes: 1 }]), limits({})), name).rejects.toThrow(ZipBadName);
    }
    await expect(
      unpack(
        await zipOf([
          { name: 'x.txt', bytes: 1 },
          { name: 'x.txt', bytes: 2 },
        ]),
        limits({}),
      ),
    ).rejects.toThrow(/两个同名的文件 x\.txt/);
    // a name longer than a file system allows (255 bytes here): refused as the zip's, not a crash
    await expect(unpack(await zipOf([{ name: `${'长'.repeat(100)}.txt`, bytes: 1 }]), limits({}))).rejects.toThrow(/z\.zip 中的文件名在本机无法使用/);
  });

  it('a file that is not a zip is a ZipProblem, named', async () => {
    const f = path.join(scratchDir('anxue-zip-'), 'fake.zip');
    writeFileSync(f, 'PK not a zip at all');
    await expect(unpack(f, limits({}))).rejects.toThrow(ZipProblem);
    await expect(unpack(f, limits({}))).rejects.toThrow(/fake\.zip 不是完整的 zip 文件/);
  });
});

describe('zips read in the app', () => {
  let app: TempApp;
  let s: Awaited<ReturnType<typeof seeded>>;
  beforeAll(async () => {
    app = makeApp();
    s = await seeded(app);
  });
  afterAll(() => {
    app.close();
    removeDir(app.dir);
  });
  const bombBase64 = async (entries: Parameters<typeof writeZip>[1]) => {
    const f = path.join(scratchDir('anxue-zip-'), 'x.zip');
    await writeZip(f, entries);
    return readFileSync(f).toString('base64');
  };

  it('a content pack whose file inflates past 25 MB (its header lying) is refused, naming it; nothing imported', async () => {
    const before = (await app.call('corpus.list', {}, s.admin)).length;
    const base64 = await bombBase64([{ name: 'files/big.pdf', bytes: 200 * MiB, declare: 1000 }]);
    expect(await app.raw('corpus.packImport', { fileName: 'pack.zip', base64 }, s.admin)).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringContaining('不是有效的内容包') },
    });
    const honest = await bombBase64([{ name: 'files/big.pdf', bytes: 200 * MiB }]);
    expect(await app.raw('corpus.packImport', { fileName: 'pack.zip', base64: honest }, s.admin)).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringMatching(/pack\.zip：其中的文件 files\/big\.pdf 解压后为 200 MB，太大（超过导入内容包的上限 25 MB）/) },
    });
    expect((await app.call('corpus.list', {}, s.admin)).length).toBe(before);
  });

  it('a roster .xlsx and a .docx that unpack to 300 MB are refused before ExcelJS or mammoth unpack them', async () => {
    const xlsx = await bombBase64([
      { name: '[Content_Types].xml', bytes: 0, data: Buffer.from('<Types/>') },
      { name: 'xl/worksheets/sheet1.xml', bytes: 300 * MiB },
    ]);
    expect(await app.raw('roster.preview', { fileName: 'roster.xlsx', base64: xlsx }, s.admin)).toMatchObject({
      ok: false,
      error: { code: 'bad_input', message: expect.stringMatching(/roster\.xlsx：其中的文件 xl\/worksheets\/sheet1\.xml 解压后为 300 MB，太大（超过读取 Office 文件的上限 128 MB）/) },
    });
    const docx = await bombBase64([{ name: 'word/document.xml', bytes: 300 * MiB }]);
    const r = await app.raw('corpus.importPreview', { fileName: '规程.docx', base64: docx }, s.admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringContaining('word/document.xml 解压后为 300 MB，太大') } });
  });
});

// `npm run bench -- pdf [FILE… | --long] [--engine pdfium|pdfjs|both] [--runs N]`: our PDF text
// extraction vs poppler's pdftotext, file by file: pages, pages/s of each, their ratio, the share
// of pdftotext's characters we read, and the reader process's peak resident memory. pages/s: the
// best of N runs (default 3); ratio: the median, over the runs, of pdftotext's time over ours in
// runs side by side (the machine is shared and its load changes by the second). Ours is timed
// as the app reads a PDF: readPdf, in the reader process with its caps — after the first reading,
// one kept from the reading before, as when an officer imports files one after another
// (pdf-reader.ts); what a reader started cold costs the first PDF is printed apart. Without FILE:
// real PDFs no one here wrote, from Debian's documentation packages (several languages, Chinese
// among them; .pdf.gz unpacked to a temporary folder) and the Chinese manuals joined into one of
// 264 pages.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { searchForm } from '../../electron/core/normalize';
import { READER_CAPS, readPdf, setReaderCaps, type PdfEngine } from '../../electron/main/services/corpus/pdf-reader';
import { realChinesePdf } from './pdf-memory';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The bench set: [file, the Debian package that ships it]. */
export const DEBIAN_PDFS: [string, string][] = [
  ['/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bookworm-manual.pdf', 'debian-edu-doc-zh-cn'],
  ['/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bullseye-manual.pdf', 'debian-edu-doc-zh-cn'],
  ['/usr/share/doc/debian-edu-doc-legacy-zh-cn/debian-edu-itil-manual.pdf', 'debian-edu-doc-legacy-zh-cn'],
  ['/usr/share/doc/debian-edu-doc-legacy-zh-cn/rosegarden-manual.pdf', 'debian-edu-doc-legacy-zh-cn'],
  ['/usr/share/doc/debian-edu-doc-legacy-zh-cn/audacity-manual.pdf', 'debian-edu-doc-legacy-zh-cn'],
  ['/usr/share/doc/debian-edu-doc-en/debian-edu-bookworm-manual.pdf', 'debian-edu-doc-en'],
  ['/usr/share/doc/debian-edu-doc-en/debian-edu-bullseye-manual.pdf', 'debian-edu-doc-en'],
  ['/usr/share/doc/debian-edu-doc-legacy-en/debian-edu-itil-manual.pdf', 'debian-edu-doc-legacy-en'],
  ['/usr/share/doc/debian-edu-doc-legacy-en/rosegarden-manual.pdf', 'debian-edu-doc-legacy-en'],
  ['/usr/share/doc/debian-edu-doc-legacy-en/audacity-manual.pdf', 'debian-edu-doc-legacy-en'],
  ['/usr/share/doc/nettle-dev/nettle.pdf.gz', 'nettle-dev'],
  ['/usr/share/doc/fontconfig/fontconfig-user.pdf.gz', 'fontconfig'],
  ['/usr/share/doc/valgrind/valgrind_manual.pdf.gz', 'valgrind'],
  ['/usr/share/doc/zlib1g-dev/crc-doc.1.0.pdf.gz', 'zlib1g-dev'],
  ['/usr/share/doc/bzip2/manual.pdf.gz', 'bzip2-doc'],
  ['/usr/share/doc/libtasn1-doc/libtasn1.pdf', 'libtasn1-doc'],
  ['/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf', 'shared-mime-info'],
];

/** Character multiset overlap of two texts after normalization and without white space. */
export function charMatch(a: string, b: string): number {
  const norm = (s: string) => [...searchForm(s).replace(/\s/g, '')];
  const ca = new Map<string, number>();
  for (const c of norm(a)) ca.set(c, (ca.get(c) ?? 0) + 1);
  let common = 0;
  let nb = 0;
  for (const c of norm(b)) {
    nb += 1;
    const n = ca.get(c) ?? 0;
    if (n > 0) {
      common += 1;
      ca.set(c, n - 1);
    }
  }
  const na = [...ca.values()].reduce((x, y) => x + y, 0) + common;
  return Math.max(na, nb) === 0 ? 1 : common / Math.max(na, nb);
}

/** The Debian set as files here (the .gz ones unpacked into `tmp`); missing ones are named with their package. */
function debianSet(tmp: string): string[] {
  const files: string[] = [];
  const missing: string[] = [];
  for (const [f, pkg] of DEBIAN_PDFS) {
    if (!existsSync(f)) {
      missing.push(`${f} (apt package ${pkg})`);
      continue;
    }
    // the same name in two languages: the folder says which
    const name = `${path.basename(path.dirname(f)).replace(/^debian-edu-doc-/, '')}--${path.basename(f, '.gz')}`;
    if (!f.endsWith('.gz')) files.push(f);
    else {
      const out = path.join(tmp, name);
      writeFileSync(out, gunzipSync(readFileSync(f)));
      files.push(out);
    }
  }
  const joined = realChinesePdf(tmp);
  if (joined) files.push(joined);
  else missing.push('the 264-page joined Chinese manual (apt packages debian-edu-doc-zh-cn, debian-edu-doc-legacy-zh-cn)');
  console.log(`[bench] the set: ${files.length} PDFs found${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
  return files;
}

const label = (f: string) => (f.startsWith('/usr/share/doc/') ? f.slice('/usr/share/doc/'.length) : path.basename(f));

interface EngineFigures {
  pages_per_s: number;
  ratio: number;
  char_match: number;
  peak_mb: number;
}

export async function benchPdf(args: string[], makeLong: (tmp: string) => Promise<string>) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'anxue-bench-pdf-'));
  const opt = (name: string) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const which = opt('--engine') ?? 'both';
  // two at least: the very first reading (a reader started cold) is not counted
  const runs = Math.max(2, Number(opt('--runs') ?? 3));
  const engines: PdfEngine[] = which === 'both' ? ['pdfium', 'pdfjs'] : [which as PdfEngine];
  let files = args;
  if (files[0] === '--long') files = [await makeLong(tmp)];
  if (files.length === 0) files = debianSet(tmp);
  const coldExtra: Partial<Record<PdfEngine, number>> = {};
  type Row = { file: string; pages: number; pdftotext_pages_per_s: number } & Partial<Record<PdfEngine, EngineFigures>>;
  const rows: Row[] = files.map((f) => ({ file: label(f), pages: 0, pdftotext_pages_per_s: 0 }));
  const refMs = files.map(() => Infinity);
  const refText = files.map(() => '');
  const ours: Partial<Record<PdfEngine, { ms: number; peak: number; text: string; pairs: number[] }[]>> = {};
  try {
    // one engine after the other, as the app reads files one after another; pdftotext runs
    // between our runs, so that both see the same load
    for (const engine of engines) {
      setReaderCaps({ ...READER_CAPS, engine });
      const got = (ours[engine] = files.map(() => ({ ms: Infinity, peak: 0, text: '', pairs: [] as number[] })));
      let cold: number | undefined;
      for (const [i, f] of files.entries()) {
        const bytes = new Uint8Array(readFileSync(f));
        for (let r = 0; r < runs; r++) {
          let t0 = performance.now();
          refText[i] = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
          const refTook = performance.now() - t0;
          refMs[i] = Math.min(refMs[i]!, refTook);
          t0 = performance.now();
          const read = await readPdf(path.basename(f), bytes);
          const took = performance.now() - t0;
          // the very first reading starts its reader: what that costs it, once, apart
          if (cold === undefined) cold = took;
          else {
            if (i === 0 && r === 1) coldExtra[engine] = cold - took;
            got[i]!.ms = Math.min(got[i]!.ms, took);
            got[i]!.pairs.push(refTook / took);
          }
          got[i]!.peak = Math.max(got[i]!.peak, read.readerPeakMb ?? 0);
          got[i]!.text = read.blocks.map((b) => b.text).join('\n');
          rows[i]!.pages = read.pages;
        }
        console.log(
          `[bench] ${engine} ${rows[i]!.file}: ${rows[i]!.pages} pages, ${round(rows[i]!.pages / (got[i]!.ms / 1000), 1)} p/s (pdftotext ${round(rows[i]!.pages / (refMs[i]! / 1000), 1)} p/s)`,
        );
      }
    }
  } finally {
    setReaderCaps(READER_CAPS);
    rmSync(tmp, { recursive: true, force: true });
  }
  // pages/s: the best of each one's runs; the ratio: the median over the runs of pdftotext's time over
  // ours, each pair run one right after the other (the machine's load changes by the second)
  for (const [i, row] of rows.entries()) {
    row.pdftotext_pages_per_s = round(row.pages / (refMs[i]! / 1000), 1);
    for (const engine of engines) {
      const g = ours[engine]![i]!;
      const pps = row.pages / (g.ms / 1000);
      const pairs = [...g.pairs].sort((a, b) => a - b);
      const median = (pairs[(pairs.length - 1) >> 1]! + pairs[pairs.length >> 1]!) / 2;
      row[engine] = { pages_per_s: round(pps, 1), ratio: round(median), char_match: round(charMatch(g.text, refText[i]!), 4), peak_mb: g.peak };
    }
  }
  console.log('');
  const head = ['file', 'pages', 'pdftotext p/s', ...engines.flatMap((e) => [`${e} p/s`, 'ratio', 'match', 'peak MB'])];
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${[r.file, r.pages, r.pdftotext_pages_per_s, ...engines.flatMap((e) => [r[e]!.pages_per_s, r[e]!.ratio, r[e]!.char_match, r[e]!.peak_mb])].join(' | ')} |`);
  for (const e of engines) if (coldExtra[e] !== undefined) console.log(`[bench] ${e}: a reader started cold reads its first PDF ${Math.round(coldExtra[e])} ms slower`);
  const worst = (e: PdfEngine) => ({
    cold_start_extra_ms: Math.round(coldExtra[e] ?? 0),
    min_ratio: Math.min(...rows.map((r) => r[e]!.ratio)),
    min_char_match: Math.min(...rows.map((r) => r[e]!.char_match)),
    max_peak_mb: Math.max(...rows.map((r) => r[e]!.peak_mb)),
  });
  return { bench: 'pdf', files: rows.length, pages: rows.reduce((n, r) => n + r.pages, 0), runs, ...Object.fromEntries(engines.map((e) => [e, worst(e)])), rows };
}

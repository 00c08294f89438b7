// `npm run bench -- pdf-memory [FILE]`: the LAN server's memory while it reads long PDFs. The
// server as a plant runs it (`anxue serve`, its own process); an officer previews one PDF, then
// four at once, then starts four imports at once and waits for them. Measured from /proc: the
// server process's resident memory (sampled) and its peak (VmHWM), and the same for the process
// that reads the PDFs when that is a child of the server. FILE: any PDF; without it, a real
// ~250-page Chinese PDF from Debian's documentation when installed (the Debian Edu manuals in
// Simplified Chinese, joined), else one made here (see longChinesePdf).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { postJson } from '../helpers/raw-http';
import { startServeProcess } from '../helpers/server-process';

// not tests/helpers/temp-app: it needs vitest, and the bench runs without it
const tempDir = (prefix: string) => mkdtempSync(path.join(os.tmpdir(), prefix));
const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** VmRSS and VmHWM of a process, in MB (0 when it is gone). */
export function memOf(pid: number): { rss: number; hwm: number } {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** The processes started by pid (its children and theirs). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1]);
      if (ppid === pid) out.push(Number(d), ...descendants(Number(d)));
    } catch {
      /* gone */
    }
  }
  return out;
}

const DEBIAN_EDU = [
  '/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bookworm-manual.pdf',
  '/usr/share/doc/debian-edu-doc-zh-cn/debian-edu-bullseye-manual.pdf',
  '/usr/share/doc/debian-edu-doc-legacy-zh-cn/debian-edu-itil-manual.pdf',
];

/**
 * A real long Chinese PDF no one here wrote: Debian Edu's manuals in Simplified Chinese (98 + 88 +
 * 78 pages, packages debian-edu-doc-zh-cn and debian-edu-doc-legacy-zh-cn), joined by poppler's
 * pdfunite into one of 264 pages. Null when they are not installed.
 */
export function realChinesePdf(dir: string): string | null {
  if (!DEBIAN_EDU.every((f) => existsSync(f))) return null;
  const out = path.join(dir, 'debian-edu-手册-264页.pdf');
  execFileSync('pdfunite', [...DEBIAN_EDU, out]);
  return out;
}

/**
 * A long Chinese PDF made here (pdfmake, Noto Sans CJK, as the app prints): `pages` A4 pages of
 * the study notes' text. For tests, where the real one may not be installed.
 */
export async function longChinesePdf(file: string, pages = 250): Promise<void> {
  const { renderPdf } = await import('../../electron/main/services/render/pdf');
  const { defaultContentDir } = await import('../../electron/main/services/corpus/corpus');
  const docs = path.join(defaultContentDir(), 'docs');
  const text = readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .map((f) => readFileSync(path.join(docs, f), 'utf8'))
    .join('\n')
    .split(/\n+/)
    .map((l) => l.replace(/[#>*|`-]+/g, '').trim())
    .filter((l) => l.length > 0);
  // about 2,000 characters a page at 10.5 pt: the text over and over until there are enough pages
  const content: { text: string; pageBreak?: 'before' }[] = [];
  for (let p = 0, i = 0; p < pages; p++) {
    let page = '';
    while (page.length < 700) page += `${text[i++ % text.length]}\n`;
    content.push({ text: page, ...(p > 0 ? { pageBreak: 'before' as const } : {}) });
  }
  const pdf = await renderPdf({ info: { title: `长文档 ${pages} 页` }, pageSize: 'A4', content, defaultStyle: { fontSize: 10.5 } } as never);
  writeFileSync(file, pdf);
}

export interface PdfMemoryRun {
  file: string;
  pages: number;
  mb: number;
  baseMb: number;
  one: { peakMb: number; totalPeakMb: number };
  fourPreviews: { peakMb: number; totalPeakMb: number; statuses: number[] };
  fourImports: { peakMb: number; totalPeakMb: number; states: string[]; sawQueued: boolean };
  hwmMb: number;
}

/** Run the measurement on one PDF against a fresh server; `log` gets a line per phase. */
export async function measurePdfMemory(file: string, log: (l: string) => void = () => undefined): Promise<PdfMemoryRun> {
  const data = tempDir('anxue-pdfmem-');
  const work = tempDir('anxue-pdfmem-work-');
  try {
    writeFileSync(path.join(work, 'pw.txt'), 'pdfmem-admin-pass');
    const init = cli(['init', '--data', data, '--enterprise', '内存测试化工（虚构）', '--admin', 'admin', '--password-file', path.join(work, 'pw.txt')]);
    if (init.status !== 0) throw new Error(init.stderr);
    const srv = await startServeProcess(['--data', data, '--port', '0']);
    try {
      const pid = srv.child.pid!;
      const token = (JSON.parse((await postJson(srv.url, 'auth.login', { employeeNo: 'admin', password: 'pdfmem-admin-pass' })).text) as { token: string }).token;
      const bytes = readFileSync(file);
      const upload = { fileName: path.basename(file), base64: bytes.toString('base64') };
      const baseMb = memOf(pid).rss;
      log(`[bench] ${path.basename(file)}: ${round(bytes.length / 1024 / 1024)} MB; server after start and sign-in: RSS ${round(baseMb)} MB`);
      /** run fn while sampling the server's RSS and (server + its children)'s */
      const sampled = async <T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number; totalPeakMb: number }> => {
        let peak = 0;
        let total = 0;
        const sample = () => {
          const own = memOf(pid).rss;
          peak = Math.max(peak, own);
          total = Math.max(total, own + descendants(pid).reduce((n, c) => n + memOf(c).rss, 0));
        };
        const timer = setInterval(sample, 25);
        try {
          const value = await fn();
          sample();
          return { value, peakMb: round(peak), totalPeakMb: round(total) };
        } finally {
          clearInterval(timer);
        }
      };
      const preview = () => postJson(srv.url, 'corpus.importPreview', upload, { token });
      const one = await sampled(preview);
      if (one.value.status !== 200) throw new Error(`preview: ${one.value.status} ${one.value.text.slice(0, 300)}`);
      const pages = (JSON.parse(one.value.text) as { pages: number }).pages;
      log(`[bench] one preview (${pages} pages): server peak ${one.peakMb} MB; with its children ${one.totalPeakMb} MB`);
      const four = await sampled(() => Promise.all([preview(), preview(), preview(), preview()]));
      log(`[bench] four previews at once: ${four.value.map((r) => r.status).join(' ')}; server peak ${four.peakMb} MB; with its children ${four.totalPeakMb} MB`);
      let sawQueued = false;
      const imports = await sampled(async () => {
        const started = await Promise.all(Array.from({ length: 4 }, () => postJson(srv.url, 'corpus.importStart', upload, { token })));
        const views = started.map((r) => JSON.parse(r.text) as { jobId: string; queued: number | null });
        if (views.some((v) => (v.queued ?? 0) > 0)) sawQueued = true;
        const ids = views.map((v) => v.jobId);
        const states: string[] = [];
        for (const id of ids) {
          for (;;) {
            const j = JSON.parse((await postJson(srv.url, 'corpus.importJob', { jobId: id }, { token })).text) as { state: string; queued?: number | null };
            if (typeof j.queued === 'number' && j.queued > 0) sawQueued = true;
            if (j.state !== 'reading') {
              states.push(j.state);
              break;
            }
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        return states;
      });
      log(
        `[bench] four imports at once: ${imports.value.join(' ')}${sawQueued ? ' (waiting shown as a place in the queue)' : ''}; server peak ${imports.peakMb} MB; with its children ${imports.totalPeakMb} MB`,
      );
      const hwmMb = round(memOf(pid).hwm);
      log(`[bench] server peak resident memory over the whole run (VmHWM): ${hwmMb} MB`);
      return {
        file: path.basename(file),
        pages,
        mb: round(bytes.length / 1024 / 1024),
        baseMb: round(baseMb),
        one: { peakMb: one.peakMb, totalPeakMb: one.totalPeakMb },
        fourPreviews: { peakMb: four.peakMb, totalPeakMb: four.totalPeakMb, statuses: four.value.map((r) => r.status) },
        fourImports: { peakMb: imports.peakMb, totalPeakMb: imports.totalPeakMb, states: imports.value, sawQueued },
        hwmMb,
      };
    } finally {
      await srv.stop();
    }
  } finally {
    removeDir(data);
    removeDir(work);
  }
}

export async function benchPdfMemory(args: string[]): Promise<object> {
  const dir = tempDir('anxue-bench-pdfmem-');
  try {
    let file = args[0] ?? realChinesePdf(dir);
    if (!file) {
      console.log('[bench] Debian Edu manuals in Chinese are not installed (apt-get install debian-edu-doc-zh-cn debian-edu-doc-legacy-zh-cn): using a 250-page PDF made here');
      file = path.join(dir, 'long-250.pdf');
      await longChinesePdf(file);
    }
    const r = await measurePdfMemory(file, (l) => console.log(l));
    return { bench: 'pdf-memory', ...r, cores: os.availableParallelism(), under_400_mb: r.hwmMb < 400 };
  } finally {
    removeDir(dir);
  }
}

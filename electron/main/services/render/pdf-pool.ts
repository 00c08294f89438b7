// Training-file PDFs on worker threads, one per core (less one for the rest of the app, at least
// one). Falls back to printing in this thread when workers cannot start (then it is just slower).
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Campaign } from '../../../core/model';
import { personPdfDefinition } from '../archive/layout-person';
import type { PersonRecord } from '../archive/record';
import { readFontsShared, renderParts, renderPdf, type PartedDocument, type PlainDocument } from './pdf';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
import type { PdfJob, PdfReply } from './pdf-worker';

/** The PDF worker script next to this code: built (dist/electron/pdf-worker.cjs) or the source under tsx. */
export function workerScript(name = 'pdf-worker' as const): { code: string; eval: boolean } {
  const here = typeof __filename !== 'undefined' ? __filename : fileURLToPath(import.meta.url);
  if (here.endsWith('.cjs') || here.endsWith('.js')) return { code: path.join(path.dirname(here), `${name}.cjs`), eval: false };
  // running from source (tsx): the worker registers tsx itself, then loads the TypeScript
  const src = path.join(path.dirname(here), `${name}.ts`);
  return { code: `require('tsx/cjs/api').register(); require(${JSON.stringify(src)});`, eval: true };
}

export class PdfPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private waiting: { job: DistributiveOmit<PdfJob, 'id'>; resolve: (b: Buffer) => void; reject: (e: Error) => void }[] = [];
  private pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  private next = 1;
  readonly size: number;

  /**
   * heapMb: a ceiling on each worker's heap, so its garbage is collected before the process grows
   * (a person's PDF needs little, and so does a campaign's when printed in parts). youngMb: the
   * same for its young generation, where V8's default (~48 MB a thread) is mostly room for
   * garbage a PDF leaves quickly: 24 MB costs no measurable time and ~25 MB a worker.
   */
  constructor(size = Math.max(1, Math.min(4, availableParallelism() - 1)), o: { heapMb?: number; youngMb?: number } = {}) {
    this.size = size;
    const script = workerScript();
    try {
      // the font files once for all the pool's workers (they only read them)
      const fonts = readFontsShared();
      for (let i = 0; i < size; i++) {
        const w = new Worker(script.code, {
          eval: script.eval,
          workerData: { fonts },
          resourceLimits: { ...(o.heapMb ? { maxOldGenerationSizeMb: o.heapMb } : {}), ...(o.youngMb ? { maxYoungGenerationSizeMb: o.youngMb } : {}) },
        });
        w.on('message', (r: PdfReply) => this.done(w, r));
        w.on('error', (e) => this.failAll(e));
        this.workers.push(w);
        this.idle.push(w);
      }
    } catch {
      void this.close();
    }
  }

  /** the worker threads running (none when they could not start: then everything is printed in this thread) */
  get threads(): number {
    return this.workers.length;
  }

  render(record: PersonRecord, campaigns: Campaign[]): Promise<Buffer> {
    if (this.workers.length === 0) return renderPdf(personPdfDefinition(record, campaigns));
    return this.queue({ record, campaigns });
  }

  /** Any document without functions (see PlainDocument). */
  renderDoc(doc: PlainDocument): Promise<Buffer> {
    if (this.workers.length === 0) return renderPdf(doc);
    return this.queue({ doc });
  }

  /**
   * A long document in parts (see renderParts): each part sent to a worker on its own, so that a
   * worker never holds more than one part's content and layout.
   */
  renderParts(doc: PartedDocument): Promise<Buffer> {
    if (this.workers.length === 0) return renderParts(doc);
    // as many parts at once as there are workers, each on its own
    return renderParts(doc, (part, numbering) => this.queue({ doc: part, ...(numbering ? { numbering } : {}) }), this.workers.length);
  }

  private queue(job: DistributiveOmit<PdfJob, 'id'>): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump() {
    while (this.idle.length > 0 && this.waiting.length > 0) {
      const w = this.idle.pop()!;
      const { job, resolve, reject } = this.waiting.shift()!;
      const id = this.next++;
      this.pending.set(id, { resolve, reject });
      (w as Worker & { current?: number }).current = id;
      w.postMessage({ id, ...job } as PdfJob);
    }
  }

  private done(w: Worker, r: PdfReply) {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    this.idle.push(w);
    if (p) {
      if ('error' in r) p.reject(new Error(r.error));
      else p.resolve(Buffer.from(r.pdf.buffer, r.pdf.byteOffset, r.pdf.byteLength));
    }
    this.pump();
  }

  private failAll(e: Error) {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    for (const q of this.waiting) q.reject(e);
    this.waiting = [];
  }

  /**
   * Keep `n` workers (the idle ones beyond go): a job that needs fewer from here on keeps a
   * worker it already has rather than starting one (a new thread's memory comes on top of what the
   * ones that ended leave behind).
   */
  async shrink(n: number): Promise<void> {
    const extra = this.idle.splice(0, Math.max(0, this.workers.length - n));
    this.workers = this.workers.filter((w) => !extra.includes(w));
    await Promise.all(extra.map((w) => w.terminate()));
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

// Import of official texts and the enterprise's own documents, and the persisted search index.
// A file is read and checked completely before anything is written; the index is updated on each
// import and saved, so start-up loads it instead of rebuilding it.
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import { normalizeCjk } from '../../../core/normalize';
import type { ImportJobView, ImportPreview, Input, SearchResult } from '../../../shared/api';
import type { Account, CorpusFile, CustomDoc, Edition } from '../../../records/shared-docs';
import { currentEdition, listDocs } from './corpus';
import { badInput, conflict, notFound } from '../errors';
import { finishedUpload, releaseUpload } from '../upload/upload';
import { iso, type Ports } from '../ports';
import type { ExaminedFile, ImportJob } from '../runtime';
import { editionBlocks, editionStructure, saveStructure, structureOfBlocks, unitsOfBlocks } from './corpus-structure';
import { CorpusIndex } from './search-index';
import { extractText, ImportCancelled, markdownBlocks, type ExtractOptions, type Extracted } from './text-extract';

const INDEX_FILE = 'search-index.json';
const POSTINGS_FILE = 'search-index.bin';

/** What a saved index holds besides the texts: raised when that changes (blocks name their unit since 2). */
const INDEX_FORMAT = 2;

/** What the index was built from: the bundled notes and the current editions. A change rebuilds it. */
function indexStamp(ports: Ports, corpus: CorpusFile): string {
  const h = createHash('sha256');
  h.update(`format ${INDEX_FORMAT}\n`);
  h.update(ports.files.read(path.join(ports.content.dir, 'manifest.json')));
  for (const n of ports.content.texts()) h.update(ports.files.read(path.join(ports.content.dir, n.file)));
  for (const e of corpus.editions) if (!e.superseded) h.update(`${e.docId}:${e.sha256}`);
  return h.digest('hex');
}

function indexPath(ports: Ports): string {
  return path.join(ports.store.dir, INDEX_FILE);
}

async function buildIndex(ports: Ports, corpus: CorpusFile): Promise<CorpusIndex> {
  const ix = new CorpusIndex();
  for (const n of ports.content.texts()) {
    const { bytes } = ports.content.readNotes(n.docId, n.key);
    const blocks = n.format === 'md' ? markdownBlocks(normalizeCjk(bytes.toString('utf8'))) : (await extractText(n.file, bytes)).blocks;
    ix.setText(n.docId, n.key, blocks);
  }
  for (const e of corpus.editions) {
    if (e.superseded) continue;
    const blocks = editionBlocks(ports, e.sha256);
    if (blocks) ix.setText(e.docId, 'official', blocks, unitsOfBlocks(await editionStructure(ports, e.sha256, blocks), blocks.length));
  }
  return ix;
}

/** Postings first, then the JSON naming the stamp: a crash between the two leaves a stale stamp, which rebuilds. */
async function saveIndex(ports: Ports, ix: CorpusIndex, stamp: string): Promise<void> {
  const { meta, postings } = ix.toBinary();
  await ports.files.writeAtomic(path.join(ports.store.dir, POSTINGS_FILE), postings);
  await ports.files.writeAtomic(indexPath(ports), JSON.stringify({ stamp, meta }));
}

/** The index of this data folder: loaded from disk when it is current, otherwise built once and saved. */
export function corpusIndex(ports: Ports): Promise<CorpusIndex> {
  const rt = ports.runtime;
  if (rt.searchIndex) return rt.searchIndex;
  const p = (async () => {
    const corpus = await ports.store.corpus.read();
    const stamp = indexStamp(ports, corpus);
    const bin = path.join(ports.store.dir, POSTINGS_FILE);
    if (ports.files.exists(indexPath(ports)) && ports.files.exists(bin)) {
      try {
        const saved = JSON.parse(ports.files.readText(indexPath(ports))) as { stamp: string; meta: string };
        if (saved.stamp === stamp) return CorpusIndex.fromBinary(saved.meta, ports.files.read(bin));
      } catch {
        // unreadable index: rebuild it below
      }
    }
    const ix = await buildIndex(ports, corpus);
    await saveIndex(ports, ix, stamp);
    return ix;
  })();
  // a failure is not kept: the next search makes it again
  p.catch(() => {
    if (rt.searchIndex === p) rt.searchIndex = null;
  });
  rt.searchIndex = p;
  return p;
}

export async function searchCorpus(ports: Ports, q: string): Promise<SearchResult[]> {
  const ix = await corpusIndex(ports);
  const docs = new Map((await listDocs(ports)).map((d) => [d.id, d]));
  return ix
    .search(q)
    .filter((h) => docs.has(h.docId))
    .map((h) => {
      const d = docs.get(h.docId)!;
      const text = d.texts.find((t) => t.key === h.key);
      return { ...h, title: d.title, docNo: d.docNo, textTitle: text?.kind === 'official' ? '正式文本' : (text?.title ?? h.key), kind: text?.kind ?? 'notes', format: text?.format ?? 'md' };
    });
}

const DOCNO_PATTERNS = [
  /\b(?:GB|GB\/T|AQ|AQ\/T|HG\/T|SH\/T|SY\/T)\s?\d{3,6}(?:\.\d+)?\s?[-—–]\s?\d{4}\b/,
  /[\u4e00-\u9fa5]{1,8}〔\d{4}〕\d+\s?号/,
  /(?:国务院令|主席令|应急管理部令)第[\d一二三四五六七八九十百零〇]+号/,
];

export function detectDocNo(text: string): string {
  for (const re of DOCNO_PATTERNS) {
    const m = re.exec(text);
    if (m) return m[0].replace(/\s?[-—–]\s?/, '-').replace(/\s+/g, ' ');
  }
  return '';
}

const squash = (s: string) =>
  normalizeCjk(s)
    .replace(/[\s《》〈〉“”"'（）()]/g, '')
    .toLowerCase();

/** a file for import as a call names it: base64 in the JSON, or a finished upload of the caller's */
type FileInput = { fileName: string; base64: string } | { uploadId: string };

/**
 * The file's name and bytes. Base64 text is let go (the input is this call's own, parsed from the
 * request): a PDF may wait its turn to be read, and then holds its bytes only. An upload is used up:
 * its bytes, checked against the hash taken as they arrived, are the import's now.
 */
function fileOf(ports: Ports, owner: string, input: FileInput): { fileName: string; bytes: Uint8Array } {
  if ('uploadId' in input) {
    const u = finishedUpload(ports, owner, input.uploadId, 'document');
    const b = ports.files.read(u.path);
    if (createHash('sha256').update(b).digest('hex') !== u.sha256) throw conflict('upload.changedOnDisk', { fileName: u.fileName });
    releaseUpload(ports, u.uploadId);
    return { fileName: u.fileName, bytes: new Uint8Array(b.buffer, b.byteOffset, b.length) };
  }
  const b = Buffer.from(input.base64, 'base64');
  input.base64 = '';
  return { fileName: input.fileName, bytes: new Uint8Array(b.buffer, b.byteOffset, b.length) };
}

async function examine(ports: Ports, input: { fileName: string; bytes: Uint8Array }, opts: ExtractOptions = {}): Promise<ExaminedFile> {
  const { bytes } = input;
  const x = await extractText(input.fileName, bytes, opts);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const head = x.blocks
    .slice(0, 40)
    .map((b) => b.text)
    .join('\n')
    .slice(0, 4000);
  const docNo = detectDocNo(`${input.fileName}\n${head}`);
  const docs = await listDocs(ports);
  const hay = squash(`${input.fileName}\n${x.title}\n${head}`);
  const match = docs.find((d) => docNo && d.docNo && squash(d.docNo) === squash(docNo)) ?? docs.find((d) => hay.includes(squash(d.title))) ?? null;
  const corpus = await ports.store.corpus.read();
  const dup = corpus.editions.find((e) => e.sha256 === sha256) ?? null;
  const title = x.title || input.fileName.replace(/\.[^.]+$/, '');
  return {
    fileName: input.fileName,
    bytes,
    x,
    sha256,
    preview: {
      fileName: input.fileName,
      sha256,
      format: x.format,
      pages: x.pages,
      chars: x.chars,
      sample: x.blocks
        .slice(0, 6)
        .map((b) => b.text)
        .join('\n')
        .slice(0, 400),
      title: match?.title ?? title,
      docNo: docNo || match?.docNo || '',
      matchDocId: match?.id ?? null,
      duplicateOf: dup ? { docId: dup.docId, importedAt: dup.importedAt } : null,
    },
  };
}

export async function importPreview(ports: Ports, owner: string, input: Input<'corpus.importPreview'>): Promise<ImportPreview> {
  return (await examine(ports, fileOf(ports, owner, input))).preview;
}

// ---- import jobs: reading a large file shows progress and can be cancelled -------------------
// Each app's own (ports.runtime.importJobs): a job is asked after, cancelled and committed where it was started.
const JOB_TTL_MS = 30 * 60_000;

function view(j: ImportJob): ImportJobView {
  return { jobId: j.id, state: j.state, done: j.done, total: j.total, queued: j.queued, preview: j.result?.preview ?? null, error: j.error ?? null };
}

export function importStart(ports: Ports, owner: string, input: Input<'corpus.importStart'>): ImportJobView {
  const file = fileOf(ports, owner, input);
  const jobs = ports.runtime.importJobs;
  const now = Date.now();
  for (const [id, j] of jobs) if (now - j.createdAt > JOB_TTL_MS) jobs.delete(id);
  const job: ImportJob = { id: randomUUID(), state: 'reading', done: 0, total: 0, queued: null, controller: new AbortController(), createdAt: now };
  jobs.set(job.id, job);
  examine(ports, file, {
    signal: job.controller.signal,
    onQueue: (ahead) => {
      job.queued = ahead > 0 ? ahead : null;
    },
    onProgress: (done, total) => {
      job.done = done;
      job.total = total;
    },
  }).then(
    (r) => {
      if (job.state === 'reading') {
        job.result = r;
        job.state = 'ready';
      }
    },
    (e: unknown) => {
      if (job.state !== 'reading') return;
      job.state = e instanceof ImportCancelled ? 'cancelled' : 'failed';
      job.error = e instanceof Error ? e.message : String(e);
    },
  );
  return view(job);
}

export function importJob(ports: Ports, jobId: string): ImportJobView {
  const j = ports.runtime.importJobs.get(jobId);
  if (!j) throw notFound('corpus.noSuchImportMay');
  return view(j);
}

/** Stop reading; nothing of a cancelled import is ever written. */
export function importCancel(ports: Ports, jobId: string): ImportJobView {
  const j = ports.runtime.importJobs.get(jobId);
  if (!j) throw notFound('corpus.noSuchImportMay');
  if (j.state === 'reading' || j.state === 'ready') {
    j.controller.abort();
    j.state = 'cancelled';
    delete j.result;
  }
  return view(j);
}

const EXT: Record<Edition['original'], string> = { pdf: 'pdf', md: 'md', txt: 'txt', docx: 'docx', html: 'html' };

export async function importCommit(ports: Ports, caller: Account, input: Input<'corpus.importCommit'>): Promise<{ docId: string; edition: string }> {
  let examined: ExaminedFile;
  if (input.jobId) {
    const job = ports.runtime.importJobs.get(input.jobId);
    if (!job || job.state !== 'ready' || !job.result) throw badInput('corpus.importCanNoLonger', {}, 'jobId');
    examined = job.result;
  } else if (input.fileName && input.base64 !== undefined) examined = await examine(ports, fileOf(ports, caller.employeeNo, { fileName: input.fileName, base64: input.base64 }));
  else throw badInput('corpus.fileMissing', {}, 'file');
  const { bytes, x, sha256, fileName } = examined;
  const docs = await listDocs(ports);
  let docId: string;
  if (input.docId) {
    if (!docs.some((d) => d.id === input.docId)) throw notFound('corpus.noStudyDocument', { docId: input.docId });
    docId = input.docId;
  } else if (input.newDoc) {
    docId = `ent-${randomUUID().slice(0, 8)}`;
  } else throw badInput('corpus.chooseStudyDocumentFile', {}, 'docId');
  const cur = currentEdition(await ports.store.corpus.read(), docId);
  if (cur?.sha256 === sha256) throw badInput('corpus.sameCurrentEditionNothing', { fileName }, 'file');
  await applyImport(ports, caller, { docId, fileName, bytes, x, sha256, newDoc: input.newDoc });
  if (input.jobId) ports.runtime.importJobs.get(input.jobId)!.state = 'done';
  return { docId, edition: sha256 };
}

/** Write a checked file as the new current edition of docId, and index it. */
export async function applyImport(
  ports: Ports,
  caller: Account,
  a: { docId: string; fileName: string; bytes: Uint8Array; x: Extracted; sha256: string; newDoc?: Omit<CustomDoc, 'id' | 'createdAt'> },
): Promise<void> {
  const { docId, bytes, x, sha256 } = a;
  // Files are named by their content hash: writing them first changes nothing anyone can see.
  // The original as received, and (for text formats) the readable UTF-8 text the reader shows.
  await ports.files.writeAtomic(ports.store.corpusFile(x.format === 'pdf' ? `${sha256}.pdf` : `${sha256}.orig.${EXT[x.format]}`), bytes);
  if (x.readable !== null) await ports.files.writeAtomic(ports.store.corpusFile(`${sha256}.${x.readAs}`), x.readable);
  await ports.files.writeAtomic(ports.store.corpusFile(`${sha256}.blocks.json`), JSON.stringify(x.blocks));
  const structure = structureOfBlocks(x.blocks);
  await saveStructure(ports, sha256, structure);
  const at = iso(ports.clock.now());
  const corpus = await ports.store.corpus.update((c) => {
    if (a.newDoc) c.documents.push({ ...a.newDoc, id: docId, createdAt: at });
    for (const e of c.editions) if (e.docId === docId) e.superseded = true;
    c.editions.push({
      docId,
      sha256,
      fileName: a.fileName,
      original: x.format,
      readAs: x.readAs,
      importedAt: at,
      importedBy: caller.employeeNo,
      pages: x.pages,
      chars: x.chars,
      superseded: false,
    });
    return c;
  });
  const ix = await corpusIndex(ports);
  ix.setText(docId, 'official', x.blocks, unitsOfBlocks(structure, x.blocks.length));
  await saveIndex(ports, ix, indexStamp(ports, corpus));
}

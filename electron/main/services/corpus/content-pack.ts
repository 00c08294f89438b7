// Content packs: a safety department prepares the corpus once (official texts, its own documents)
// and loads it on every workstation as one .zip file. A pack is checked completely — paths, sizes,
// checksums, metadata, every file readable — before anything is written.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Input } from '../../../shared/api';
import type { Account, Edition } from '../../../records/shared-docs';
import { DOC_CATEGORIES } from './corpus';
import { applyImport } from './corpus-import';
import { badInput, badInputSaid } from '../errors';
import { ruleOf, said } from '../../../core/message';
import { iso, type Ports } from '../ports';
import { extractText, formatOf, MAX_IMPORT_BYTES } from './text-extract';
import { unzipInMemory, ZipBadName, ZipProblem, ZipTooLarge, type ZipLimits } from '../files/zip-folder';

const PACK_MANIFEST = 'anxue-pack.json';
export const MAX_PACK_BYTES = 200 * 1024 * 1024;
const MAX_ENTRIES = 2000;
/**
 * A pack is unpacked in memory, counted as it inflates: no file over the import limit, and no more
 * in all than a pack of MAX_PACK_BYTES could hold of real documents (PDFs and DOCX barely compress).
 */
const PACK_LIMITS: ZipLimits = { use: said('zip.use.contentPack'), entryBytes: MAX_IMPORT_BYTES, totalBytes: 512 * 1024 * 1024, entries: MAX_ENTRIES };

const packSchema = z.object({
  format: z.literal('anxue-content-pack'),
  formatVersion: z.literal(1),
  createdAt: z.string(),
  enterprise: z.string(),
  documents: z.array(
    z.object({
      id: z.string().regex(/^ent-[a-z0-9-]{1,40}$/),
      title: z.string().min(1).max(200),
      docNo: z.string().max(100),
      issuer: z.string().max(100),
      category: z.enum(DOC_CATEGORIES),
      effective: z.string().max(10),
      suggestedMinutes: z.number().int().min(0).max(6000),
      summary: z.string().max(1000),
    }),
  ),
  editions: z.array(
    z.object({
      docId: z.string().regex(/^[a-z0-9-]{1,80}$/),
      file: z.string().regex(/^files\/[0-9a-f]{64}\.(pdf|md|txt|docx|html)$/, 'must be files/<sha256>.<pdf|md|txt|docx|html>'),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().min(1).max(255),
      bytes: z.number().int().min(1).max(MAX_IMPORT_BYTES),
    }),
  ),
});
export type PackManifest = z.infer<typeof packSchema>;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The current editions of the chosen documents (all by default) and the enterprise's own entries. */
export async function exportPack(ports: Ports, docIds: readonly string[] | undefined): Promise<{ fileName: string; base64: string }> {
  const corpus = await ports.store.corpus.read();
  const meta = await ports.store.meta.read();
  const want = (id: string) => !docIds || docIds.includes(id);
  const editions = corpus.editions.filter((e) => !e.superseded && want(e.docId));
  const { default: JSZipCtor } = await import('jszip'); // loaded when first needed: keeps start-up light
  const zip = new JSZipCtor();
  const manifest: PackManifest = {
    format: 'anxue-content-pack',
    formatVersion: 1,
    createdAt: iso(ports.clock.now()),
    enterprise: meta.enterprise ?? '',
    documents: corpus.documents.filter((d) => want(d.id)).map(({ createdAt: _c, ...d }) => d),
    editions: editions.map((e) => {
      const ext = e.original;
      const bytes = ports.files.read(ports.store.corpusFile(ext === 'pdf' ? `${e.sha256}.pdf` : `${e.sha256}.orig.${ext}`));
      const file = `files/${e.sha256}.${ext}`;
      zip.file(file, bytes);
      return { docId: e.docId, file, sha256: e.sha256, fileName: e.fileName, bytes: bytes.length };
    }),
  };
  if (manifest.editions.length === 0 && manifest.documents.length === 0) throw badInput('corpus.nothingExportNoOfficial', {}, 'docIds');
  zip.file(PACK_MANIFEST, JSON.stringify(manifest, null, 2));
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const stamp = manifest.createdAt.slice(0, 10);
  return { fileName: `anxue-content-pack-${stamp}.zip`, base64: data.toString('base64') };
}

export async function importPack(ports: Ports, caller: Account, input: Input<'corpus.packImport'>): Promise<{ documents: number; editions: number; unchanged: number }> {
  const name = input.fileName;
  const raw = Buffer.from(input.base64, 'base64');
  if (raw.length === 0) throw badInput('common.fileEmpty', { fileName: name }, 'file');
  if (raw.length > MAX_PACK_BYTES) throw badInput('corpus.packTooLarge', { name }, 'file');
  let files: Map<string, Buffer>;
  try {
    files = await unzipInMemory(raw, name, PACK_LIMITS);
  } catch (e) {
    if (e instanceof ZipBadName) throw badInput('corpus.pathLeadsOutsidePack', { name, entry: e.entry }, 'file');
    if (e instanceof ZipTooLarge) throw badInputSaid(e.said, 'file');
    if (e instanceof ZipProblem) throw badInput('corpus.notValidContentPack', { name }, 'file');
    throw e;
  }
  const mBytes = files.get(PACK_MANIFEST);
  if (!mBytes) throw badInput('corpus.noPackManifest', { name, manifest: PACK_MANIFEST }, 'file');
  let manifest: PackManifest;
  try {
    manifest = packSchema.parse(JSON.parse(mBytes.toString('utf8')));
  } catch (e) {
    const issue = e instanceof z.ZodError ? said('transport.badField', { field: e.issues[0]!.path.join('.'), rule: ruleOf(e.issues[0]!) }) : said('corpus.notJson');
    throw badInput('corpus.packManifestInvalid', { name, manifest: PACK_MANIFEST, issue }, 'file');
  }
  const listed = new Set([PACK_MANIFEST, ...manifest.editions.map((e) => e.file)]);
  for (const f of files.keys()) if (!listed.has(f)) throw badInput('corpus.holdsFileManifestDoes', { name, f }, 'file');
  const catalog = new Set(ports.content.documents().map((d) => d.id));
  const packDocs = new Set(manifest.documents.map((d) => d.id));
  const corpus = await ports.store.corpus.read();
  const existingDocs = new Set(corpus.documents.map((d) => d.id));
  // Read and check every file before writing anything.
  const checked: { e: PackManifest['editions'][number]; bytes: Uint8Array; x: Awaited<ReturnType<typeof extractText>> }[] = [];
  for (const e of manifest.editions) {
    if (!catalog.has(e.docId) && !packDocs.has(e.docId) && !existingDocs.has(e.docId)) throw badInput('corpus.documentNotCatalogue', { name, fileName: e.fileName, docId: e.docId }, 'file');
    const bytes = files.get(e.file);
    if (!bytes) throw badInput('corpus.packFileMissing', { name, file: e.file }, 'file');
    if (bytes.length !== e.bytes || sha256(bytes) !== e.sha256) throw badInput('corpus.checksumDoesNotMatch', { name, fileName: e.fileName }, 'file');
    const fmt = formatOf(e.file);
    if (!fmt) throw badInput('corpus.formatNotSupported', { name, file: e.file }, 'file');
    checked.push({ e, bytes, x: await extractText(e.fileName.endsWith(`.${fmt}`) ? e.fileName : `${e.fileName}.${fmt}`, bytes) });
  }
  let documents = 0;
  let editions = 0;
  let unchanged = 0;
  await ports.store.corpus.update((c) => {
    for (const d of manifest.documents) {
      if (c.documents.some((x) => x.id === d.id)) continue;
      c.documents.push({ ...d, effective: /^\d{4}-\d{2}-\d{2}$/.test(d.effective) ? d.effective : '', createdAt: iso(ports.clock.now()) });
      documents += 1;
    }
  });
  for (const { e, bytes, x } of checked) {
    const cur = (await ports.store.corpus.read()).editions.find((ed: Edition) => ed.docId === e.docId && !ed.superseded);
    if (cur?.sha256 === e.sha256) {
      unchanged += 1;
      continue;
    }
    await applyImport(ports, caller, { docId: e.docId, fileName: e.fileName, bytes, x, sha256: e.sha256 });
    editions += 1;
  }
  return { documents, editions, unchanged };
}

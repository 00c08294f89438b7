// Content packs: a safety department prepares the corpus once (official texts, its own documents)
// and loads it on every workstation as one .zip file. A pack is checked completely — paths, sizes,
// checksums, metadata, every file readable — before anything is written.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Input } from '../../../shared/api';
import type { Account, Edition } from '../../../records/shared-docs';
import { DOC_CATEGORIES } from './corpus';
import { applyImport } from './corpus-import';
import { badInput } from '../errors';
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
const PACK_LIMITS: ZipLimits = { use: { zh: '导入内容包', en: 'importing a content pack' }, entryBytes: MAX_IMPORT_BYTES, totalBytes: 512 * 1024 * 1024, entries: MAX_ENTRIES };

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
      file: z.string().regex(/^files\/[0-9a-f]{64}\.(pdf|md|txt|docx)$/, 'must be files/<sha256>.<pdf|md|txt|docx>'),
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
  if (manifest.editions.length === 0 && manifest.documents.length === 0) throw badInput('没有可导出的内容：还没有导入任何正式文本或本企业文件 / nothing to export: no official text or enterprise document has been imported yet', 'docIds');
  zip.file(PACK_MANIFEST, JSON.stringify(manifest, null, 2));
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const stamp = manifest.createdAt.slice(0, 10);
  return { fileName: `anxue-content-pack-${stamp}.zip`, base64: data.toString('base64') };
}

export async function importPack(ports: Ports, caller: Account, input: Input<'corpus.packImport'>): Promise<{ documents: number; editions: number; unchanged: number }> {
  const name = input.fileName;
  const raw = Buffer.from(input.base64, 'base64');
  if (raw.length === 0) throw badInput(`${name} 是空文件 / ${name} is empty`, 'file');
  if (raw.length > MAX_PACK_BYTES) throw badInput(`${name} 太大（超过 200 MB） / ${name} is too large (over 200 MB)`, 'file');
  let files: Map<string, Buffer>;
  try {
    files = await unzipInMemory(raw, name, PACK_LIMITS);
  } catch (e) {
    if (e instanceof ZipBadName) throw badInput(`${name} 中的路径「${e.entry}」越出了内容包，拒绝导入 / the path “${e.entry}” in ${name} leads outside the pack: refused`, 'file');
    if (e instanceof ZipTooLarge) throw badInput(e.message, 'file');
    if (e instanceof ZipProblem) throw badInput(`${name} 不是有效的内容包（.zip 文件已损坏或不是 zip） / ${name} is not a valid content pack (the .zip is damaged or not a zip)`, 'file');
    throw e;
  }
  const mBytes = files.get(PACK_MANIFEST);
  if (!mBytes) throw badInput(`${name} 中没有 ${PACK_MANIFEST}：不是安学内容包 / ${name} has no ${PACK_MANIFEST}: it is not an Anxue content pack`, 'file');
  let manifest: PackManifest;
  try {
    manifest = packSchema.parse(JSON.parse(mBytes.toString('utf8')));
  } catch (e) {
    const issue = e instanceof z.ZodError ? `${e.issues[0]!.path.join('.')}：${e.issues[0]!.message}` : '不是有效的 JSON';
    throw badInput(`${name} 的 ${PACK_MANIFEST} 无效：${issue} / the ${PACK_MANIFEST} of ${name} is not valid: ${issue}`, 'file');
  }
  const listed = new Set([PACK_MANIFEST, ...manifest.editions.map((e) => e.file)]);
  for (const f of files.keys()) if (!listed.has(f)) throw badInput(`${name} 中有清单未列出的文件「${f}」，拒绝导入 / ${name} holds a file its manifest does not list (“${f}”): refused`, 'file');
  const catalog = new Set(ports.content.documents().map((d) => d.id));
  const packDocs = new Set(manifest.documents.map((d) => d.id));
  const corpus = await ports.store.corpus.read();
  const existingDocs = new Set(corpus.documents.map((d) => d.id));
  // Read and check every file before writing anything.
  const checked: { e: PackManifest['editions'][number]; bytes: Uint8Array; x: Awaited<ReturnType<typeof extractText>> }[] = [];
  for (const e of manifest.editions) {
    if (!catalog.has(e.docId) && !packDocs.has(e.docId) && !existingDocs.has(e.docId)) throw badInput(`${name}：「${e.fileName}」所属的文件 ${e.docId} 不在目录中 / ${name}: the document ${e.docId} of “${e.fileName}” is not in the catalogue`, 'file');
    const bytes = files.get(e.file);
    if (!bytes) throw badInput(`${name} 中缺少「${e.file}」 / “${e.file}” is missing from ${name}`, 'file');
    if (bytes.length !== e.bytes || sha256(bytes) !== e.sha256) throw badInput(`${name} 中「${e.fileName}」的校验和不符：文件被修改或损坏，拒绝导入 / the checksum of “${e.fileName}” in ${name} does not match: the file was changed or damaged, refused`, 'file');
    const fmt = formatOf(e.file);
    if (!fmt) throw badInput(`${name} 中「${e.file}」的格式不支持 / the format of “${e.file}” in ${name} is not supported`, 'file');
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

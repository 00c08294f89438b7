// The corpus: the catalog bundled in content/ (metadata + the team's study notes) merged with what
// the enterprise imported into its data folder (official texts as editions, its own documents).
import type { DocFile, DocMeta, DocUnits, TextRef } from '../../../shared/api';
import type { CorpusFile, Edition } from '../../../records/shared-docs';
import { CASE_TEXT_KEY, type BundledCase, type BundledDoc, type ContentCatalog } from './content-catalog';
import { notFound } from '../errors';
import type { Ports } from '../ports';
import { editionStructure } from './corpus-structure';

export { bankFileSchema, CASE_TEXT_KEY, defaultContentDir, DOC_CATEGORIES, loadContent, manifestSchema, type BundledCase, type Cite, type ContentCatalog, type Manifest } from './content-catalog';

export function currentEdition(corpus: CorpusFile, docId: string): Edition | null {
  const eds = corpus.editions.filter((e) => e.docId === docId && !e.superseded);
  return eds[eds.length - 1] ?? null;
}

function officialRef(e: Edition): TextRef {
  return {
    key: 'official',
    kind: 'official',
    title: '正式文本',
    format: e.readAs,
    edition: { sha256: e.sha256, fileName: e.fileName, importedAt: e.importedAt },
  };
}

function metaOf(d: Omit<BundledDoc, 'notes'>, source: DocMeta['source'], texts: TextRef[], kase?: BundledCase): DocMeta {
  return {
    ...(kase
      ? { case: { date: kase.date, place: kase.place, plantKind: kase.plantKind, casualties: kase.casualties, source: { ...kase.source }, docIds: [...kase.docIds], prompts: [...kase.prompts] } }
      : {}),
    id: d.id,
    title: d.title,
    docNo: d.docNo,
    issuer: d.issuer,
    category: d.category,
    effective: d.effective,
    required: d.required,
    suggestedMinutes: d.suggestedMinutes,
    summary: d.summary,
    source,
    texts,
  };
}

/**
 * The catalog's documents and cases, copied once per catalog: every study session started lists the
 * documents, and a copy of the whole catalog each time was most of what a start cost. Read here
 * only; what listDocs returns is made anew each time.
 */
const bundledOnce = new WeakMap<ContentCatalog, { documents: readonly BundledDoc[]; cases: readonly BundledCase[] }>();
function bundled(content: ContentCatalog) {
  let b = bundledOnce.get(content);
  if (!b) bundledOnce.set(content, (b = { documents: content.documents(), cases: content.cases() }));
  return b;
}

/** Every document: bundled catalog entries first, then the enterprise's own. */
export async function listDocs(ports: Ports): Promise<DocMeta[]> {
  const corpus = (await ports.store.corpus.peek()) as CorpusFile;
  const out: DocMeta[] = [];
  const { documents, cases } = bundled(ports.content);
  for (const d of documents) {
    const texts: TextRef[] = d.notes.map((n) => ({ key: n.key, kind: 'notes', title: n.title, format: n.format }));
    const ed = currentEdition(corpus, d.id);
    if (ed) texts.unshift(officialRef(ed));
    out.push(metaOf(d, 'bundled', texts));
  }
  // the case library: each case a document of its own, so reading one counts as study
  for (const c of cases) {
    const d = {
      id: c.id,
      title: c.title,
      docNo: c.source.report,
      issuer: c.source.authority,
      category: '事故案例' as const,
      effective: c.date,
      required: false,
      suggestedMinutes: c.suggestedMinutes,
      summary: `${c.date} ${c.place} ${c.plantKind}${c.casualties ? `，${c.casualties}` : ''}`,
    };
    out.push(metaOf(d, 'bundled', [{ key: CASE_TEXT_KEY, kind: 'notes', title: '案例', format: 'md' }], c));
  }
  for (const d of corpus.documents) {
    const ed = currentEdition(corpus, d.id);
    out.push(metaOf({ ...d, required: false }, 'enterprise', ed ? [officialRef(ed)] : []));
  }
  return out;
}

/** The study-session document of practice that is not of one document (random, the 错题本). */
export const PRACTICE_DOC = 'practice';
/** The text key of a study session spent practising. */
export const PRACTICE_KEY = 'practice';

export async function docTitle(ports: Ports, docId: string): Promise<string> {
  return docTitleIn(docId === PRACTICE_DOC ? [] : await listDocs(ports), docId);
}

/** A document's title from a listing already at hand (a study start has one). */
export function docTitleIn(docs: readonly { id: string; title: string }[], docId: string): string {
  if (docId === PRACTICE_DOC) return '练习（随机与错题本）';
  return docs.find((d) => d.id === docId)?.title ?? docId;
}

export async function getDocText(ports: Ports, docId: string, key: string | undefined): Promise<DocFile> {
  const meta = (await listDocs(ports)).find((d) => d.id === docId);
  if (!meta) throw notFound('corpus.noStudyDocument', { docId });
  const ref = key ? meta.texts.find((t) => t.key === key) : meta.texts[0];
  if (!ref) {
    if (key) throw notFound('corpus.noSuchText', { title: meta.title, key });
    return { meta, ref: null };
  }
  if (ref.kind === 'notes') {
    const { bytes } = ports.content.readNotes(docId, ref.key);
    return ref.format === 'pdf' ? { meta, ref, base64: bytes.toString('base64') } : { meta, ref, text: bytes.toString('utf8') };
  }
  const file = ports.store.corpusFile(`${ref.edition!.sha256}.${ref.format}`);
  const bytes = ports.files.read(file);
  const structure = await editionStructure(ports, ref.edition!.sha256);
  return ref.format === 'pdf' ? { meta, ref, base64: bytes.toString('base64'), structure } : { meta, ref, text: bytes.toString('utf8'), structure };
}

/** The unit ids of a document's current official text (none when no edition is imported). */
export async function docUnits(ports: Ports, docId: string): Promise<DocUnits> {
  if (!(await listDocs(ports)).some((d) => d.id === docId)) throw notFound('corpus.noStudyDocument', { docId });
  const ed = currentEdition(await ports.store.corpus.read(), docId);
  if (!ed) return { edition: null, units: [] };
  const s = await editionStructure(ports, ed.sha256);
  return { edition: { sha256: ed.sha256, fileName: ed.fileName }, units: s.units.map((u) => u.id) };
}

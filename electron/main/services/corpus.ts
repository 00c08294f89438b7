// The corpus: the catalog bundled in content/ (metadata + the team's study notes) merged with what
// the enterprise imported into its data folder (official texts as editions, its own documents).
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { questionSchema, type Question } from '../../core/model';
import type { DocFile, DocMeta, TextRef } from '../../shared/api';
import type { CorpusFile, Edition } from '../storage/data-store';
import { notFound } from './errors';
import type { Ports } from './ports';

export const DOC_CATEGORIES = ['法律', '行政法规', '国家标准', '行业标准', '地方文件', '企业制度', '事故案例'] as const;

const notesRefSchema = z.object({
  /** 'guide': the team's 学习指南; 'notes…': older notes and their PDF */
  key: z.string().regex(/^(guide|notes(-[a-z0-9]+)?)$/),
  title: z.string().min(1),
  file: z.string().regex(/^(docs|guides)\/[A-Za-z0-9._-]+\.(md|pdf)$/, 'must be a file in content/docs or content/guides'),
  format: z.enum(['md', 'pdf']),
});

const docIdSchema = z.string().regex(/^[a-z0-9-]{1,80}$/);
/** A case of the library: a real accident with its public investigation report (content/cases/<id>.md). */
const caseSchema = z.object({
  id: docIdSchema,
  title: z.string().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  place: z.string().min(1),
  plantKind: z.string().min(1),
  casualties: z.string(),
  suggestedMinutes: z.number().int().min(1).max(240).default(20),
  source: z.object({ report: z.string().min(1), authority: z.string().min(1), published: z.string().min(1) }),
  docIds: z.array(docIdSchema),
  clauses: z.array(z.object({ doc: docIdSchema, clause: z.string().min(1) })),
  prompts: z.array(z.string().min(1)).min(3).max(5),
});
export type BundledCase = z.infer<typeof caseSchema>;

/** Where a bundled question's answer stands: the document and clause (the text the practice links to). */
const citeSchema = z.object({ doc: docIdSchema, clause: z.string().min(1), terms: z.array(z.string()).optional() });
export type Cite = z.infer<typeof citeSchema>;
const bundledExtraSchema = z.object({ id: z.string(), cite: citeSchema.optional(), caseId: docIdSchema.optional() });

export const manifestSchema = z.object({
  schemaVersion: z.literal(2),
  documents: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,80}$/),
        title: z.string().min(1),
        docNo: z.string(),
        issuer: z.string(),
        category: z.enum(DOC_CATEGORIES),
        effective: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
        required: z.boolean(),
        suggestedMinutes: z.number().int().min(0),
        summary: z.string(),
        notes: z.array(notesRefSchema),
      }),
    )
    .min(1),
  questionBanks: z.array(z.string().regex(/^question-banks\/[A-Za-z0-9._-]+\.json$/)),
  cases: z.array(caseSchema).default([]),
});
export type Manifest = z.infer<typeof manifestSchema>;
type BundledDoc = Manifest['documents'][number];

export const bankFileSchema = z.object({ schemaVersion: z.literal(1), name: z.string(), questions: z.array(questionSchema).min(1) });

/** The read-only part that ships with the app. */
export interface ContentCatalog {
  dir: string;
  documents(): BundledDoc[];
  readNotes(docId: string, key: string): { ref: z.infer<typeof notesRefSchema>; bytes: Buffer };
  questions(): Question[];
  cases(): BundledCase[];
  /** every bundled text: the documents' guides and notes, and the case library's cases */
  texts(): { docId: string; key: string; file: string; format: 'md' | 'pdf' }[];
  /** the clause a bundled question rests on, and the case it was drawn from */
  citeOf(questionId: string): { cite: Cite | null; caseId: string | null } | null;
}

/** The text key of a case in the reader. */
export const CASE_TEXT_KEY = 'case';

export function defaultContentDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../content');
}

function issueText(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.join('.')}：${i.message}`;
}

/** Loads and validates the manifest once; a broken manifest names the file and the field. */
export function loadContent(dir: string): ContentCatalog {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`找不到内容清单：${manifestPath}`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) throw new Error(`内容清单 ${manifestPath} 无效：${issueText(parsed.error)}`);
  const manifest = parsed.data;
  const questions: Question[] = [];
  const cites = new Map<string, { cite: Cite | null; caseId: string | null }>();
  for (const b of manifest.questionBanks) {
    const p = path.join(dir, b);
    const raw = JSON.parse(readFileSync(p, 'utf8')) as { questions?: unknown[] };
    const bank = bankFileSchema.safeParse(raw);
    if (!bank.success) throw new Error(`题库文件 ${p} 无效：${issueText(bank.error)}`);
    questions.push(...bank.data.questions);
    for (const [i, q] of (raw.questions ?? []).entries()) {
      const extra = bundledExtraSchema.safeParse(q);
      if (!extra.success) throw new Error(`题库文件 ${p} 第 ${i + 1} 题无效：${issueText(extra.error)}`);
      cites.set(extra.data.id, { cite: extra.data.cite ?? null, caseId: extra.data.caseId ?? null });
    }
  }
  const docIds = new Set(manifest.documents.map((d) => d.id));
  for (const c of manifest.cases) if (docIds.has(c.id)) throw new Error(`内容清单 ${manifestPath} 无效：案例 ${c.id} 与文件同名`);
  return {
    dir,
    documents: () => structuredClone(manifest.documents),
    readNotes(docId, key) {
      const c = key === CASE_TEXT_KEY ? manifest.cases.find((x) => x.id === docId) : undefined;
      if (c) {
        const ref = { key: CASE_TEXT_KEY, title: '案例', file: `cases/${c.id}.md`, format: 'md' as const };
        return { ref, bytes: readFileSync(path.join(dir, ref.file)) };
      }
      const ref = manifest.documents.find((d) => d.id === docId)?.notes.find((n) => n.key === key);
      if (!ref) throw notFound(`没有这份学习要点：${docId}/${key} / there are no study notes ${docId}/${key}`);
      return { ref, bytes: readFileSync(path.join(dir, ref.file)) };
    },
    questions: () => structuredClone(questions),
    cases: () => structuredClone(manifest.cases),
    texts: () => [
      ...manifest.documents.flatMap((d) => d.notes.map((n) => ({ docId: d.id, key: n.key, file: n.file, format: n.format }))),
      ...manifest.cases.map((c) => ({ docId: c.id, key: CASE_TEXT_KEY, file: `cases/${c.id}.md`, format: 'md' as const })),
    ],
    citeOf: (id) => cites.get(id) ?? null,
  };
}

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
    ...(kase ? { case: { date: kase.date, place: kase.place, plantKind: kase.plantKind, casualties: kase.casualties, source: { ...kase.source }, docIds: [...kase.docIds], prompts: [...kase.prompts] } } : {}),
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

/** Every document: bundled catalog entries first, then the enterprise's own. */
export async function listDocs(ports: Ports): Promise<DocMeta[]> {
  const corpus = await ports.store.corpus.read();
  const out: DocMeta[] = [];
  for (const d of ports.content.documents()) {
    const texts: TextRef[] = d.notes.map((n) => ({ key: n.key, kind: 'notes', title: n.title, format: n.format }));
    const ed = currentEdition(corpus, d.id);
    if (ed) texts.unshift(officialRef(ed));
    out.push(metaOf(d, 'bundled', texts));
  }
  // the case library: each case a document of its own, so reading one counts as study
  for (const c of ports.content.cases()) {
    const d = { id: c.id, title: c.title, docNo: c.source.report, issuer: c.source.authority, category: '事故案例' as const, effective: c.date, required: false, suggestedMinutes: c.suggestedMinutes, summary: `${c.date} ${c.place} ${c.plantKind}${c.casualties ? `，${c.casualties}` : ''}` };
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
  if (docId === PRACTICE_DOC) return '练习（随机与错题本）';
  return (await listDocs(ports)).find((d) => d.id === docId)?.title ?? docId;
}

export async function getDocText(ports: Ports, docId: string, key: string | undefined): Promise<DocFile> {
  const meta = (await listDocs(ports)).find((d) => d.id === docId);
  if (!meta) throw notFound(`没有这个学习文件：${docId} / there is no study document ${docId}`);
  const ref = key ? meta.texts.find((t) => t.key === key) : meta.texts[0];
  if (!ref) {
    if (key) throw notFound(`《${meta.title}》没有这个文本：${key} / 《${meta.title}》 has no text ${key}`);
    return { meta, ref: null };
  }
  if (ref.kind === 'notes') {
    const { bytes } = ports.content.readNotes(docId, ref.key);
    return ref.format === 'pdf' ? { meta, ref, base64: bytes.toString('base64') } : { meta, ref, text: bytes.toString('utf8') };
  }
  const file = ports.store.corpusFile(`${ref.edition!.sha256}.${ref.format}`);
  const bytes = readFileSync(file);
  return ref.format === 'pdf' ? { meta, ref, base64: bytes.toString('base64') } : { meta, ref, text: bytes.toString('utf8') };
}

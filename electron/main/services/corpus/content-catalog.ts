// The catalog bundled in content/: its manifest's schema, the loader that validates it once, and
// the read-only view of it the services get through their ports (bundled documents, their texts,
// questions with their cited clauses, the case library).
import path from 'node:path';
import { z } from 'zod';
import { questionSchema, type Question } from '../../../core/model';
import { notFound } from '../errors';
import { ruleOf } from '../../../core/message';
import { sayIn } from '../../messages';
import type { Files } from '../files-port';

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
export type BundledDoc = Manifest['documents'][number];

export const bankFileSchema = z.object({ schemaVersion: z.literal(1), name: z.string(), questions: z.array(questionSchema).min(1) });

/** The read-only part that ships with the app. */
export interface ContentCatalog {
  dir: string;
  documents(): BundledDoc[];
  readNotes(docId: string, key: string): { ref: z.infer<typeof notesRefSchema>; bytes: Buffer };
  questions(): Question[];
  /** the bundled questions' ids (nothing copied: what every use of the bank checks first) */
  questionIds(): readonly string[];
  cases(): BundledCase[];
  /** every bundled text: the documents' guides and notes, and the case library's cases */
  texts(): { docId: string; key: string; file: string; format: 'md' | 'pdf' }[];
  /** the clause a bundled question rests on, and the case it was drawn from */
  citeOf(questionId: string): { cite: Cite | null; caseId: string | null } | null;
}

/** The text key of a case in the reader. */
export const CASE_TEXT_KEY = 'case';

export function defaultContentDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../content');
}

function issueText(e: z.ZodError): string {
  const i = e.issues[0]!;
  return `${i.path.join('.')}：${sayIn('zh-CN', ruleOf(i))}`;
}

/** Loads and validates the manifest once; a broken manifest names the file and the field. */
export function loadContent(files: Files, dir: string): ContentCatalog {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!files.exists(manifestPath)) throw new Error(`找不到内容清单：${manifestPath}`);
  const parsed = manifestSchema.safeParse(JSON.parse(files.readText(manifestPath)));
  if (!parsed.success) throw new Error(`内容清单 ${manifestPath} 无效：${issueText(parsed.error)}`);
  const manifest = parsed.data;
  const questions: Question[] = [];
  const cites = new Map<string, { cite: Cite | null; caseId: string | null }>();
  for (const b of manifest.questionBanks) {
    const p = path.join(dir, b);
    const raw = JSON.parse(files.readText(p)) as { questions?: unknown[] };
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
  const ids: readonly string[] = questions.map((q) => q.id);
  return {
    dir,
    documents: () => structuredClone(manifest.documents),
    readNotes(docId, key) {
      const c = key === CASE_TEXT_KEY ? manifest.cases.find((x) => x.id === docId) : undefined;
      if (c) {
        const ref = { key: CASE_TEXT_KEY, title: '案例', file: `cases/${c.id}.md`, format: 'md' as const };
        return { ref, bytes: files.read(path.join(dir, ref.file)) };
      }
      const ref = manifest.documents.find((d) => d.id === docId)?.notes.find((n) => n.key === key);
      if (!ref) throw notFound('corpus.noStudyNotes', { docId, key });
      return { ref, bytes: files.read(path.join(dir, ref.file)) };
    },
    questions: () => structuredClone(questions),
    questionIds: () => ids,
    cases: () => structuredClone(manifest.cases),
    texts: () => [
      ...manifest.documents.flatMap((d) => d.notes.map((n) => ({ docId: d.id, key: n.key, file: n.file, format: n.format }))),
      ...manifest.cases.map((c) => ({ docId: c.id, key: CASE_TEXT_KEY, file: `cases/${c.id}.md`, format: 'md' as const })),
    ],
    citeOf: (id) => cites.get(id) ?? null,
  };
}

// The bundled corpus: content/manifest.json lists each document with its metadata.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { questionSchema, type Question } from '../../core/model';
import type { DocFile, DocMeta } from '../../shared/api';
import { notFound } from './errors';

export const manifestSchema = z.object({
  schemaVersion: z.literal(1),
  documents: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,80}$/),
        title: z.string().min(1),
        docNo: z.string(),
        issuer: z.string(),
        category: z.enum(['法律', '行政法规', '国家标准', '行业标准', '地方文件', '企业制度', '事故案例', '学习要点']),
        effective: z.string(),
        format: z.enum(['md', 'pdf']),
        file: z.string().regex(/^docs\/[A-Za-z0-9._-]+\.(md|pdf)$/),
        studyNote: z.boolean(),
        summary: z.string(),
        suggestedMinutes: z.number().int().min(0),
      }),
    )
    .min(1),
  questionBanks: z.array(z.string().regex(/^question-banks\/[A-Za-z0-9._-]+\.json$/)),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const bankFileSchema = z.object({ schemaVersion: z.literal(1), name: z.string(), questions: z.array(questionSchema).min(1) });

export interface ContentCatalog {
  list(): DocMeta[];
  get(docId: string): DocFile;
  questions(): Question[];
}

export function defaultContentDir(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../content');
}

/** Loads and validates the manifest once; a broken manifest names the file and the field. */
export function loadContent(dir: string): ContentCatalog {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`找不到内容清单：${manifestPath}`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`内容清单 ${manifestPath} 无效：${i.path.join('.')}：${i.message}`);
  }
  const manifest = parsed.data;
  const metas: DocMeta[] = manifest.documents.map(({ file: _file, ...m }) => m);
  const questions: Question[] = [];
  for (const b of manifest.questionBanks) {
    const p = path.join(dir, b);
    const bank = bankFileSchema.safeParse(JSON.parse(readFileSync(p, 'utf8')));
    if (!bank.success) {
      const i = bank.error.issues[0]!;
      throw new Error(`题库文件 ${p} 无效：${i.path.join('.')}：${i.message}`);
    }
    questions.push(...bank.data.questions);
  }
  return {
    list: () => metas.map((m) => ({ ...m })),
    get(docId) {
      const d = manifest.documents.find((x) => x.id === docId);
      if (!d) throw notFound(`没有这个学习文件：${docId}`);
      const { file, ...meta } = d;
      const bytes = readFileSync(path.join(dir, file));
      return d.format === 'md' ? { meta, text: bytes.toString('utf8') } : { meta, base64: bytes.toString('base64') };
    },
    questions: () => structuredClone(questions),
  };
}

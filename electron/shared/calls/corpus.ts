// The calls of the document corpus: reading, searching, importing official texts and content packs.
import { z } from 'zod';
import { isoDateSchema } from '../../core/model';
import { call, MB, UPLOAD, ALL, OFFICE, none, fileUpload } from './common';
import { uploadId } from './upload';
import type { DocMeta, DocFile, DocUnits, SearchResult, ImportPreview, ImportJobView } from '../views/corpus';

/** a file to import: base64 in the JSON (small files, older clients), or a finished upload of the caller's (upload.*, any size up to the document limit) */
const fileOrUpload = z.union([fileUpload, z.object({ uploadId })]);

export const corpusCalls = {
  'corpus.list': call<DocMeta[]>()(none, ALL),
  'corpus.get': call<DocFile>()(z.object({ docId: z.string().min(1).max(80), key: z.string().max(40).optional() }), ALL),
  'corpus.units': call<DocUnits>()(z.object({ docId: z.string().min(1).max(80) }), ALL),

  'reader.position': call<{ ratio: number | null }>()(z.object({ docId: z.string().min(1).max(80), key: z.string().min(1).max(40) }), ALL),
  'reader.savePosition': call<{ ok: true }>()(z.object({ docId: z.string().min(1).max(80), key: z.string().min(1).max(40), ratio: z.number().min(0).max(1) }), ALL),
  'corpus.search': call<SearchResult[]>()(z.object({ q: z.string().trim().min(1).max(100) }), ALL),
  'corpus.importPreview': call<ImportPreview>()(fileOrUpload, OFFICE, UPLOAD),
  'corpus.importStart': call<ImportJobView>()(fileOrUpload, OFFICE, UPLOAD),
  'corpus.importJob': call<ImportJobView>()(z.object({ jobId: z.string().uuid() }), OFFICE),
  'corpus.importCancel': call<ImportJobView>()(z.object({ jobId: z.string().uuid() }), OFFICE),
  'corpus.importCommit': call<{ docId: string; edition: string }>()(
    fileUpload.partial().extend({
      /** commit what a finished import job read (no second reading of the file) */
      jobId: z.string().uuid().optional(),
      docId: z.string().min(1).max(80).optional(),
      newDoc: z
        .object({
          title: z.string().trim().min(1).max(200),
          docNo: z.string().trim().max(100),
          issuer: z.string().trim().max(100),
          category: z.enum(['法律', '行政法规', '国家标准', '行业标准', '地方文件', '企业制度', '事故案例']),
          effective: z.union([z.literal(''), isoDateSchema]),
          suggestedMinutes: z.number().int().min(0).max(6000),
          summary: z.string().trim().max(1000),
        })
        .optional(),
    }),
    OFFICE,
    UPLOAD,
  ),

  'corpus.packExport': call<{ fileName: string; base64: string }>()(z.object({ docIds: z.array(z.string().max(80)).max(500).optional() }), OFFICE),
  'corpus.packImport': call<{ documents: number; editions: number; unchanged: number }>()(
    z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(300_000_000) }),
    OFFICE,
    // a content pack (≤ 200 MB), base64 in one JSON body
    { maxBytes: 280 * MB },
  ),
} as const;

// A worker thread that prints training files: the archive job sends it a person's record, it sends
// back the PDF. pdfmake is CPU-bound, so a batch runs as many of these as the machine has cores.
import { parentPort, workerData } from 'node:worker_threads';
import type { Campaign } from '../../../core/model';
import { personPdfDefinition, type PersonRecord } from '../archive';
import { renderPdf, useSharedFonts, type PlainDocument } from './pdf';

/** A person's training file from their record, or any plain document (perhaps a part of a longer one: numbering). */
export type PdfJob = { id: number; record: PersonRecord; campaigns: Campaign[] } | { id: number; doc: PlainDocument; numbering?: { offset: number; total: number } };
export type PdfReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const given = (workerData as { fonts?: Record<string, SharedArrayBuffer> } | null)?.fonts;
if (given) useSharedFonts(given);

parentPort?.on('message', (m: PdfJob) => {
  ('doc' in m ? renderPdf(m.doc, m.numbering) : renderPdf(personPdfDefinition(m.record, m.campaigns))).then(
    (pdf) => {
      const bytes = new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      parentPort!.postMessage({ id: m.id, pdf: bytes } satisfies PdfReply);
    },
    (e: unknown) => parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies PdfReply),
  );
});

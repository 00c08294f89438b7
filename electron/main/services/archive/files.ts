// The files of an archive: their names, and the evidence (photos, attachments) that goes with the records.
import { createHash } from 'node:crypto';
import type { FileKind, FileRef } from '../../../core/evidence';
import type { LedgerEntry } from '../../../core/inspection';
import { type PersonEvent } from '../../../records/events';
import { type Ports } from '../ports';
import { notFound } from '../errors';

export const RECORD_FILE = 'record.json';
export const PDF_FILE = 'training-file.pdf';
export const MANIFEST_FILE = 'manifest.json';
/** the enterprise's signature of manifest.json (services/signing/signing.ts) */
export const SIGNATURE_FILE = 'manifest.sig';
export const XLSX_FILE = 'training-file.xlsx';
export const XAPI_FILE = 'xapi.json';

export const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const EXT: Record<FileKind, string> = { jpeg: 'jpg', png: 'png', pdf: 'pdf', docx: 'docx', xlsx: 'xlsx' };
/** where an evidence file lies in an archive, next to the record that names it */
export const evidencePath = (ref: Pick<FileRef, 'sha256' | 'kind'>) => `files/${ref.sha256}.${EXT[ref.kind]}`;

export const FINDINGS_FILE = 'findings.json';

/** Every photo the 问题台账 names (findings, rectifications, a 研讨's signed sheet), each once. */
export function ledgerPhotos(entries: readonly LedgerEntry[]): FileRef[] {
  const out = new Map<string, FileRef>();
  for (const e of entries) {
    if (e.type === 'finding.recorded' || e.type === 'finding.rectified') for (const p of e.data.photos) out.set(p.sha256, p);
    if (e.type === 'discussion.minutes' && e.data.sheetPhoto) out.set(e.data.sheetPhoto.sha256, e.data.sheetPhoto);
  }
  return [...out.values()];
}

/** The evidence files a person's records name (述职 attachments), each once. */
export function evidenceRefs(events: readonly PersonEvent[]): FileRef[] {
  const out = new Map<string, FileRef>();
  for (const e of events) if (e.type === 'report.submitted') for (const a of e.data.attachments) out.set(a.sha256, a);
  return [...out.values()];
}

/** The bytes of those files, to go into the archive under `files/`. */
export async function evidenceFiles(ports: Ports, refs: readonly FileRef[]): Promise<{ name: string; data: Buffer }[]> {
  const out: { name: string; data: Buffer }[] = [];
  for (const ref of refs) {
    const data = await ports.store.files.get(ref.sha256);
    if (!data) throw notFound('archive.evidenceMissing', { name: ref.name, sha256: ref.sha256 });
    out.push({ name: evidencePath(ref), data });
  }
  return out;
}

// Evidence files: photos of a finding, attachments of a 述职报告. What a file is, told from its
// first bytes (never from its name alone), and the limits. Pure.

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_FINDING = 6;
export const ATTACHMENTS_PER_REPORT = 8;

export type FileKind = 'jpeg' | 'png' | 'pdf' | 'docx' | 'xlsx';
export const MIME: Record<FileKind, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A file kept as evidence, as a record names it. */
export interface FileRef {
  sha256: string;
  name: string;
  bytes: number;
  kind: FileKind;
}

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The kind of a file from its bytes; a .docx / .xlsx is a zip whose name says which. */
export function sniffKind(bytes: Uint8Array, fileName: string): FileKind | null {
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const n = fileName.toLowerCase();
    if (n.endsWith('.docx')) return 'docx';
    if (n.endsWith('.xlsx')) return 'xlsx';
  }
  return null;
}

export const isPhoto = (k: FileKind | null): k is 'jpeg' | 'png' => k === 'jpeg' || k === 'png';

/** A name fit to show and to save under: no folders, no control characters, not too long. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  return (clean || 'file').slice(-120);
}

export const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

// What every part of the call table is built from: the shape of a call, the role sets, the body
// limits, and the input schemas more than one area shares.
import { z } from 'zod';
import type { Role } from '../../core/model';

export type Access = 'public' | readonly Role[];

export interface CallSpec<I extends z.ZodType, O> {
  input: I;
  roles: Access;
  /** the largest request body the call takes (bytes); a file upload says so, every other call takes DEFAULT_MAX_BODY */
  maxBytes?: number;
  /** phantom: the output type */
  output?: O;
}
export function call<O>() {
  return <I extends z.ZodType>(input: I, roles: Access, o: { maxBytes?: number } = {}): CallSpec<I, O> => ({ input, roles, ...o });
}
export const MB = 1024 * 1024;
/** what a call that uploads nothing may send: JSON of a few fields (an essay is ~100 KB) */
export const DEFAULT_MAX_BODY = 1 * MB;
/** a spreadsheet, a PDF or a document for import (≤ 22 MB, base64 in JSON) */
export const UPLOAD = { maxBytes: 32 * MB };

export const ALL: readonly Role[] = ['employee', 'officer', 'archivist', 'admin'];
export const OFFICE: readonly Role[] = ['officer', 'admin'];
export const ARCHIVE: readonly Role[] = ['archivist', 'admin'];
export const STUDENT: readonly Role[] = ['employee'];
export const none = z.object({}).strict();

export const fileUpload = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string().max(30_000_000),
});
export const campaignRef = z.object({ campaignId: z.string().min(1).max(64) });
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'rule.fileHash');

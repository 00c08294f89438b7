// The calls of a person's archive, deletion, the audit log and signing, and of archive jobs.
import { z } from 'zod';
import { employeeNoSchema } from '../../core/model';
import { call, MB, ARCHIVE, none } from './common';
import type { SigningStatus, AuditEntryView, JobView, ExportResult, VerifyReport } from '../views/archive';

/** an archive's folder or .zip name: no path separators, no '..' */
const exportIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((x) => !/[\\/]/.test(x) && x !== '..' && x !== '.' && !x.startsWith('.'), '导出名称不合法');

export const archiveCalls = {
  /** year: only the campaigns whose dates touch that calendar year, and the records of it (the record file keeps the whole chain) */
  'archive.exportPerson': call<ExportResult>()(
    z.object({
      employeeNo: employeeNoSchema,
      year: z
        .string()
        .regex(/^\d{4}$/, 'rule.yearFormat')
        .optional(),
    }),
    ARCHIVE,
  ),
  'people.delete': call<{ ok: true }>()(z.object({ employeeNo: employeeNoSchema, reason: z.string().trim().min(1, 'rule.deleteReason').max(500) }), ['admin']),
  'audit.list': call<{ intact: boolean; entries: AuditEntryView[] }>()(none, ['admin', 'archivist']),
  /** the signing key's fingerprint, whether this server has it unlocked, and the latest checkpoint (its digest is what a plant hands to its bureau) */
  'signing.status': call<SigningStatus>()(none, ['admin', 'archivist']),
} as const;

export const archiveJobCalls = {
  'archive.batchStart': call<JobView>()(
    z
      .object({
        campaignId: z.string().min(1).max(64).optional(),
        dept: z.string().trim().min(1).max(60).optional(),
        team: z.string().trim().min(1).max(60).optional(),
        employeeNos: z.array(employeeNoSchema).min(1).max(100000).optional(),
        zip: z.boolean(),
      })
      .strict(),
    ARCHIVE,
    // up to 100,000 工号
    { maxBytes: 4 * MB },
  ),
  'archive.batchStatus': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchCancel': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchResume': call<JobView>()(z.object({ jobId: z.string().uuid() }), ARCHIVE),
  'archive.batchList': call<JobView[]>()(none, ARCHIVE),
  'archive.list': call<{ exportId: string; employeeNo: string; at: string; by: string }[]>()(none, ARCHIVE),
  'archive.verify': call<VerifyReport>()(z.object({ exportId: exportIdSchema }), ARCHIVE),
  'archive.file': call<{ name: string; base64: string }>()(z.object({ exportId: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/), name: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/) }), ARCHIVE),
} as const;

// The calls of the 述职报告.
import { z } from 'zod';
import { employeeNoSchema } from '../../core/model';
import { reportPartsSchema, scoreItemSchema } from '../../core/duty-report';
import type { FileRef } from '../../core/evidence';
import { call, MB, ALL, OFFICE, STUDENT, campaignRef, sha256Schema } from './common';
import type { ReportView, ReportRecord, ReportBoardRow, ReportBoard } from '../views/report';

export const reportCalls = {
  'report.get': call<ReportView>()(campaignRef, STUDENT),
  'report.save': call<{ savedAt: string }>()(campaignRef.extend({ parts: reportPartsSchema }).strict(), STUDENT),
  'report.attach': call<{ attachments: FileRef[] }>()(campaignRef.extend({ fileName: z.string().min(1).max(255), base64: z.string().max(14_000_000) }).strict(), STUDENT, { maxBytes: 15 * MB }),
  'report.detach': call<{ attachments: FileRef[] }>()(campaignRef.extend({ sha256: sha256Schema }).strict(), STUDENT),
  /** to: the superior's 工号 as the roster names them, or 'bureau' for the head of the enterprise */
  'report.submit': call<ReportView>()(campaignRef.extend({ parts: reportPartsSchema, to: z.union([employeeNoSchema, z.literal('bureau')]) }).strict(), STUDENT),
  /** the reports of the people whose superior the caller is */
  'report.inbox': call<ReportBoardRow[]>()(campaignRef, STUDENT),
  /** one's own, a direct report's, or (office, archivists) anyone's */
  'report.read': call<ReportRecord>()(campaignRef.extend({ employeeNo: employeeNoSchema }), ALL),
  /** by the person the report went to; a report to the bureau: an officer records the bureau's answer */
  'report.review': call<ReportRecord>()(
    campaignRef
      .extend({
        employeeNo: employeeNoSchema,
        version: z.number().int().min(1),
        decision: z.enum(['accept', 'return']),
        comment: z.string().max(4000),
        sheet: z.array(scoreItemSchema).max(30).optional(),
        points: z.array(z.number().min(0).max(100)).max(30).optional(),
      })
      .strict(),
    ['employee', 'officer', 'admin'],
  ),
  'report.board': call<ReportBoard>()(campaignRef, [...OFFICE, 'archivist']),
  'report.file': call<{ fileName: string; base64: string }>()(campaignRef.extend({ employeeNo: employeeNoSchema, sha256: sha256Schema }).strict(), ALL),
} as const;

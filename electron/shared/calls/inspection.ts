// The calls of inspections and the 问题台账.
import { z } from 'zod';
import type { FileRef } from '../../core/evidence';
import { findingInputSchema, inspectionInputSchema, photoRefSchema } from '../../core/inspection';
import { call, MB, ALL, OFFICE, STUDENT, campaignRef, sha256Schema } from './common';
import type { FindingView, InspectionView, InspectionsView } from '../views/inspection';

export const inspectionCalls = {
  'inspection.list': call<InspectionsView>()(campaignRef, [...OFFICE, 'archivist']),
  'inspection.save': call<InspectionView>()(inspectionInputSchema, OFFICE),
  /** a photo for a finding or its rectification: kept by hash, named in the record that uses it */
  'finding.photo': call<FileRef>()(z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(12_000_000) }).strict(), ['employee', 'officer', 'admin'], { maxBytes: 13 * MB }),
  'finding.record': call<FindingView>()(findingInputSchema, OFFICE),
  /** by the finding's 责任人, or an officer for them */
  'finding.rectify': call<FindingView>()(
    z.object({ findingId: z.string().uuid(), note: z.string().trim().min(1, 'rule.remedyDone').max(2000), photos: z.array(photoRefSchema).max(6).default([]) }).strict(),
    ['employee', 'officer', 'admin'],
  ),
  /** 验收: by an officer who is not the finding's 责任人 */
  'finding.verify': call<FindingView>()(z.object({ findingId: z.string().uuid(), passed: z.boolean(), note: z.string().trim().max(2000) }).strict(), OFFICE),
  /** the findings one is 责任人 of */
  'finding.mine': call<FindingView[]>()(campaignRef, STUDENT),
  'finding.file': call<{ fileName: string; base64: string }>()(z.object({ findingId: z.string().uuid(), sha256: sha256Schema }).strict(), ALL),
  /** the 问题台账 as .xlsx, in the columns bureaus use */
  'inspection.ledger': call<{ fileName: string; base64: string }>()(campaignRef, [...OFFICE, 'archivist']),
} as const;

// The calls of writing an essay and of the office reading it.
import { z } from 'zod';
import { employeeNoSchema, essayPartsSchema, type EssayParts } from '../../core/model';
import { call, OFFICE, STUDENT, campaignRef } from './common';
import type { EssayView, EssayOverview, EssayRecord, EssayCompare } from '../views/essay';

const accidentsSchema = z.array(z.string().trim().min(1).max(120)).max(30).default([]);

export const essayCalls = {
  'essay.get': call<EssayView>()(campaignRef, STUDENT),
  'essay.save': call<{ savedAt: string }>()(campaignRef.extend({ parts: essayPartsSchema, accidents: accidentsSchema }), STUDENT),
  'essay.submit': call<EssayView>()(campaignRef.extend({ parts: essayPartsSchema, accidents: accidentsSchema }), STUDENT),
  /** one's own drafts while writing (one snapshot per minute) and submitted versions, newest first */
  'essay.history': call<{ at: string; total: number; parts: EssayParts; accidents: string[]; submitted: number | null }[]>()(campaignRef, STUDENT),
  /** the printable essay (A4): one's own, or anyone's for officers and archivists */
  'essay.export': call<{ fileName: string; base64: string }>()(campaignRef.extend({ employeeNo: employeeNoSchema.optional(), format: z.enum(['pdf', 'docx']) }), [
    'employee',
    'officer',
    'archivist',
    'admin',
  ]),
  'essay.overview': call<EssayOverview>()(campaignRef, [...OFFICE, 'archivist']),
  'essay.read': call<EssayRecord>()(campaignRef.extend({ employeeNo: employeeNoSchema }), [...OFFICE, 'archivist']),
  'essay.compare': call<EssayCompare>()(campaignRef.extend({ employeeNo: employeeNoSchema, other: z.string().min(1).max(200) }), OFFICE),
} as const;

// 研讨 records: the minutes of a discussion session (专题研讨, 分组讨论) — who spoke (chosen from
// those who attended), what each raised, the conclusions, the follow-up actions (each may be
// registered as a finding of the 问题台账) and a photo of the signed attendance sheet. The minutes
// are entries of the campaign's hash chain (inspections.json, beside the findings they raise), and
// each speaker's part is an event in their own record chain. Pure.
import { z } from 'zod';
import { HAZARD_LEVELS, photoRefSchema, type LedgerEntry, type MinutesBody } from './inspection';
import { employeeNoSchema, type CollectiveType } from './model';

/**
 * The sessions that keep minutes: the two the notice calls 研讨. A 事故案例宣讲 or 安全大讲堂 is a
 * talk by its host (who is already recorded), and a 警示教育片, 动员会, 宣誓 or 演讲 has no discussion.
 */
export const DISCUSSION_TYPES = ['seminar', 'group'] as const satisfies readonly CollectiveType[];
export const isDiscussion = (t: CollectiveType): boolean => (DISCUSSION_TYPES as readonly string[]).includes(t);

export const SPEAKERS_MAX = 200;
export const FOLLOW_UPS_MAX = 30;

export const speakerInputSchema = z
  .object({
    employeeNo: employeeNoSchema,
    /** what they raised, in the officer's words; may be empty (spoke, points not noted) */
    points: z.string().trim().max(2000, 'rule.speakerPoints'),
  })
  .strict();

export const followUpInputSchema = z
  .object({
    /** absent: a new row; a row saved before keeps its id (and its finding) */
    id: z.string().uuid().optional(),
    /** the problem or matter raised */
    issue: z.string().trim().min(1, 'rule.followUpIssue').max(1000),
    /** what is to be done about it */
    action: z.string().trim().min(1, 'rule.followUpAction').max(1000),
    owner: z.string().trim().max(32).default(''),
    due: z.string().trim().max(10).default(''),
    /** 登记为问题: put it in the 问题台账 as a finding (then owner, due and location are required) */
    asFinding: z.boolean().default(false),
    level: z.enum(HAZARD_LEVELS).default('general'),
    location: z.string().trim().max(120).default(''),
  })
  .strict();

export const minutesInputSchema = z
  .object({
    sessionId: z.string().min(1).max(64),
    speakers: z.array(speakerInputSchema).max(SPEAKERS_MAX),
    conclusions: z.string().trim().max(4000, 'rule.conclusions'),
    followUps: z.array(followUpInputSchema).max(FOLLOW_UPS_MAX),
    /** the signed attendance sheet, uploaded before (finding.photo), or none */
    sheetPhoto: photoRefSchema.nullable().default(null),
  })
  .strict();
export type MinutesInput = z.infer<typeof minutesInputSchema>;
export type { FollowUp, MinutesBody } from './inspection';

/** Each session's minutes as the ledger's entries leave them: the latest entry of a session, with when and by whom. */
export function foldMinutes(entries: readonly LedgerEntry[]): Map<string, MinutesBody & { entryId: string; hash: string; savedAt: string; savedBy: string }> {
  const out = new Map<string, MinutesBody & { entryId: string; hash: string; savedAt: string; savedBy: string }>();
  for (const e of entries) if (e.type === 'discussion.minutes') out.set(e.data.sessionId, { ...e.data, entryId: e.id, hash: e.hash, savedAt: e.at, savedBy: e.by });
  return out;
}

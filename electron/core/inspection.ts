// Inspections and the 问题台账 (the notice's 二(一) and 二(五)): the four kinds of inspection with
// their checklists, findings with 隐患等级, 整改措施, 责任人 and 整改期限, rectification and 验收. The
// ledger is append-only: each entry carries the hash of the one before (storage computes them),
// and the state of every inspection and finding is folded from the entries. Pure.
import { z } from 'zod';
import type { FileRef } from './evidence';
import { isoDateSchema } from './model';

export const INSPECTION_KINDS = ['procedure', 'abnormal', 'maintenance', 'rootcause'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_NAMES: Record<InspectionKind, string> = {
  procedure: '操作规程专项排查',
  abnormal: '异常工况处置措施检查',
  maintenance: '检维修、特殊作业安全管理专项检查',
  rootcause: '治本攻坚工作推进情况检查',
};

/** who is inspected: a post, a 班组, a 车间, a 部门 (the notice: 各岗位、各班组、各车间、各部门) */
export const INSPECTION_SCOPES = ['post', 'team', 'workshop', 'dept'] as const;
export type InspectionScope = (typeof INSPECTION_SCOPES)[number];
export const INSPECTION_SCOPE_NAMES: Record<InspectionScope, string> = { post: '岗位', team: '班组', workshop: '车间', dept: '部门' };

export const HAZARD_LEVELS = ['general', 'major'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];
export const HAZARD_LEVEL_NAMES: Record<HazardLevel, string> = { general: '一般隐患', major: '重大隐患' };

export const CHECK_RESULTS = ['pending', 'ok', 'problem', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The checklist an inspection of each kind starts from (editable), after what the notice asks to look at. */
export function defaultChecklist(kind: InspectionKind): string[] {
  switch (kind) {
    case 'procedure':
      return [
        '操作规程内容是否完整，有无缺失的步骤或参数',
        '操作程序是否完善，开停车、切换、应急操作是否写明',
        '规程与现场实际操作是否相符',
        '岗位人员是否经过规程培训并能复述关键步骤',
        '规程执行是否严格，有无简化、跳步操作',
        '规程修订是否及时（工艺、设备变更后）',
      ];
    case 'abnormal':
      return ['异常工况处置措施内容是否完善', '处置措施是否科学，与工艺危险性是否相符', '岗位人员是否熟悉异常工况处置程序', '是否明确异常工况下的授权和报告程序', '处置所需的器材和通讯是否到位'];
    case 'maintenance':
      return [
        '检维修、特殊作业管理制度是否完善',
        '作业审批是否规范严格，有无违规审批',
        '作业前风险分析和安全措施是否落实',
        '电子作业票证系统运行是否规范',
        '作业监护人是否在岗、是否经过培训',
        '作业完工验收是否规范',
      ];
    case 'rootcause':
      return ['治本攻坚各项任务是否按期推进', '重大隐患是否按要求整改销号', '责任是否落实到人', '推进情况是否有记录可查'];
  }
}

export const checkItemSchema = z.object({ item: z.string().trim().min(1, 'rule.checkItem').max(200), result: z.enum(CHECK_RESULTS), note: z.string().trim().max(500) }).strict();
export type CheckItem = z.infer<typeof checkItemSchema>;

export const inspectionInputSchema = z
  .object({
    /** absent: a new inspection */
    id: z.string().uuid().optional(),
    campaignId: z.string().min(1).max(64),
    kind: z.enum(INSPECTION_KINDS),
    scope: z.enum(INSPECTION_SCOPES),
    unit: z.string().trim().min(1, 'rule.inspectedUnit').max(60),
    date: isoDateSchema,
    inspectors: z.string().trim().min(1, 'rule.inspector').max(200),
    checklist: z.array(checkItemSchema).max(60),
  })
  .strict();
export type InspectionInput = z.infer<typeof inspectionInputSchema>;
export type Inspection = Omit<InspectionInput, 'id'> & { id: string };

/** a photo already uploaded (finding.photo), named by its hash */
export const photoRefSchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'rule.photoHash'), name: z.string().trim().min(1).max(255) }).strict();

/** 责任人 and 期限 are checked by the service, which names the field in plain words. */
export const findingInputSchema = z
  .object({
    inspectionId: z.string().uuid(),
    level: z.enum(HAZARD_LEVELS),
    location: z.string().trim().min(1, 'rule.hazardPlace').max(120),
    description: z.string().trim().min(1, 'rule.problemText').max(2000),
    measure: z.string().trim().min(1, 'rule.remedy').max(2000),
    owner: z.string().trim().max(32).default(''),
    due: z.string().trim().max(10).default(''),
    photos: z.array(photoRefSchema).max(6).default([]),
  })
  .strict();
export type FindingInput = z.infer<typeof findingInputSchema>;

/** A follow-up action of a 研讨 (core/discussion.ts), as its minutes hold it. */
export interface FollowUp {
  id: string;
  issue: string;
  action: string;
  owner: string;
  ownerName: string;
  due: string;
  /** the finding it was registered as (登记为问题), or null */
  findingId: string | null;
  level: HazardLevel | null;
  location: string;
}

/** The minutes of a discussion session (the latest entry of a session is its minutes). */
export interface MinutesBody {
  sessionId: string;
  campaignId: string;
  type: import('./model').CollectiveType;
  topic: string;
  date: string;
  speakers: { employeeNo: string; name: string; points: string }[];
  conclusions: string;
  followUps: FollowUp[];
  sheetPhoto: FileRef | null;
}

/** The discussion session a finding was raised in, instead of an inspection. */
export interface RaisedIn {
  sessionId: string;
  type: import('./model').CollectiveType;
  topic: string;
  date: string;
}

export interface LedgerBodies {
  /** an inspection as saved (the latest one of an id is the inspection) */
  'inspection.saved': Inspection;
  'finding.recorded': {
    findingId: string;
    /** '' for a finding raised in a discussion (then `discussion` names the session) */
    inspectionId: string;
    discussion?: RaisedIn;
    campaignId: string;
    level: HazardLevel;
    location: string;
    description: string;
    measure: string;
    owner: string;
    ownerName: string;
    due: string;
    photos: FileRef[];
  };
  /** the 责任人 (or an officer for them) says what was done, with photos */
  'finding.rectified': { findingId: string; note: string; photos: FileRef[] };
  /** 验收: by someone other than the 责任人; not passed sends the finding back */
  'finding.verified': { findingId: string; passed: boolean; note: string };
  /** the minutes of a 研讨, kept in the campaign's chain beside the findings they raise */
  'discussion.minutes': MinutesBody;
}
export type LedgerType = keyof LedgerBodies;
export type LedgerEntry = { [K in LedgerType]: { seq: number; id: string; type: K; at: string; by: string; data: LedgerBodies[K]; prevHash: string; hash: string } }[LedgerType];

export type FindingStatus = 'open' | 'rectified' | 'closed';
export interface FindingState {
  id: string;
  /** the ledger entry that recorded it: the order findings were found in */
  seq: number;
  inspectionId: string;
  discussion?: RaisedIn;
  campaignId: string;
  recordedAt: string;
  recordedBy: string;
  level: HazardLevel;
  location: string;
  description: string;
  measure: string;
  owner: string;
  ownerName: string;
  due: string;
  photos: FileRef[];
  status: FindingStatus;
  rectifications: { at: string; by: string; note: string; photos: FileRef[] }[];
  verifications: { at: string; by: string; passed: boolean; note: string }[];
  closedAt: string | null;
  closedBy: string | null;
}

/** The inspections and findings as the ledger's entries leave them. */
export function foldLedger(entries: readonly LedgerEntry[]): { inspections: Map<string, Inspection & { savedAt: string; savedBy: string }>; findings: Map<string, FindingState> } {
  const inspections = new Map<string, Inspection & { savedAt: string; savedBy: string }>();
  const findings = new Map<string, FindingState>();
  for (const e of entries) {
    if (e.type === 'inspection.saved') inspections.set(e.data.id, { ...e.data, savedAt: e.at, savedBy: e.by });
    else if (e.type === 'finding.recorded') {
      const { findingId, ...d } = e.data;
      findings.set(findingId, { id: findingId, seq: e.seq, ...d, recordedAt: e.at, recordedBy: e.by, status: 'open', rectifications: [], verifications: [], closedAt: null, closedBy: null });
    } else if (e.type === 'finding.rectified') {
      const f = findings.get(e.data.findingId);
      if (!f) continue;
      f.rectifications.push({ at: e.at, by: e.by, note: e.data.note, photos: e.data.photos });
      f.status = 'rectified';
    } else if (e.type === 'finding.verified') {
      const f = findings.get(e.data.findingId);
      if (!f) continue;
      f.verifications.push({ at: e.at, by: e.by, passed: e.data.passed, note: e.data.note });
      f.status = e.data.passed ? 'closed' : 'open';
      f.closedAt = e.data.passed ? e.at : null;
      f.closedBy = e.data.passed ? e.by : null;
    }
  }
  return { inspections, findings };
}

/** Not closed and past its 整改期限 on the enterprise's local date. */
export const isOverdue = (f: Pick<FindingState, 'status' | 'due'>, today: string) => f.status !== 'closed' && f.due < today;

// Domain model: the shapes every layer agrees on. Pure data + zod schemas, no I/O.
import { z } from 'zod';
import { isCalendarDay } from './days';

export const ROLES = ['employee', 'officer', 'archivist', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERSON_CATEGORIES = ['主要负责人', '安全管理人员', '特种作业人员', '其他从业人员'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

/** 工号: letters, digits, '-' and '_' only, so it is safe as a file name and in a URL. */
export const employeeNoSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'rule.employeeNoChars');

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'rule.dateFormat');

/**
 * 岗位层级 in the notice's 述职 line: 班组长 report to 车间主任, 车间主任 to 分管副总, 分管副总 to
 * 总经理; the enterprise's 主要负责人 (总经理) reports to the bureau.
 */
export const REPORT_LEVELS = ['team', 'workshop', 'deputy', 'head'] as const;
export type ReportLevel = (typeof REPORT_LEVELS)[number];
export const REPORT_LEVEL_NAMES: Record<ReportLevel, string> = { team: '班组长', workshop: '车间主任', deputy: '分管副总', head: '总经理' };

export const personSchema = z.object({
  employeeNo: employeeNoSchema,
  name: z.string().trim().min(1).max(40),
  dept: z.string().trim().min(1).max(60),
  team: z.string().trim().max(60),
  post: z.string().trim().max(60),
  category: z.enum(PERSON_CATEGORIES),
  leader: z.boolean(),
  /** their place in the 述职 line (absent: not a reporter, e.g. an operator) */
  level: z.enum(REPORT_LEVELS).optional(),
  /** the 工号 of whom they report to (述职 goes up to that person) */
  superior: employeeNoSchema.optional(),
  /**
   * 入职日期 (absent: not known, as in rosters written before it existed). Someone hired after a
   * campaign ended takes no part in it (core/campaign-scope.ts).
   */
  hiredOn: isoDateSchema.refine(isCalendarDay, 'rule.noSuchDay').optional(),
});
export type Person = z.infer<typeof personSchema>;

export const settingsSchema = z
  .object({
    /** minutes per 学时; 45 is the industry custom (行业惯例), not a statute: editable. */
    minutesPerCreditHour: z.number().int().min(10).max(120),
    idleLimitSeconds: z.number().int().min(30).max(1800),
    heartbeatSeconds: z.number().int().min(5).max(60),
    /** offset of the plant's local time from UTC, minutes (China: 480); decides what "today" is. */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    /** no day counts more study time than this, across all sessions */
    dailyCapHours: z.number().int().min(1).max(24),
    /** 防挂机验证: a prompt at random intervals that needs a deliberate answer */
    attentionChecks: z.boolean(),
    attentionCheckMinMinutes: z.number().int().min(1).max(120),
    attentionCheckMaxMinutes: z.number().int().min(1).max(240),
    attentionCheckAnswerSeconds: z.number().int().min(15).max(600),
    /**
     * 学时 per person category: initial training and annual retraining. Editable defaults; the
     * figures usually cited for hazardous-chemical units are 48/16 for principals and safety
     * managers and 72/20 for other employees (生产经营单位安全培训规定, per secondary sources).
     */
    categoryTargets: z.record(z.enum(PERSON_CATEGORIES), z.object({ initial: z.number().min(0).max(500), annual: z.number().min(0).max(500) })),
    /** an essay sharing at least this share (%) with another text is flagged; accepting it needs a reason */
    essaySimilarityPercent: z.number().int().min(5).max(100),
    /** training records are kept at least this many years after a person's last record; never deleted automatically */
    retentionYears: z.number().int().min(1).max(50),
    /** what a new campaign asks of some person categories (学时), where it differs from the campaign's own target */
    campaignTargetsByCategory: z.partialRecord(z.enum(PERSON_CATEGORIES), z.number().min(0).max(200)),
    /** the largest video an officer may upload, in MB (absent: DEFAULT_VIDEO_UPLOAD_MB); optional, so older folders need no migration */
    videoUploadMaxMb: z
      .number()
      .int()
      .min(1)
      .max(20 * 1024)
      .optional(),
  })
  .refine((s) => s.attentionCheckMaxMinutes >= s.attentionCheckMinMinutes, {
    path: ['attentionCheckMaxMinutes'],
    message: 'rule.maxIntervalBelowMin',
  });
export type Settings = z.infer<typeof settingsSchema>;
/** a video upload's limit where the admin set none: 2 GB */
export const DEFAULT_VIDEO_UPLOAD_MB = 2048;
export const DEFAULT_SETTINGS: Settings = {
  minutesPerCreditHour: 45,
  idleLimitSeconds: 120,
  heartbeatSeconds: 15,
  utcOffsetMinutes: 480,
  dailyCapHours: 8,
  attentionChecks: true,
  attentionCheckMinMinutes: 10,
  attentionCheckMaxMinutes: 20,
  attentionCheckAnswerSeconds: 60,
  essaySimilarityPercent: 30,
  retentionYears: 3,
  categoryTargets: {
    主要负责人: { initial: 48, annual: 16 },
    安全管理人员: { initial: 48, annual: 16 },
    特种作业人员: { initial: 72, annual: 20 },
    其他从业人员: { initial: 72, annual: 20 },
  },
  campaignTargetsByCategory: {},
};

export const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill', 'short'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export const questionSchema = z
  .object({
    id: z.string().min(1).max(64),
    type: z.enum(QUESTION_TYPES),
    stem: z.string().min(1).max(4000),
    options: z.array(z.string().min(1).max(1000)).max(8).default([]),
    /** single/multiple: option letters; truefalse: ['T'] or ['F']; fill: accepted texts; short: reference answer. */
    answer: z.array(z.string().min(1).max(2000)).min(1),
    explanation: z.string().max(4000).default(''),
    score: z.number().positive().max(100),
    /** 出处: clause or section the question rests on, e.g. 「第二十八条」 */
    source: z.string().max(200).default(''),
    /** the bank (题库) it was imported into */
    bank: z.string().max(100).default(''),
    /** 难度: 0 not set, 1 易, 2 中, 3 难 */
    difficulty: z.number().int().min(0).max(3).default(0),
    /** 分类 within the bank, e.g. 特殊作业, 应急处置 */
    category: z.string().trim().max(60).default(''),
    tags: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
    /** the study document (corpus id) it is drawn from; '' none */
    docId: z.string().max(80).default(''),
    /** 1 when written or imported; each edit adds one, the older versions are kept */
    version: z.number().int().min(1).default(1),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'single' || q.type === 'multiple') {
      if (q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'rule.choiceTwoOptions' });
      const letters = q.options.map((_, i) => String.fromCharCode(65 + i));
      for (const a of q.answer) {
        if (!letters.includes(a)) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'rule.answerNotOption', params: { answer: a } });
      }
      if (q.type === 'single' && q.answer.length !== 1) {
        ctx.addIssue({ code: 'custom', path: ['answer'], message: 'rule.singleOneAnswer' });
      }
    }
    if (q.type === 'truefalse' && !(q.answer.length === 1 && (q.answer[0] === 'T' || q.answer[0] === 'F'))) {
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'rule.trueFalseAnswer' });
    }
  });
export type Question = z.infer<typeof questionSchema>;
/** What a person taking the quiz may see: no answer, no explanation. */
export type QuestionForTaker = Pick<Question, 'id' | 'type' | 'stem' | 'options' | 'score'>;
export type QuestionInput = z.input<typeof questionSchema>;

export const DIFFICULTIES = [1, 2, 3] as const;

/**
 * A rule of a paper drawn at random (随机组卷): how many questions of a type, each worth how many
 * points, from which part of the bank. An empty list means "any".
 */
export const drawRuleSchema = z.object({
  type: z.enum(QUESTION_TYPES),
  count: z.number().int().min(1).max(200),
  points: z.number().positive().max(100),
  banks: z.array(z.string().max(100)).max(50).default([]),
  categories: z.array(z.string().max(60)).max(50).default([]),
  docIds: z.array(z.string().max(80)).max(50).default([]),
  difficulties: z.array(z.number().int().min(1).max(3)).max(3).default([]),
});
export type DrawRule = z.infer<typeof drawRuleSchema>;

export const phaseSchema = z.object({ name: z.string().min(1).max(60), start: isoDateSchema, end: isoDateSchema });

/**
 * What a campaign is: the 警示月 (warning month), 三级安全教育 for new hires (induction), the annual
 * refresher (年度再培训), a monthly 班组安全活动, or anything else the officer sets up.
 */
export const CAMPAIGN_KINDS = ['warning', 'induction', 'refresher', 'team', 'other'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** The three levels of 三级安全教育: company (厂级), workshop (车间级), team (班组级). */
export const INDUCTION_LEVELS = ['company', 'workshop', 'team'] as const;
export type InductionLevel = (typeof INDUCTION_LEVELS)[number];
export const INDUCTION_LEVEL_NAMES: Record<InductionLevel, string> = { company: '公司级', workshop: '车间级', team: '班组级' };

const deptName = z.string().trim().min(1).max(60);
/**
 * Who takes part: everyone on the roster, or those of the named departments, teams (a team is named
 * with its department: two departments may each have a 一班) or person categories, and the people
 * listed by 工号 (e.g. this month's new hires). A person matching any of them takes part.
 */
export const participantsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z
    .object({
      kind: z.literal('some'),
      depts: z.array(deptName).max(200).default([]),
      teams: z
        .array(z.object({ dept: deptName, team: z.string().trim().min(1).max(60) }))
        .max(500)
        .default([]),
      categories: z.array(z.enum(PERSON_CATEGORIES)).max(PERSON_CATEGORIES.length).default([]),
      employeeNos: z.array(employeeNoSchema).max(5000).default([]),
    })
    .refine((p) => p.depts.length + p.teams.length + p.categories.length + p.employeeNos.length > 0, { message: 'rule.participantsNone', path: ['employeeNos'] }),
]);
export type Participants = z.infer<typeof participantsSchema>;

export const campaignInputSchema = z
  .object({
    id: z.string().max(64).optional(),
    name: z.string().trim().min(1).max(120),
    kind: z.enum(CAMPAIGN_KINDS).default('warning'),
    participants: participantsSchema.default({ kind: 'all' }),
    /** 三级安全教育: the 学时 of each level (signed off per person by the level's responsible person) */
    induction: z.object({ levels: z.array(z.object({ level: z.enum(INDUCTION_LEVELS), hours: z.number().min(0).max(200) })).length(3) }).optional(),
    start: isoDateSchema,
    end: isoDateSchema,
    studyStart: isoDateSchema,
    studyEnd: isoDateSchema,
    phases: z.array(phaseSchema).max(10),
    documents: z.array(z.object({ docId: z.string().min(1).max(80), minutes: z.number().int().min(0).max(6000) })).min(1, 'rule.oneStudyDocument'),
    targetCreditHours: z.number().min(0).max(200),
    /** a different target for some person categories (e.g. more for 主要负责人); the others take targetCreditHours */
    targetByCategory: z.partialRecord(z.enum(PERSON_CATEGORIES), z.number().min(0).max(200)).default({}),
    quiz: z.object({
      /** fixed: everyone gets questionIds; random: each person gets a paper drawn by the rules */
      mode: z.enum(['fixed', 'random']).default('fixed'),
      questionIds: z.array(z.string().min(1)).max(500).default([]),
      rules: z.array(drawRuleSchema).max(20).default([]),
      timeLimitMinutes: z.number().int().min(1).max(300),
      passMark: z.number().min(0).max(100),
      maxAttempts: z.number().int().min(1).max(10),
      /** each person gets the questions, and each question's options, in an order of their own */
      shuffleQuestions: z.boolean().default(false),
      shuffleOptions: z.boolean().default(false),
      /** multiple choice: no wrong option chosen → the share of right options chosen (else all or nothing) */
      partialCredit: z.boolean().default(false),
      /** when a person may see the right answers and 解析 of a submitted attempt */
      showAnswers: z.enum(['never', 'after_submit', 'after_end']).default('after_submit'),
      /** leaving the quiz window this many times submits the attempt (0: never; leaves are counted anyway) */
      maxLeaves: z.number().int().min(0).max(50).default(0),
      /** graders see a pseudonym per paper, never a name or 工号 (turned off once grading is over) */
      anonymousGrading: z.boolean().default(false),
    }),
    essay: z.object({
      minChars: z.number().int().min(0).max(20000),
      deadline: isoDateSchema,
      /** a different minimum for some person categories (e.g. more from 主要负责人) */
      minCharsByCategory: z.partialRecord(z.enum(PERSON_CATEGORIES), z.number().int().min(0).max(20000)).default({}),
    }),
    accidents: z.array(z.string().trim().min(1).max(120)).max(30),
  })
  .superRefine((c, ctx) => {
    if (c.start > c.end) ctx.addIssue({ code: 'custom', path: ['end'], message: 'rule.endBeforeStart' });
    if (c.studyStart > c.studyEnd) ctx.addIssue({ code: 'custom', path: ['studyEnd'], message: 'rule.studyEndBeforeStart' });
    if (c.quiz.mode === 'fixed' && c.quiz.questionIds.length === 0) ctx.addIssue({ code: 'custom', path: ['quiz', 'questionIds'], message: 'rule.paperOneQuestion' });
    if (c.quiz.mode === 'random' && c.quiz.rules.length === 0) ctx.addIssue({ code: 'custom', path: ['quiz', 'rules'], message: 'rule.drawnPaperOneRule' });
    c.phases.forEach((p, i) => {
      if (p.start > p.end) ctx.addIssue({ code: 'custom', path: ['phases', i, 'end'], message: 'rule.phaseEndBeforeStart' });
    });
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;
/** closedAt/closedBy: the campaign was closed (frozen, read-only) then, by that person; absent while open. */
export type Campaign = CampaignInput & { id: string; createdAt: string; createdBy: string; updatedAt: string; closedAt?: string; closedBy?: string };

/** The four parts the notice asks of everyone; 班子成员 (leaders) write a fifth on their duty as leaders. */
export const ESSAY_PARTS = ['awareness', 'responsibility', 'warning', 'measures'] as const;
export const LEADER_PART = 'leadership' as const;
export const ALL_ESSAY_PARTS = [...ESSAY_PARTS, LEADER_PART] as const;
export type EssayPart = (typeof ALL_ESSAY_PARTS)[number];
export const essayPartsSchema = z.object({
  awareness: z.string().max(20000),
  responsibility: z.string().max(20000),
  warning: z.string().max(20000),
  measures: z.string().max(20000),
  leadership: z.string().max(20000).default(''),
});
/** The parts a person writes: the four, and for a leader the fifth. */
export const partsFor = (leader: boolean): readonly EssayPart[] => (leader ? ALL_ESSAY_PARTS : ESSAY_PARTS);
/** Titles and prompts (Chinese: they go into the printed essay, and are the template copy detection checks against). */
export const ESSAY_PART_TITLES: Record<EssayPart, string> = {
  awareness: '一、安全意识提升方面存在的不足',
  responsibility: '二、安全责任落实方面存在的不足',
  warning: '三、事故给自身的安全警示',
  measures: '四、下一步改进措施',
  leadership: '五、作为班子成员履行安全生产领导责任方面的不足',
};
export const ESSAY_PART_PROMPTS: Record<EssayPart, string> = {
  awareness: '对照事故教训，自己在风险意识、规章意识上有哪些欠缺？举出具体的事例。',
  responsibility: '自己岗位的安全职责有哪些没有做到位？制度和规程执行上有哪些打折扣的地方？',
  warning: '这些事故让您想到了什么？同样的事情会不会在您的岗位上发生？',
  measures: '写出具体、可检查的措施：做什么、什么时候做、怎样算做到。',
  leadership: '作为班子成员，在落实全员安全生产责任制、安全投入、隐患排查治理、带头执行制度上有哪些不足？',
};
export type EssayParts = z.infer<typeof essayPartsSchema>;

export type EssayStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'accepted';

export const EXCLUDE_REASONS = ['idle', 'hidden', 'unfocused', 'locked', 'gap', 'check_missed', 'daily_cap'] as const;
export type ExcludeReason = (typeof EXCLUDE_REASONS)[number];

/** 警示教育 collective sessions the notice names: film, case lecture, topic seminar, group discussion. */
/** the notice's collective activities: films, case lectures, seminars, group discussion; and 二(六)/三(一): the 动员部署会, 安全大讲堂, 安全宣誓, 安全演讲 */
export const COLLECTIVE_TYPES = ['film', 'lecture', 'seminar', 'group', 'mobilization', 'forum', 'oath', 'speech'] as const;
export type CollectiveType = (typeof COLLECTIVE_TYPES)[number];
export const COLLECTIVE_TYPE_NAMES: Record<CollectiveType, string> = {
  film: '集中观看警示教育片',
  lecture: '事故案例宣讲',
  seminar: '专题研讨',
  group: '分组讨论',
  mobilization: '动员部署会',
  forum: '安全大讲堂',
  oath: '安全宣誓',
  speech: '安全演讲',
};
export const collectiveInputSchema = z.object({
  id: z.string().max(64).optional(),
  campaignId: z.string().min(1).max(64),
  type: z.enum(COLLECTIVE_TYPES),
  topic: z.string().trim().min(1).max(200),
  date: isoDateSchema,
  start: z.string().regex(/^\d{2}:\d{2}$/, 'rule.timeFormat'),
  durationMinutes: z.number().int().min(5).max(600),
  place: z.string().trim().max(100),
  host: z.string().trim().max(60),
  /** the accident case of the case library it presents or discusses (案例宣讲, 分组研讨) */
  caseId: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
});
export type CollectiveInput = z.infer<typeof collectiveInputSchema>;

/** The 学时 a campaign asks of a person of this category: its own figure for the category, else the campaign's. */
export function targetFor(c: { targetCreditHours: number; targetByCategory?: Partial<Record<PersonCategory, number>> }, category: string | null | undefined): number {
  const own = category ? c.targetByCategory?.[category as PersonCategory] : undefined;
  return own ?? c.targetCreditHours;
}

/** What a campaign asks, in words: "8 学时", or "8 学时（主要负责人 12 学时，安全管理人员 10 学时）". */
export function targetsText(c: { targetCreditHours: number; targetByCategory?: Partial<Record<PersonCategory, number>> }): string {
  const others = PERSON_CATEGORIES.filter((k) => c.targetByCategory?.[k] !== undefined && c.targetByCategory[k] !== c.targetCreditHours).map((k) => `${k} ${c.targetByCategory![k]} 学时`);
  return `${c.targetCreditHours} 学时${others.length ? `（${others.join('，')}）` : ''}`;
}

// What the officer's views of one campaign need of a person, derived from their record once when it
// is written instead of from their whole history at every view: per campaign the hours, the quiz
// attempts as scored, what waits for a grader and the essay's state; per calendar year the counted
// time. Pure functions of the record; the stores keep the results (storage/lowdb/summary-index.ts on
// lowdb, a table on PostgreSQL). The open study session is left out: it changes every few seconds
// and is read as it stands when a view is made (openStudyOf).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical';
import { countEssay } from '../core/essay';
import { scoreAttempt } from '../core/grading';
import type { EssayParts, EssayStatus, QuestionType } from '../core/model';
import type { DeepReadonly } from './versioned';
import type { PersonFile } from './person';
import { questionSha, type EventBodies } from './events';
import { sessionCampaignIds, sessionCountsFor } from '../core/campaign-scope';
import { inductionSignOffs } from './induction';

export interface AttemptSummary {
  attemptId: string;
  startedAt: string;
  submittedAt: string;
  timedOut: boolean;
  passMark: number;
  leaves: number;
  score: number;
  max: number;
  percent: number;
  pendingCount: number;
  /** the questions as given (points as on the paper) */
  questions: { id: string; sha: string; max: number; type: QuestionType }[];
  /** points of each question graded so far, by the key or by a grader */
  scores: Record<string, number>;
  /** answers that wait for a grader; stem and reference only for attempts that kept a copy of their questions */
  pending: { questionId: string; sha: string; given: string; max: number; stem?: string; reference?: string }[];
  /** who graded this attempt by hand */
  graders: string[];
}

export interface CampaignFigures {
  selfMs: number;
  collectiveMs: number;
  sessions: number;
  longestMs: number;
  checksIssued: number;
  checksMissed: number;
  attempts: AttemptSummary[];
  essay: {
    status: EssayStatus;
    version: number;
    submittedAt: string | null;
    /** characters of the latest version, or of the draft when nothing was submitted */
    total: number;
    /** the latest submitted version (compared for copies, read by the grader) */
    parts: EssayParts | null;
  };
}

export interface PersonSummary {
  campaigns: Record<string, CampaignFigures>;
  /** time counted per calendar year (local dates) in closed study sessions, collective sessions and signed 三级安全教育 levels */
  years: Record<string, number>;
}

/** The open study session's time as it stands (provisional time included), for progress and the year. */
export interface OpenStudyBits {
  campaignId: string;
  alsoFor?: string[];
  countedMs: number;
  byDay: Record<string, number>;
}

/** What a view gets per person: their summary in the campaign (null: nothing there yet), the year figures, the open session. */
export interface PersonCampaignView {
  campaign: CampaignFigures | null;
  years: Readonly<Record<string, number>>;
  study: OpenStudyBits | null;
}

/**
 * What a campaign's counts (the progress page's totals and chart) need of one person: the numbers of
 * their figures there, and the open session's time when it counts toward the campaign. A store may
 * read only these (PostgreSQL: scalar columns, no JSON), as countsOf does from a whole view.
 */
export interface PersonCampaignCounts {
  selfMs: number;
  collectiveMs: number;
  longestMs: number;
  checksIssued: number;
  checksMissed: number;
  /** the open session's counted time, when it counts toward this campaign (else 0) */
  openMs: number;
}

export function countsOf(v: PersonCampaignView, campaignId: string): PersonCampaignCounts {
  const f = v.campaign;
  return {
    selfMs: f?.selfMs ?? 0,
    collectiveMs: f?.collectiveMs ?? 0,
    longestMs: f?.longestMs ?? 0,
    checksIssued: f?.checksIssued ?? 0,
    checksMissed: f?.checksMissed ?? 0,
    openMs: v.study && sessionCountsFor(v.study, campaignId) ? v.study.countedMs : 0,
  };
}

/** What the year's view gets per person: the year figures and the open session, no campaign's figures. */
export type PersonYearView = Pick<PersonCampaignView, 'years' | 'study'>;

export function emptyCampaignFigures(): CampaignFigures {
  return {
    selfMs: 0,
    collectiveMs: 0,
    sessions: 0,
    longestMs: 0,
    checksIssued: 0,
    checksMissed: 0,
    attempts: [],
    essay: { status: 'not_started', version: 0, submittedAt: null, total: 0, parts: null },
  };
}

export function openStudyOf(f: DeepReadonly<PersonFile>): OpenStudyBits | null {
  return studyBits(f.open.study);
}

/** the fields of an open session that studyBits reads (a store may fetch only these) */
export type StudyBitsSource = Pick<NonNullable<PersonFile['open']['study']>, 'campaignId' | 'alsoFor' | 'countedMs' | 'provisionalMs' | 'byDay' | 'provisionalByDay'>;

export function studyBits(o: DeepReadonly<StudyBitsSource> | null | undefined): OpenStudyBits | null {
  if (!o) return null;
  const byDay: Record<string, number> = { ...o.byDay };
  for (const [d, ms] of Object.entries(o.provisionalByDay ?? {})) byDay[d] = (byDay[d] ?? 0) + ms;
  return { campaignId: o.campaignId, ...(o.alsoFor?.length ? { alsoFor: [...o.alsoFor] } : {}), countedMs: o.countedMs + (o.provisionalMs ?? 0), byDay };
}

type Submitted = EventBodies['quiz.submitted'];

/** Every campaign of the record summarized, in one pass over its events. */
export function summarizePerson(file: DeepReadonly<PersonFile>): PersonSummary {
  const f = file as PersonFile;
  const campaigns: Record<string, CampaignFigures> = {};
  const years: Record<string, number> = {};
  const of = (id: string) => (campaigns[id] ??= emptyCampaignFigures());
  const addYears = (byDay: Readonly<Record<string, number>>) => {
    for (const [d, ms] of Object.entries(byDay)) years[d.slice(0, 4)] = (years[d.slice(0, 4)] ?? 0) + ms;
  };
  const attempts = new Map<string, { e: Submitted; items: Submitted['items']; manual: Record<string, number>; graders: Set<string> }>();
  const attended = new Map<string, EventBodies['collective.attended']>();
  const essays = new Map<string, { latest: EventBodies['essay.submitted'] & { at: string }; review: EventBodies['essay.reviewed'] | null }>();
  for (const e of f.events) {
    switch (e.type) {
      case 'study.session': {
        // one stretch of study may count toward several campaigns (alsoFor), and once in the year
        for (const id of sessionCampaignIds(e.data)) {
          const s = of(id);
          s.selfMs += e.data.countedMs;
          s.sessions += 1;
          s.longestMs = Math.max(s.longestMs, Date.parse(e.data.endedAt) - Date.parse(e.data.startedAt));
          s.checksIssued += e.data.checks?.issued ?? 0;
          s.checksMissed += e.data.checks?.missed ?? 0;
        }
        addYears(e.data.byDay);
        break;
      }
      case 'quiz.submitted':
        attempts.set(e.data.attemptId, { e: e.data, items: e.data.items, manual: {}, graders: new Set() });
        break;
      case 'quiz.regraded': {
        const a = attempts.get(e.data.attemptId);
        if (a) a.items = e.data.items;
        break;
      }
      case 'quiz.graded': {
        const a = attempts.get(e.data.attemptId);
        if (a) {
          a.manual[e.data.questionId] = e.data.score;
          a.graders.add(e.by);
        }
        break;
      }
      case 'collective.attended':
        attended.set(e.data.sessionId, e.data);
        break;
      case 'collective.withdrawn':
        attended.delete(e.data.sessionId);
        break;
      case 'essay.submitted':
        essays.set(e.data.campaignId, { latest: { ...e.data, at: e.at }, review: null });
        break;
      case 'essay.reviewed': {
        const x = essays.get(e.data.campaignId);
        if (x) x.review = e.data;
        break;
      }
      default:
        break;
    }
  }
  for (const a of attempts.values()) of(a.e.campaignId).attempts.push(attemptSummary(a.e, a.items, a.manual, [...a.graders]));
  for (const c of attended.values()) {
    of(c.campaignId).collectiveMs += c.durationMinutes * 60_000;
    years[c.date.slice(0, 4)] = (years[c.date.slice(0, 4)] ?? 0) + c.durationMinutes * 60_000;
  }
  // a signed level of 三级安全教育 is training held on its date, counted with the collective time
  // (kept in collectiveMs, so the stored summaries keep their shape and every sum includes it)
  for (const s of inductionSignOffs(f).values()) {
    of(s.campaignId).collectiveMs += s.minutes * 60_000;
    years[s.date.slice(0, 4)] = (years[s.date.slice(0, 4)] ?? 0) + s.minutes * 60_000;
  }
  for (const [id, x] of essays) {
    const status: EssayStatus = x.review && x.review.version === x.latest.version ? (x.review.decision === 'accept' ? 'accepted' : 'returned') : 'submitted';
    of(id).essay = { status, version: x.latest.version, submittedAt: x.latest.at, total: countEssay(x.latest.parts).total, parts: x.latest.parts };
  }
  for (const [id, d] of Object.entries(f.open.essayDrafts)) {
    if (essays.has(id)) continue;
    of(id).essay = { status: 'draft', version: 0, submittedAt: null, total: countEssay(d.parts).total, parts: null };
  }
  return { campaigns, years };
}

function attemptSummary(e: Submitted, items: Submitted['items'], manual: Record<string, number>, graders: string[]): AttemptSummary {
  const s = scoreAttempt(items, manual);
  const copies = new Map((e.questions ?? []).map((q) => [q.id, q]));
  const given = e.paper ?? (e.questions ?? []).map((q) => ({ id: q.id, sha: questionSha(q), score: q.score, type: q.type }));
  const shas = new Map(given.map((q) => [q.id, q.sha]));
  const scores: Record<string, number> = {};
  const pending: AttemptSummary['pending'] = [];
  for (const it of items) {
    if (it.status === 'graded') scores[it.questionId] = it.score;
    else if (manual[it.questionId] !== undefined) scores[it.questionId] = manual[it.questionId]!;
    else {
      const q = copies.get(it.questionId);
      pending.push({
        questionId: it.questionId,
        sha: shas.get(it.questionId) ?? '',
        given: (e.answers[it.questionId] ?? []).join('\n'),
        max: it.max,
        ...(q ? { stem: q.stem, reference: q.answer.join('；') } : {}),
      });
    }
  }
  return {
    attemptId: e.attemptId,
    startedAt: e.startedAt,
    submittedAt: e.submittedAt,
    timedOut: e.timedOut,
    passMark: e.passMark,
    leaves: e.leaves ?? 0,
    score: s.score,
    max: s.max,
    percent: s.percent,
    pendingCount: s.pendingCount,
    questions: given.map((q) => ({ id: q.id, sha: q.sha, max: q.score, type: q.type })),
    scores,
    pending,
    graders,
  };
}

/** What a store keeps beside a person's record: the year figures and a digest per campaign. */
export interface SummaryHead {
  years: Record<string, number>;
  digests: Record<string, string>;
}

export function headOf(s: PersonSummary): SummaryHead {
  return { years: s.years, digests: Object.fromEntries(Object.entries(s.campaigns).map(([id, c]) => [id, summaryDigest(c)])) };
}

/** A short digest of one campaign's summary: a stored summary is current while its digest is. */
export function summaryDigest(s: CampaignFigures): string {
  return createHash('sha256').update(canonicalJson(s)).digest('base64').slice(0, 16);
}

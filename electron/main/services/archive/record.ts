// A person's training record as archived: the roster entry, the figures of each campaign they took
// part in, every event, and the question versions their attempts name. Pure but for the reads.
import { canonicalJson } from '../../../core/canonical';
import type { Campaign, Person, Question, Settings } from '../../../core/model';
import type { DeepReadonly } from '../../../records/versioned';
import { toCreditHours } from '../../../core/study-time';
import type { PersonFile } from '../../../records/person';
import { chainHead, type PersonEvent } from '../../../records/events';
import { summarize } from '../campaign/campaign';
import { essayState, quizResults, studyTotals } from '../../../records/derive';
import { notFound } from '../errors';
import { summarizePerson } from '../../../records/summary';
import { inductionSignOffs } from '../../../records/induction';
import { iso, type Ports } from '../ports';
import { attemptQuestions, questionSha, questionVersions, type QuestionVersions } from '../bank/question-versions';

interface CampaignRecord {
  campaign: ReturnType<typeof summarize>;
  /** self-study + collective sessions */
  studiedMs: number;
  selfMs: number;
  collectiveMs: number;
  creditHours: number;
  quiz: ReturnType<typeof quizResults>;
  essayStatus: string;
}

/** One calendar year of the file: the time counted in it across all campaigns, against what the year asks. */
export interface YearFigure {
  year: string;
  ms: number;
  creditHours: number;
  requiredCreditHours: number;
  /** initial: the person had 三级安全教育 that year (the initial training's figure); annual: retraining */
  basis: 'initial' | 'annual';
}

export interface PersonRecord {
  format: 'anxue-person-record';
  formatVersion: 1;
  enterprise: string;
  person: Person;
  minutesPerCreditHour: number;
  utcOffsetMinutes: number;
  /** the file shows one calendar year (YYYY): the campaigns whose dates touch it, the events of it; absent: everything */
  year?: string;
  campaigns: CampaignRecord[];
  /** per calendar year (of `year` only, when set) */
  years: YearFigure[];
  /** the whole chain, whatever the year: it is what proves the file */
  events: PersonEvent[];
  /** the versions of the questions the attempts name (by id, version and digest: `paper` in quiz.submitted) */
  questions: Question[];
  chainHead: string;
  /** the fingerprint (SHA-256) of the enterprise's signing key, which signs the archive's manifest */
  signingKey: string | null;
  /** declared timestamp: the only field that differs between two exports of the same data */
  exportedAt: string;
  exportedBy: string;
}

/** The question versions an archived record carries, by digest. */
export function recordVersions(record: Pick<PersonRecord, 'questions'>): QuestionVersions {
  return new Map((record.questions ?? []).map((q) => [questionSha(q), q]));
}

/** The bank's versions of every question a person's attempts refer to, in the order first named. */
function referencedQuestions(events: readonly PersonEvent[], versions: QuestionVersions): Question[] {
  const out = new Map<string, Question>();
  for (const e of events) {
    if (e.type !== 'quiz.submitted' || !e.data.paper) continue;
    const qs = attemptQuestions(e.data, versions);
    e.data.paper.forEach((r, i) => {
      if (!out.has(r.sha)) out.set(r.sha, { ...qs[i]!, score: versions.get(r.sha)?.score ?? r.score });
    });
  }
  return [...out.values()];
}

/**
 * What every record of one export reads alike (the enterprise and its settings, the campaigns, the
 * roster, the bank's question versions, the signing key), read once per export or batch: a batch
 * of 3,000 reads and copies none of it per person, and every record in it stands at one moment.
 */
export interface SharedSnapshot {
  enterprise: string;
  settings: DeepReadonly<Settings>;
  campaigns: readonly Campaign[];
  roster: ReadonlyMap<string, DeepReadonly<Person & { updatedAt?: string }>>;
  versions: QuestionVersions;
  signingKey: string | null;
}

export async function takeSharedSnapshot(ports: Ports): Promise<SharedSnapshot> {
  const meta = await ports.store.meta.peek();
  return {
    enterprise: meta.enterprise ?? '',
    settings: meta.settings,
    campaigns: (await ports.store.campaigns.peek()).campaigns as Campaign[],
    roster: new Map((await ports.store.roster.peek()).people.map((p) => [p.employeeNo, p])),
    versions: await questionVersions(ports),
    signingKey: (await ports.store.signing.peek()).fingerprint,
  };
}

/** The record as JSON, keys sorted: the same data gives the same bytes (except exportedAt). */
export function recordJson(record: PersonRecord): string {
  return JSON.stringify(JSON.parse(canonicalJson(record)), null, 2) + '\n';
}

/** A campaign whose dates touch a calendar year. */
const touches = (c: Pick<Campaign, 'start' | 'end'>, year: string) => c.start.slice(0, 4) <= year && c.end.slice(0, 4) >= year;

/** Per calendar year: counted time (as the year figure everywhere, records/summary.ts) against the category's figure. */
function yearFigures(f: PersonFile, person: Person, settings: Settings, only: string | undefined): YearFigure[] {
  const counted = summarizePerson(f).years;
  const inductionYears = new Set([...inductionSignOffs(f).values()].map((x) => x.date.slice(0, 4)));
  const years = new Set([...Object.keys(counted).filter((y) => (counted[y] ?? 0) > 0), ...inductionYears]);
  const targets = settings.categoryTargets[person.category];
  return [...years]
    .filter((y) => !only || y === only)
    .sort()
    .map((year) => {
      const ms = counted[year] ?? 0;
      const initial = inductionYears.has(year);
      return {
        year,
        ms,
        creditHours: toCreditHours(ms, settings.minutesPerCreditHour),
        requiredCreditHours: (initial ? targets?.initial : targets?.annual) ?? 0,
        basis: initial ? 'initial' : 'annual',
      };
    });
}

export async function buildPersonRecord(ports: Ports, employeeNo: string, by: string, shared?: SharedSnapshot, opts: { year?: string } = {}): Promise<PersonRecord> {
  const s = shared ?? (await takeSharedSnapshot(ports));
  const found = s.roster.get(employeeNo);
  if (!found) throw notFound('common.notOnRoster', { employeeNo });
  const { updatedAt: _u, ...person } = structuredClone(found) as Person & { updatedAt?: string };
  const settings = s.settings as Settings;
  // peek, not read: the record only reads the events (they are frozen once written), and a batch
  // must not copy every person's file
  const stored = (await ports.store.person(employeeNo).peek()) as PersonFile;
  // The archive holds records only: a study session still open is not yet a record.
  const f: PersonFile = { ...stored, open: { study: null, quiz: {}, essayDrafts: {} } };
  // a campaign is the person's when a record names it, a study session's alsoFor included
  const named = new Set<string>();
  for (const e of f.events) {
    if ('campaignId' in e.data) named.add(e.data.campaignId);
    if (e.type === 'study.session') for (const id of e.data.alsoFor ?? []) named.add(id);
  }
  const involved = s.campaigns.filter((c) => named.has(c.id) && (!opts.year || touches(c, opts.year)));
  const now = ports.clock.now();
  return {
    format: 'anxue-person-record',
    formatVersion: 1,
    enterprise: s.enterprise,
    person,
    minutesPerCreditHour: settings.minutesPerCreditHour,
    utcOffsetMinutes: settings.utcOffsetMinutes,
    ...(opts.year ? { year: opts.year } : {}),
    years: yearFigures(f, person, settings, opts.year),
    campaigns: involved.map((c) => {
      const t = studyTotals(f, c, settings, now, person.category);
      return {
        campaign: summarize(c),
        studiedMs: t.campaignMs,
        selfMs: t.selfMs,
        collectiveMs: t.collectiveMs,
        creditHours: toCreditHours(t.campaignMs, settings.minutesPerCreditHour),
        quiz: quizResults(f, c.id),
        essayStatus: essayState(f, c.id).status,
      };
    }),
    events: f.events,
    questions: referencedQuestions(f.events, s.versions),
    chainHead: chainHead(f.events),
    signingKey: s.signingKey,
    exportedAt: iso(now),
    exportedBy: by,
  };
}

// xAPI (Experience API 1.0.3) statements from a person's records, for a Learning Record Store.
// Actor: an account on the enterprise's homePage with the 工号 as name. Verbs from ADL's registry:
// experienced (study sessions, collective sessions), answered (each quiz question), scored (a
// short answer graded), passed / failed (an attempt), completed (an essay accepted). Study time is
// result.duration (ISO 8601). Statement ids are derived from the record's hash, so exporting the
// same records twice gives the same statements.
import { createHash } from 'node:crypto';
import { COLLECTIVE_TYPE_NAMES, INDUCTION_LEVEL_NAMES, type Person } from '../../../core/model';
import type { PersonEvent } from '../../../records/events';
import { attemptQuestions, type QuestionVersions } from '../bank/question-versions';

const ADL = 'http://adlnet.gov/expapi/verbs/';
const VERBS = {
  experienced: { zh: '学习了', en: 'experienced' },
  answered: { zh: '作答了', en: 'answered' },
  scored: { zh: '得分', en: 'scored' },
  passed: { zh: '通过了', en: 'passed' },
  failed: { zh: '未通过', en: 'failed' },
  completed: { zh: '完成了', en: 'completed' },
} as const;
type Verb = keyof typeof VERBS;

export interface XapiStatement {
  id: string;
  actor: { objectType: 'Agent'; name: string; account: { homePage: string; name: string } };
  verb: { id: string; display: Record<string, string> };
  object: { objectType: 'Activity'; id: string; definition: { name: Record<string, string>; type?: string } };
  result?: { duration?: string; score?: { raw: number; min: number; max: number; scaled?: number }; success?: boolean; completion?: boolean; response?: string };
  context?: { registration?: string; platform: string; language: string; extensions?: Record<string, unknown> };
  timestamp: string;
  version: '1.0.3';
}

/** PT1H2M3.5S */
export function isoDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 100) / 10);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = Math.round((total - h * 3600 - m * 60) * 10) / 10;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** A UUID (version 5 layout) from any text: the same record always gives the same statement id. */
export function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function statementsFor(
  person: Pick<Person, 'employeeNo' | 'name'>,
  events: readonly PersonEvent[],
  opts: { homePage: string; activityBase: string; questions: QuestionVersions },
): XapiStatement[] {
  const actor = { objectType: 'Agent' as const, name: person.name, account: { homePage: opts.homePage, name: person.employeeNo } };
  const out: XapiStatement[] = [];
  const make = (e: PersonEvent, n: number, verb: Verb, object: { id: string; zh: string; type?: string }, rest: Partial<XapiStatement>, campaignId?: string) => {
    out.push({
      id: stableUuid(`${e.hash}/${n}`),
      actor,
      verb: { id: `${ADL}${verb}`, display: { 'zh-CN': VERBS[verb].zh, 'en-US': VERBS[verb].en } },
      object: { objectType: 'Activity', id: `${opts.activityBase}/${object.id}`, definition: { name: { 'zh-CN': object.zh }, ...(object.type ? { type: object.type } : {}) } },
      ...rest,
      context: { ...(campaignId && UUID.test(campaignId) ? { registration: campaignId } : {}), platform: '安学 Anxue', language: 'zh-CN' },
      timestamp: e.at,
      version: '1.0.3',
    });
  };
  const attempts = new Map<string, Extract<PersonEvent, { type: 'quiz.submitted' }>>();
  const graded = new Map<string, Map<string, number>>();
  /** passed / failed, once every item of an attempt has its score */
  const outcome = (e: PersonEvent, scores: number[], attempt?: Extract<PersonEvent, { type: 'quiz.submitted' }>) => {
    const a = attempt ?? (e as Extract<PersonEvent, { type: 'quiz.submitted' }>);
    const max = a.data.items.reduce((sum, it) => sum + it.max, 0);
    const raw = Math.round(scores.reduce((sum, x) => sum + x, 0) * 100) / 100;
    const scaled = max > 0 ? Math.round((raw / max) * 10000) / 10000 : 0;
    const passed = scaled * 100 >= a.data.passMark;
    make(
      e,
      0,
      passed ? 'passed' : 'failed',
      { id: `assessment/${encodeURIComponent(a.data.attemptId)}`, zh: '考核', type: 'http://adlnet.gov/expapi/activities/assessment' },
      { result: { score: { raw, min: 0, max, scaled }, success: passed, completion: true, duration: isoDuration(Date.parse(a.data.submittedAt) - Date.parse(a.data.startedAt)) } },
      a.data.campaignId,
    );
  };
  // a 三级安全教育 level completed, unless its entry was revoked as mistaken later
  const levels = new Map<string, Extract<PersonEvent, { type: 'induction.signed' }>>();
  for (const e of events) {
    switch (e.type) {
      case 'induction.signed':
        levels.set(`${e.data.campaignId}/${e.data.level}`, e);
        break;
      case 'induction.revoked':
        levels.delete(`${e.data.campaignId}/${e.data.level}`);
        break;
      case 'study.session':
        make(
          e,
          0,
          'experienced',
          { id: `document/${encodeURIComponent(e.data.docId)}`, zh: e.data.docTitle, type: 'http://adlnet.gov/expapi/activities/media' },
          { result: { duration: isoDuration(e.data.countedMs), completion: false } },
          e.data.campaignId,
        );
        break;
      case 'collective.attended':
        make(
          e,
          0,
          'experienced',
          { id: `session/${encodeURIComponent(e.data.sessionId)}`, zh: `${COLLECTIVE_TYPE_NAMES[e.data.type]}：${e.data.topic}`, type: 'http://adlnet.gov/expapi/activities/meeting' },
          { result: { duration: isoDuration(e.data.durationMinutes * 60_000) } },
          e.data.campaignId,
        );
        break;
      case 'quiz.submitted': {
        attempts.set(e.data.attemptId, e);
        const given = attemptQuestions(e.data, opts.questions);
        e.data.items.forEach((it, i) => {
          const q = given.find((x) => x.id === it.questionId);
          make(
            e,
            i + 1,
            'answered',
            { id: `question/${encodeURIComponent(it.questionId)}/v${q?.version ?? 1}`, zh: q?.stem ?? it.questionId, type: 'http://adlnet.gov/expapi/activities/cmi.interaction' },
            { result: { response: (e.data.answers[it.questionId] ?? []).join('[,]'), ...(it.status === 'graded' ? { success: it.correct, score: { raw: it.score, min: 0, max: it.max } } : {}) } },
            e.data.campaignId,
          );
        });
        if (!e.data.items.some((it) => it.status === 'pending'))
          outcome(
            e,
            e.data.items.map((it) => (it.status === 'graded' ? it.score : 0)),
          );
        break;
      }
      case 'quiz.graded': {
        const a = attempts.get(e.data.attemptId);
        const it = a?.data.items.find((x) => x.questionId === e.data.questionId);
        make(
          e,
          1,
          'scored',
          { id: `question/${encodeURIComponent(e.data.questionId)}`, zh: (a ? attemptQuestions(a.data, opts.questions) : []).find((q) => q.id === e.data.questionId)?.stem ?? e.data.questionId },
          { result: { score: { raw: e.data.score, min: 0, max: it?.max ?? e.data.score } } },
          a?.data.campaignId,
        );
        // the last short answer graded: now the attempt has its result
        if (a) {
          const manual = (graded.get(a.data.attemptId) ?? new Map<string, number>()).set(e.data.questionId, e.data.score);
          graded.set(a.data.attemptId, manual);
          if (a.data.items.every((x) => x.status !== 'pending' || manual.has(x.questionId)))
            outcome(
              e,
              a.data.items.map((x) => (x.status === 'graded' ? x.score : (manual.get(x.questionId) ?? 0))),
              a,
            );
        }
        break;
      }
      case 'essay.reviewed':
        if (e.data.decision === 'accept')
          make(e, 0, 'completed', { id: `essay/${encodeURIComponent(e.data.campaignId)}`, zh: '个人剖析材料' }, { result: { completion: true, success: true } }, e.data.campaignId);
        break;
      default:
        break;
    }
  }
  for (const e of levels.values())
    make(
      e,
      0,
      'completed',
      { id: `induction/${encodeURIComponent(e.data.campaignId)}/${e.data.level}`, zh: `三级安全教育：${INDUCTION_LEVEL_NAMES[e.data.level]}`, type: 'http://adlnet.gov/expapi/activities/meeting' },
      { result: { duration: isoDuration(e.data.minutes * 60_000), completion: true } },
      e.data.campaignId,
    );
  return out;
}

/** The fields the xAPI statement schema requires, and the formats it sets for them. */
export function statementProblems(s: XapiStatement): string[] {
  const p: string[] = [];
  const iri = (x: unknown) => typeof x === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(x);
  if (!UUID.test(s.id)) p.push('id is not a UUID');
  if (!s.actor || s.actor.objectType !== 'Agent' || !s.actor.account || !iri(s.actor.account.homePage) || !s.actor.account.name) p.push('actor: an Agent with account.homePage (IRL) and account.name');
  if (!s.verb || !iri(s.verb.id) || !s.verb.display || Object.keys(s.verb.display).length === 0) p.push('verb: id (IRI) and display');
  if (!s.object || !iri(s.object.id)) p.push('object: id (IRI)');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s.timestamp)) p.push('timestamp: ISO 8601');
  if (s.result?.duration !== undefined && !/^P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(s.result.duration))
    p.push(`result.duration: ISO 8601 duration (${s.result.duration})`);
  if (s.result?.score?.scaled !== undefined && (s.result.score.scaled < -1 || s.result.score.scaled > 1)) p.push('result.score.scaled in [-1, 1]');
  if (s.result?.score && (s.result.score.raw < s.result.score.min || s.result.score.raw > s.result.score.max)) p.push('result.score.raw within min–max');
  if (s.context?.registration !== undefined && !UUID.test(s.context.registration)) p.push('context.registration is not a UUID');
  return p;
}

/** Stable IRIs for the enterprise (the homePage of its accounts) and its activities. */
export function xapiIds(enterprise: string) {
  const slug = createHash('sha256').update(enterprise).digest('hex').slice(0, 12);
  return { homePage: `urn:anxue:enterprise:${slug}`, activityBase: `urn:anxue:${slug}` };
}

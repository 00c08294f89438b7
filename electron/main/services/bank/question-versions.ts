// An attempt keeps its questions by reference (id, version, a digest of the content, the points
// on the paper); the bank keeps every version it ever had (questions.json: the current ones and
// the history). Here: the reference of a question as given, and the questions of an attempt
// resolved from the bank — or from the copy older attempts carry.
import type { Question } from '../../../core/model';
import type { DeepReadonly } from '../../../records/versioned';
import type { QuestionsFile } from '../../../records/shared-docs';
import { questionSha, type EventBodies, type QuestionRef } from '../../../records/events';
import type { Ports } from '../ports';

export { questionSha };

export function refOf(q: Question): QuestionRef {
  return { id: q.id, version: q.version, score: q.score, type: q.type, sha: questionSha(q) };
}

/** Every version the bank has, by digest. */
export type QuestionVersions = ReadonlyMap<string, Question>;

/** The bank's versions by digest (computed once per state of the bank, kept in this app's runtime). */
export async function questionVersions(ports: Ports): Promise<QuestionVersions> {
  const f = await ports.store.questions.peek();
  return versionsIn(f, ports.runtime.questionVersions);
}

/** The versions in a questions file; with `kept` (an app's runtime), gone through once per state of the file. */
export function versionsIn(f: DeepReadonly<QuestionsFile>, kept?: WeakMap<object, Map<string, Question>>): QuestionVersions {
  let m = kept?.get(f);
  if (!m) {
    m = collect(f);
    kept?.set(f, m);
  }
  return m;
}

function collect(f: DeepReadonly<QuestionsFile>): Map<string, Question> {
  const m = new Map<string, Question>();
  for (const q of [...f.history, ...f.questions]) {
    const { replacedAt: _a, replacedBy: _b, removed: _c, ...plain } = q as QuestionsFile['history'][number];
    m.set(questionSha(plain as Question), structuredClone(plain) as Question);
  }
  return m;
}

/** A version the bank does not have (a record merged from elsewhere without it): said so in its stem. */
function missing(r: QuestionRef): Question {
  return {
    id: r.id,
    type: r.type,
    stem: `（题库中没有这道题的这一版本：${r.id} 第 ${r.version} 版 / this version of the question is not in the bank）`,
    options: [],
    answer: [],
    score: r.score,
    explanation: '',
    source: '',
    bank: '',
    difficulty: 0,
    category: '',
    tags: [],
    docId: '',
    version: r.version,
  } as Question;
}

/** The questions of a submitted attempt as the person was given them. */
export function attemptQuestions(e: DeepReadonly<EventBodies['quiz.submitted']>, versions: QuestionVersions): Question[] {
  if (e.questions) return e.questions as Question[];
  return (e.paper ?? []).map((r) => {
    const q = versions.get(r.sha);
    return q ? { ...q, score: r.score } : missing(r);
  });
}

/**
 * Keep in the bank's history every version in `given` it does not have (the bank was replaced
 * while an attempt was open, or the attempt came from a workstation): an attempt's reference must
 * always find its question.
 */
export async function keepVersions(ports: Ports, given: readonly Question[], by: string, at: string): Promise<void> {
  const have = await questionVersions(ports);
  const absent = given.filter((q) => !have.has(questionSha(q)));
  if (absent.length === 0) return;
  await ports.store.questions.update((f) => {
    // not versionsIn: this draft is changed below and becomes the bank (a kept map would be stale)
    const now = collect(f);
    for (const q of absent) if (!now.has(questionSha(q))) f.history.push({ ...structuredClone(q), replacedAt: at, replacedBy: by });
  });
}

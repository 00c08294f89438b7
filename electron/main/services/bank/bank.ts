// Question banks (题库): import from the files officers have (bank-files.ts reads them), with a
// preview. A file with bad questions is refused whole, unless the officer, shown the good and the
// refused ones, chooses to import the good ones only (skipRefused). A downloadable template shows
// our own layout.
import { toGift } from '../../../core/moodle-formats';
import { ruleOf } from '../../../core/message';
import type { KnownMessage } from '../../../shared/messages';
import { questionId, TEMPLATE_HEADER, type ImportError } from '../../../core/question-import';
import { listDocs } from '../corpus/corpus';
import { QUESTION_TYPES, questionSchema, type Question, type QuestionType } from '../../../core/model';
import { gradeItem } from '../../../core/grading';
import { canonicalJson } from '../../../core/canonical';
import { appendEvent } from '../../../records/events';
import { effectiveItems } from '../../../records/derive';
import { iso } from '../ports';
import type { BankPreview, Input, QuestionVersion } from '../../../shared/api';
import { bankQuestions } from '../campaign/campaign';
import { attemptQuestions, questionVersions } from './question-versions';
import { ApiError, badInputSaid } from '../errors';
import type { Ports } from '../ports';
import { parseBankFile } from './bank-files';

export function decode(input: { base64: string }): Uint8Array {
  const b = Buffer.from(input.base64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

export async function previewBank(ports: Ports, input: Input<'bank.importPreview'>): Promise<BankPreview> {
  const r = await parseBankFile(input.fileName, decode(input));
  const counts = Object.fromEntries(QUESTION_TYPES.map((t) => [t, 0])) as Record<QuestionType, number>;
  // the good questions are shown even when some are refused: the officer decides
  const have = contentIds(await bankQuestions(ports));
  for (const q of r.questions) counts[q.type] += 1;
  return {
    ok: r.ok,
    fileName: input.fileName,
    layout: r.layout,
    numbering: r.numbering,
    counts,
    total: r.questions.length,
    duplicates: r.questions.filter((q) => have.has(q.id)).length,
    sample: r.questions.slice(0, 8),
    errors: r.errors,
    // the start of each refused one's text, so the officer knows which it is
    refused: r.refused.map((x) => ({ row: x.row, text: x.text.slice(0, 160) })),
  };
}

/** The first refused question of a bank file, naming the file and how many more there are. */
export function firstBankError(fileName: string, errors: ImportError[]): KnownMessage {
  const e = errors[0]!;
  const more = errors.length - 1;
  return { key: more > 0 ? 'bank.fileRowProblemMore' : 'bank.fileRowProblem', params: { fileName, row: e.row, column: e.column, problem: e.message, more } };
}

/** A bank back out: our Excel template layout, or GIFT for Moodle. */
export async function exportBank(ports: Ports, input: Input<'bank.export'>): Promise<{ fileName: string; base64: string }> {
  const qs = (await bankQuestions(ports)).filter((q) => input.bank === undefined || q.bank === input.bank);
  const name = input.bank || '安学题库';
  if (input.format === 'gift') return { fileName: `${name}.gift`, base64: Buffer.from(toGift(qs), 'utf8').toString('base64') };
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(TEMPLATE_HEADER).font = { bold: true };
  const typeName = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空', short: '简答' } as const;
  for (const q of qs) {
    const opts = Array.from({ length: 6 }, (_, i) => q.options[i] ?? '');
    const answer = q.type === 'truefalse' ? (q.answer[0] === 'T' ? '正确' : '错误') : q.type === 'fill' ? q.answer.join('|') : q.answer.join('');
    ws.addRow([typeName[q.type], q.stem, ...opts, answer, q.explanation, q.score, q.difficulty || '', q.category, q.tags.join('，'), q.source]);
  }
  return { fileName: `${name}.xlsx`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

export async function commitBank(ports: Ports, input: Input<'bank.importCommit'>): Promise<{ added: number; duplicates: number; refused: number }> {
  const r = await parseBankFile(input.fileName, decode(input));
  // refused questions stop the import unless the officer chose to skip them; with nothing good, always
  if (!r.ok && (!input.skipRefused || r.questions.length === 0)) throw badInputSaid(firstBankError(input.fileName, r.errors), 'file');
  const refused = new Set(r.errors.map((e) => e.row)).size;
  await bankQuestions(ports); // the bundled questions are seeded first, as everywhere else
  return ports.store.questions.update((f) => {
    const have = contentIds(f.questions);
    let added = 0;
    let duplicates = 0;
    for (const q of r.questions) {
      if (have.has(q.id)) {
        duplicates += 1;
        continue;
      }
      have.add(q.id);
      f.questions.push({ ...q, bank: input.bank });
      added += 1;
    }
    return { added, duplicates, refused };
  });
}

/** Our template: the header and a few examples the team wrote, one per type. */
export async function bankTemplate(): Promise<{ fileName: string; base64: string }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(TEMPLATE_HEADER).font = { bold: true };
  ws.addRow(['单选', '受限空间作业前，首先应当做什么？', '通风', '进入检查', '点火照明', '', '', '', 'A', '先通风、再检测、后作业。', 2, 1, '特殊作业', '受限空间', 'GB 30871-2022']);
  ws.addRow(['多选', '下列哪些属于特殊作业？', '动火作业', '受限空间作业', '日常巡检', '吊装作业', '', '', 'ABD', '', 2, 2, '特殊作业', '', '']);
  ws.addRow(['判断', '动火作业前必须进行气体分析。', '', '', '', '', '', '', '正确', '', 1, '易', '特殊作业', '动火，气体分析', '']);
  ws.addRow(['填空', '受限空间作业要“先通风、再____、后作业”。', '', '', '', '', '', '', '检测', '多个可接受的答案用 | 分开', 2, 1, '特殊作业', '', '']);
  ws.addRow(['简答', '结合本岗位，说明最大的一项风险和防范措施。', '', '', '', '', '', '', '参考答案写在这里', '', 10, '难', '', '', '']);
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 12));
  return { fileName: '安学题库模板.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/**
 * An answer key was wrong: correct it in the bank and grade every submitted attempt that had the
 * question again (a 'quiz.regraded' record in each person's file; what they answered is unchanged).
 */
export async function correctKey(ports: Ports, caller: { employeeNo: string }, input: Input<'bank.correctKey'>): Promise<{ regraded: number }> {
  const qs = await bankQuestions(ports);
  const old = qs.find((q) => q.id === input.questionId);
  if (!old) throw new ApiError('not_found', 'bank.noQuestion', { questionId: input.questionId });
  const parsed = questionSchema.safeParse({ ...old, answer: input.answer });
  if (!parsed.success) throw new ApiError('bad_input', 'bank.answerNotValid', { problem: ruleOf(parsed.error.issues[0]!) }, 'answer');
  const fixed = parsed.data;
  const at = iso(ports.clock.now());
  await ports.store.questions.update((f) => {
    const i = f.questions.findIndex((q) => q.id === fixed.id);
    // a corrected key is a new version too; the wrong one stays in the history
    f.history.push({ ...old, replacedAt: at, replacedBy: caller.employeeNo });
    f.questions[i] = { ...fixed, version: old.version + 1 };
  });
  const partial = new Map((await ports.store.campaigns.read()).campaigns.map((c) => [c.id, c.quiz.partialCredit ?? false]));
  let regraded = 0;
  const versions = await questionVersions(ports);
  for (const p of (await ports.store.roster.peek()).people) {
    await ports.store.person(p.employeeNo).update((f) => {
      // attempts still open will be graded with the corrected key
      for (const a of Object.values(f.open.quiz)) for (const q of a.questions ?? []) if (q.id === fixed.id && sameChoices(q, old)) q.answer = fixed.answer;
      for (const e of f.events) {
        // only attempts given this version of the question (same stem and options) are regraded
        if (e.type !== 'quiz.submitted') continue;
        const snap = attemptQuestions(e.data, versions).find((q) => q.id === fixed.id && sameChoices(q, old));
        if (!snap) continue;
        const current = effectiveItems(f, e.data);
        const items = current.map((it) => {
          if (it.questionId !== fixed.id) return it;
          return gradeItem({ ...snap, answer: fixed.answer }, e.data.answers[fixed.id], { partialCredit: partial.get(e.data.campaignId) });
        });
        appendEvent(f.events, 'quiz.regraded', { attemptId: e.data.attemptId, questionId: fixed.id, answer: fixed.answer, items }, { at, by: caller.employeeNo });
        regraded += 1;
      }
    });
  }
  return { regraded };
}

const sameChoices = (a: Question, b: Question) => a.type === b.type && a.stem === b.stem && JSON.stringify(a.options) === JSON.stringify(b.options);
const sameContent = (a: Question, b: Question) => canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });

/**
 * Write a question by hand, or edit one. An edit is a new version: the one before goes to the
 * bank's history unchanged, and attempts already taken keep the version they were given.
 */
export async function saveQuestion(ports: Ports, caller: { employeeNo: string }, input: Input<'bank.save'>): Promise<Question> {
  const { id: editId, ...fields } = input;
  if (fields.docId && !(await listDocs(ports)).some((d) => d.id === fields.docId)) throw new ApiError('bad_input', 'common.noStudyDocument', { docId: fields.docId }, 'docId');
  const options = fields.type === 'single' || fields.type === 'multiple' ? fields.options : [];
  const parsed = questionSchema.safeParse({ ...fields, options, id: editId ?? questionId(fields.type, fields.stem, options), version: 1 });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInputSaid(ruleOf(issue), issue.path.join('.'));
  }
  await bankQuestions(ports);
  const at = iso(ports.clock.now());
  return ports.store.questions.update((f) => {
    if (!editId) {
      const content = contentIds(f.questions);
      if (content.has(parsed.data.id)) throw new ApiError('conflict', 'bank.bankAlreadySameQuestion', {}, 'stem');
      f.questions.push(parsed.data);
      return parsed.data;
    }
    const i = f.questions.findIndex((q) => q.id === editId);
    if (i < 0) throw new ApiError('not_found', 'bank.noQuestion', { questionId: editId });
    const old = f.questions[i]!;
    const next: Question = { ...parsed.data, version: old.version };
    if (sameContent(old, next)) return old;
    next.version = old.version + 1;
    f.history.push({ ...old, replacedAt: at, replacedBy: caller.employeeNo });
    f.questions[i] = next;
    return next;
  });
}

/** Every version of a question, newest first (the current one, then the history). */
export async function questionHistory(ports: Ports, input: Input<'bank.history'>): Promise<QuestionVersion[]> {
  await bankQuestions(ports);
  const f = await ports.store.questions.read();
  const current = f.questions.find((q) => q.id === input.questionId);
  const older = f.history.filter((q) => q.id === input.questionId).reverse();
  if (!current && older.length === 0) throw new ApiError('not_found', 'bank.noQuestion', { questionId: input.questionId });
  return [...(current ? [{ ...current, replacedAt: null, replacedBy: null, removed: false }] : []), ...older.map((q) => ({ ...q, removed: q.removed ?? false }))];
}

/**
 * Take questions out of the bank (no longer drawn or chosen). They stay in the history, and in every
 * attempt that had them. A question on a campaign's fixed paper cannot go until it is off the paper.
 */
export async function removeQuestions(ports: Ports, caller: { employeeNo: string }, input: Input<'bank.remove'>): Promise<{ removed: number }> {
  await bankQuestions(ports);
  const { campaigns } = await ports.store.campaigns.read();
  for (const id of input.questionIds) {
    const c = campaigns.find((x) => (x.quiz.mode ?? 'fixed') === 'fixed' && x.quiz.questionIds.includes(id));
    if (c) throw new ApiError('conflict', 'bank.questionPaperCampaignTake', { id, name: c.name }, 'questionIds');
  }
  const at = iso(ports.clock.now());
  return ports.store.questions.update((f) => {
    const gone = new Set(input.questionIds);
    const missing = input.questionIds.find((id) => !f.questions.some((q) => q.id === id));
    if (missing) throw new ApiError('not_found', 'bank.noQuestion', { questionId: missing });
    for (const q of f.questions) if (gone.has(q.id)) f.history.push({ ...q, replacedAt: at, replacedBy: caller.employeeNo, removed: true });
    f.questions = f.questions.filter((q) => !gone.has(q.id));
    return { removed: gone.size };
  });
}

/** Ids a question is known by: its own, and the one its current content would get on import. */
export function contentIds(qs: readonly Question[]): Set<string> {
  return new Set(qs.flatMap((q) => [q.id, questionId(q.type, q.stem, q.options)]));
}

// Questions drafted from an official text: the five laws of ../shared/corpus (read there, never
// copied here) and a standard-like text made here. One test lists every bad draft of every law.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../electron/core/model';
import { BLANK, draftQuestions, DRAFTS_PER_UNIT, shortTitleOf, type QuestionDraft } from '../../electron/core/question-draft';
import { numberPhrases, otherNumerals } from '../../electron/core/draft-phrases';
import { structureOf } from '../../electron/core/text-structure';
import { markdownBlocks } from '../../electron/main/services/corpus/text-extract';
import { CORPUS_DIR, CORPUS_FILES } from '../content/check-content';

const TITLES: Record<string, string> = {
  'work-safety-law': '中华人民共和国安全生产法',
  'hazchem-regulations': '危险化学品安全管理条例',
  'emergency-regulations': '生产安全事故应急条例',
  'accident-report-regulations': '生产安全事故报告和调查处理条例',
  'safety-license-regulations': '安全生产许可证条例',
};
const present = existsSync(path.join(CORPUS_DIR, '安全生产法.md'));
if (!present) console.log(`[question-draft] ${CORPUS_DIR} is absent: the corpus laws are not checked`);
const NUMERAL = /[\d一二三四五六七八九十百千万两]/;
/** what a sentence may be split on, as the drafter quotes and the text writes it */
const flat = (s: string) => s.replace(/;/g, '；').replace(/\s+/g, '');

function lawOf(docId: string) {
  const paragraphs = markdownBlocks(readFileSync(path.join(CORPUS_DIR, CORPUS_FILES[docId]!), 'utf8')).map((b) => b.text);
  return { docId, title: TITLES[docId]!, paragraphs };
}

/** Every way a draft of a law can be wrong, as lines naming the draft. */
function problemsOf(docId: string, drafts: QuestionDraft[]): string[] {
  const law = lawOf(docId);
  const s = structureOf(law.paragraphs);
  const articleText = new Map(s.units.filter((u) => u.kind === 'article').map((u) => [u.id, flat(law.paragraphs.slice(u.first, u.end).join(''))]));
  // the terms the law defines (…所称X，是指…): the only blanks that need no number
  const defined = new Set([...law.paragraphs.join('\n').matchAll(/所称(?:的)?([^，。；：]{2,20})，(?:是)?指/g)].map((m) => m[1]!));
  const short = shortTitleOf(law.title);
  const out: string[] = [];
  const stems = new Map<string, string>();
  const perUnit = new Map<string, number>();
  for (const d of drafts) {
    const q = d.question;
    const at = `${docId} ${q.source} ${q.type} 「${q.stem.slice(0, 40)}」`;
    const text = articleText.get(d.unit);
    const parsed = questionSchema.safeParse(q);
    if (!parsed.success) out.push(`${at}: not a question (${parsed.error.issues[0]!.message})`);
    if (!text) {
      out.push(`${at}: unit ${d.unit} is not an article`);
      continue;
    }
    if (q.source !== `《${short}》${d.unit}`) out.push(`${at}: 出处 ${q.source}`);
    if (q.docId !== docId) out.push(`${at}: docId ${q.docId}`);
    if (!q.explanation.startsWith(`依据《${short}》${d.unit}：「`) || !q.explanation.includes(`「${d.quote}」`)) out.push(`${at}: explanation ${q.explanation.slice(0, 40)}`);
    // the quoted sentence is the text's own (an item reads under the words that list it)
    for (const piece of d.quote.replace(/。$/, '').split('：')) if (!text.includes(flat(piece))) out.push(`${at}: quote not in ${d.unit}: ${piece.slice(0, 30)}`);
    if (stems.has(q.stem)) out.push(`${at}: same stem as a draft of ${stems.get(q.stem)}`);
    stems.set(q.stem, q.source);
    perUnit.set(d.unit, (perUnit.get(d.unit) ?? 0) + 1);
    const blanks = q.stem.split(BLANK).length - 1;
    if (q.type === 'fill' || q.type === 'single') {
      const answer = q.type === 'fill' ? q.answer[0]! : q.options[q.answer[0]!.charCodeAt(0) - 65];
      if (blanks !== 1) out.push(`${at}: ${blanks} blanks`);
      if (!answer || !text.includes(flat(answer))) out.push(`${at}: answer ${answer} not in ${d.unit}`);
      else if (answer.length > 20 || !(NUMERAL.test(answer) || defined.has(answer))) out.push(`${at}: blank on ${answer}`);
      // the stem with its blank filled is the text's sentence
      else if (!flat(d.quote).includes(flat(q.stem.replace(BLANK, answer).replace(/。$/, '').split('……；').pop()!.split('：').pop()!))) out.push(`${at}: filled stem is not the sentence`);
    }
    if (q.type === 'single') {
      if (q.options.length !== 4 || new Set(q.options).size !== 4) out.push(`${at}: options ${q.options.join('/')}`);
      const kinds = new Set(q.options.map((o) => numberPhrases(o)[0]?.kind));
      if (kinds.size !== 1) out.push(`${at}: options of different kinds ${q.options.join('/')}`);
    }
    if (q.type === 'truefalse') {
      if (blanks !== 0) out.push(`${at}: a statement with a blank`);
      const said = flat(q.stem.replace(/。$/, '').split('……；').pop()!.split('：').pop()!);
      const original = /原文为「([^」]+)」/.exec(q.explanation)?.[1];
      if (q.answer[0] === 'T' && !flat(d.quote).includes(said)) out.push(`${at}: a true statement that is not the text's`);
      if (q.answer[0] === 'F' && (flat(d.quote).includes(said) || !original || !flat(d.quote).includes(original))) out.push(`${at}: a false statement without the text's value`);
    }
  }
  for (const [unit, n] of perUnit) if (n > DRAFTS_PER_UNIT) out.push(`${docId} ${unit}: ${n} drafts`);
  const tf = drafts.filter((d) => d.question.type === 'truefalse');
  const falses = tf.filter((d) => d.question.answer[0] === 'F').length;
  if (Math.abs(tf.length - 2 * falses) > 2) out.push(`${docId}: ${falses} false of ${tf.length} statements`);
  return out;
}

describe.runIf(present)('drafts from the corpus laws', () => {
  it('drafts questions whose answers stand in their cited articles, every one a valid question, none twice; the same each time', () => {
    const problems: string[] = [];
    const counts: Record<string, Record<string, number>> = {};
    for (const docId of Object.keys(CORPUS_FILES)) {
      const drafts = draftQuestions(lawOf(docId));
      problems.push(...problemsOf(docId, drafts));
      counts[docId] = {};
      for (const d of drafts) counts[docId][d.question.type] = (counts[docId][d.question.type] ?? 0) + 1;
      if (JSON.stringify(draftQuestions(lawOf(docId))) !== JSON.stringify(drafts)) problems.push(`${docId}: a second draft differs`);
      if (drafts.length < 10) problems.push(`${docId}: only ${drafts.length} drafts`);
    }
    const law = counts['work-safety-law']!;
    const total = Object.values(law).reduce((a, b) => a + b, 0);
    if (total < 150) problems.push(`work-safety-law: ${total} drafts`);
    for (const t of ['fill', 'single', 'truefalse']) if (!law[t]) problems.push(`work-safety-law: no ${t}`);
    expect(problems).toEqual([]);
  });

  it("blanks 安全生产法's amounts and deadlines, and denies its duties", () => {
    const drafts = draftQuestions(lawOf('work-safety-law'));
    const fill78 = drafts.find((d) => d.unit === '第七十八条' && d.question.type === 'fill')!;
    expect(fill78.question.stem).toContain(`作出处罚决定后${BLANK}内在监督管理部门公示系统予以公开曝光`);
    expect(fill78.question.answer).toEqual(['七个工作日', '7个工作日']);
    expect(fill78.question.source).toBe('《安全生产法》第七十八条');
    const denied = drafts.find((d) => d.question.type === 'truefalse' && d.question.answer[0] === 'F' && d.question.stem.includes('可以不'))!;
    expect(denied.question.explanation).toMatch(/原文为「(应当|必须)」/);
    const single = drafts.find((d) => d.question.type === 'single')!;
    expect(single.question.options.every((o) => /元/.test(o) || /%|百分之/.test(o))).toBe(true);
  });
});

describe('texts the tests make', () => {
  const standard = [
    '某化工企业巡检规定（示例）',
    '1 范围',
    '本文件规定了装置巡检的要求。',
    '2 术语',
    '2.1 巡检',
    '本文件所称巡检点，是指装置上需要定期检查的位置。',
    '3 要求',
    '3.1 装置操作人员应当每2小时巡检一次，巡检记录保存不少于1年。',
    '3.2 基层车间应当每周排查一次；发现隐患的，应当在24小时内上报。',
    '3.3 严禁在巡检中使用非防爆工具；新员工应当接受不少于20学时的培训。',
    '3.4 新员工上岗前应当接受不少于16学时的岗位培训，复训每年不少于8学时。',
    '3.5 检修作业票保存不少于3年。',
  ];

  it('drafts from a standard by its clauses, cites the clause, and gives nothing for a text without structure', () => {
    const drafts = draftQuestions({ docId: 'std', title: '某化工企业巡检规定', paragraphs: standard });
    expect(drafts.length).toBeGreaterThan(4);
    expect(new Set(drafts.map((d) => d.question.source))).toEqual(new Set(drafts.map((d) => `《某化工企业巡检规定》${d.unit}`)));
    const term = drafts.find((d) => d.question.type === 'fill' && d.question.answer[0] === '巡检点');
    expect(term?.question.stem).toBe(`本文件所称${BLANK}，是指装置上需要定期检查的位置。`);
    for (const d of drafts) expect(questionSchema.safeParse(d.question).success).toBe(true);
    expect(draftQuestions({ docId: 'x', title: 'x', paragraphs: ['一段没有条文的说明。', '另一段。'] })).toEqual([]);
  });

  it('finds numbers with their units, not dates or article numbers, and says them in the other numerals', () => {
    expect(numberPhrases('依照本法第二十八条，2021年6月10日起，处五十万元以上一百万元以下的罚款，三十日内报告').map((n) => n.text)).toEqual(['五十万元以上一百万元以下', '三十日']);
    expect(numberPhrases('处上一年年收入百分之二十以上百分之五十以下的罚款').map((n) => n.kind)).toEqual(['range:%']);
    expect(numberPhrases('统一协调，一律登记，同一作业区域')).toEqual([]);
    expect([otherNumerals('三十日'), otherNumerals('五十万元以上一百万元以下'), otherNumerals('百分之五十'), otherNumerals('24小时')]).toEqual(['30日', '50万元以上100万元以下', '50%', '二十四小时']);
  });
});

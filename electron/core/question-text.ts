// Question lists as safety departments type them in Word or a text file: sections headed 单选题 /
// 多选题 / 判断题 / 填空题 / 简答题, numbered stems with a blank （ ）, options A. B. C. inline or one per
// line, then 答案：/【答案】, 解析：and 出处：. Pure: numbered lines in (a line of a text file, or a
// paragraph of a .docx), questions and refused entries out, each refused one named by the line or
// paragraph it starts on and kept as written, so the officer can correct it.
import { questionSchema, type Question, type QuestionType } from './model';
import { ruleOf, said, type Message } from './message';
import { questionId, stripNumber, type ImportError, type RefusedEntry } from './question-import';

export interface NumberedLine {
  /** the line (or paragraph) number the officer sees */
  no: number;
  text: string;
}

export interface QuestionListParse {
  questions: Question[];
  errors: ImportError[];
  refused: RefusedEntry[];
}

const TYPE_WORDS: [RegExp, QuestionType][] = [
  [/^(?:单项选择|单选|单项选择题|单选题)$/, 'single'],
  [/^(?:多项选择|多选|不定项选择)题?$/, 'multiple'],
  [/^(?:判断|是非)题?$/, 'truefalse'],
  [/^填空题?$/, 'fill'],
  [/^(?:简答|问答|论述)题?$/, 'short'],
];
const typeOf = (word: string): QuestionType | undefined => TYPE_WORDS.find(([re]) => re.test(word))?.[1];
const TYPE_NAME: Record<QuestionType, string> = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空', short: '简答' };

const CN_NUM = '[一二三四五六七八九十]+';
/** 一、单项选择题（每题1分，共20分） / （二）判断题 / 第三部分 简答题：每题5分 / 多选题 */
const HEADING = new RegExp(
  `^(?:${CN_NUM}\\s*[、.．]|[（(]${CN_NUM}[)）]|第${CN_NUM}(?:部分|大题)[、:：]?)?\\s*((?:单项|多项|不定项)?选择题|单选题?|多选题?|判断题?|是非题?|填空题?|简答题?|问答题?|论述题?)\\s*(?:[（(][^)）]*[)）])?(?:[:：，,;；]?(?:共|每|本大题|以下|下列).*|[:：，,;；].*)?$`,
);
const SECTION_SCORE = /每(?:小)?题\s*([0-9]+(?:\.[0-9]+)?)\s*分/;
/** 1. / 1、/ 1．/ （1）/ (1) / 第1题 — not 1.5倍 */
const NUMBERED = /^(?:第\s*([0-9０-９]{1,4})\s*题\s*[.、:：．]?|[（(]\s*([0-9０-９]{1,4})\s*[)）]|([0-9０-９]{1,4})\s*[.、:：．)）](?![0-9０-９]))\s*/;
/** a stem's own type: 【单选题】/（多选）at its start */
const OWN_TYPE = /^[【\[（(]\s*(单选题?|多选题?|判断题?|是非题?|填空题?|简答题?|问答题?|单项选择题|多项选择题)\s*[】\]）)]\s*/;
const BLANK = /[（(][\s\u3000]*[)）]|_{2,}|＿{2,}/;
/** 答案：B / 【答案】B / 参考答案：/ 正确答案：/ 解析：/【解析】/ 出处： */
const MARKER = /【\s*(参考答案|正确答案|标准答案|答案|答案解析|解析|出处)\s*】\s*[:：]?\s*|(你的答案|考生答案|我的答案|参考答案|正确答案|标准答案|答案解析|答案|解析|出处)\s*[:：]\s*/g;
/** what a taker answered, in a bank exported from an exam system: not the key */
const GIVEN = /^(?:你的|考生|我的)答案$/;
/** the answer written into the stem's brackets: （ B ）, (AB), （√） */
const BRACKET_ANSWER = /[（(]\s*([A-HＡ-Ｈ](?:\s*[、,，]?\s*[A-HＡ-Ｈ])*|[√×✓✔✗✘Xx]|对|错|正确|错误)\s*[)）]/g;
const TRUE_WORDS = new Set(['√', '✓', '✔', '对', '正确', '是', 'T', 'TRUE']);
const FALSE_WORDS = new Set(['×', '✗', '✘', 'X', '错', '错误', '否', 'F', 'FALSE']);
const LETTERS = 'ABCDEFGH';

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const letterOf = (c: string) => c.normalize('NFKC').toUpperCase();
const tf = (s: string): 'T' | 'F' | null => {
  const a = clean(s)
    .replace(/[。.！!]$/, '')
    .normalize('NFKC')
    .toUpperCase();
  return TRUE_WORDS.has(a) ? 'T' : FALSE_WORDS.has(a) ? 'F' : null;
};

type Option = { letter: string; text: string };

/**
 * Options in a line: `A.甲 B.乙`, `A、甲`, `A:甲`, `A．甲`, `A）甲`, `(A)甲 (B)乙`, or `A 甲  B 乙` (a
 * space after the letter, only from the line's start). Letters go up; atStart: the first stands at
 * the line's start, else it is A.
 */
export function findOptions(line: string, atStart: boolean): { head: string; options: Option[] } | null {
  const punct = /(^|[^A-Za-z0-9Ａ-Ｚａ-ｚ])([A-HＡ-Ｈ])\s*([.．、:：)）])\s*/g;
  const bracketed = /(^|[^A-Za-z0-9Ａ-Ｚａ-ｚ])[（(]\s*([A-HＡ-Ｈ])\s*[)）]\s*/g;
  const spaced = /(^|\s)([A-HＡ-Ｈ])\s+(?=\S)/g;
  for (const re of [punct, bracketed, spaced]) {
    const marks: { at: number; end: number; letter: string }[] = [];
    for (const m of line.matchAll(re)) {
      const letter = letterOf(m[2]!);
      const at = m.index + m[1]!.length;
      // `（ B ）` is an answer in the stem's brackets, not an option B
      if (re === punct && /[)）]/.test(m[3]!) && /[（(]$/.test(line.slice(0, at).trimEnd())) continue;
      if (marks.length === 0 ? (atStart ? at === 0 : letter === 'A') : letter > marks[marks.length - 1]!.letter) marks.push({ at, end: m.index + m[0].length, letter });
    }
    if (marks.length === 0 || (re === spaced && marks[0]!.at !== 0) || (re === bracketed && marks[0]!.at !== 0 && marks.length < 2)) continue;
    const options = marks.map((m, i) => ({ letter: m.letter, text: clean(line.slice(m.end, marks[i + 1]?.at ?? line.length)) }));
    return { head: line.slice(0, marks[0]!.at), options };
  }
  return null;
}

interface Entry {
  row: number;
  no: number | null;
  section: QuestionType | null;
  score: number;
  own: QuestionType | null;
  stem: string[];
  options: Option[];
  answer: string[];
  explanation: string[];
  source: string[];
  state: 'stem' | 'options' | 'answer' | 'explanation' | 'source';
  lines: string[];
}

/** Split a line at its 答案/解析/出处 markers: the text before, then each marked part. */
function marked(line: string): { before: string; parts: { field: 'answer' | 'explanation' | 'source'; text: string }[] } {
  const found = [...line.matchAll(MARKER)];
  if (found.length === 0) return { before: line, parts: [] };
  const parts = found.flatMap((m, i) => {
    const word = m[1] ?? m[2]!;
    if (GIVEN.test(word)) return [];
    const field = word === '出处' ? ('source' as const) : word.includes('解析') ? ('explanation' as const) : ('answer' as const);
    return [{ field, text: line.slice(m.index + m[0].length, found[i + 1]?.index ?? line.length) }];
  });
  return { before: line.slice(0, found[0]!.index), parts };
}

const headingOf = (line: string) => {
  const m = HEADING.exec(line.replace(/\s+/g, ''));
  // a plain 选择题 says no more than that it has options: the answers tell single from multiple
  return m ? { type: typeOf(m[1]!.replace(/题$/, '')) ?? typeOf(m[1]!) ?? null, score: SECTION_SCORE.exec(line)?.[1] } : null;
};
const numberOf = (line: string) => {
  const m = NUMBERED.exec(line);
  return m ? { n: Number((m[1] ?? m[2] ?? m[3]!).normalize('NFKC')), rest: line.slice(m[0].length) } : null;
};

/** Markdown's marks that are not the question's own text: headings' #, quotes, bullets, bold. */
export const markdownLine = (line: string) => line.replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+)/, '').replace(/\*\*/g, '');

export function parseQuestionList(lines: readonly NumberedLine[]): QuestionListParse {
  const out: QuestionListParse = { questions: [], errors: [], refused: [] };
  const texts = lines.map((l) => clean(l.text));
  let section: QuestionType | null = null;
  let sectionScore = 1;
  let cur: Entry | null = null;
  let lastNo = 0;
  /** a numbered list inside an explanation or a reference answer (1. 2. 3.), not questions */
  let inner = 0;
  const close = () => {
    if (cur) finish(cur, out);
    cur = null;
  };
  const open = (i: number, no: number | null) => {
    close();
    cur = { row: lines[i]!.no, no, section, score: sectionScore, own: null, stem: [], options: [], answer: [], explanation: [], source: [], state: 'stem', lines: [] };
    if (no !== null) lastNo = no;
    inner = 0;
    return cur;
  };
  /** a line with no number still starts a question when it has a blank, or options or an answer follow it */
  const looksLikeQuestion = (i: number) => {
    if (BLANK.test(texts[i]!)) return true;
    for (let j = i + 1; j < Math.min(texts.length, i + 12); j++) {
      const t = texts[j]!;
      if (t === '' || headingOf(t) || numberOf(t)) return false;
      if (findOptions(t, true)?.options[0]?.letter === 'A' || marked(t).parts.some((p) => p.field === 'answer')) return true;
    }
    return false;
  };
  texts.forEach((text, i) => {
    if (text === '') {
      // a blank line ends an answer or explanation that could go on over several lines
      if (cur && cur.state !== 'stem' && cur.state !== 'options') close();
      return;
    }
    const heading = headingOf(text);
    if (heading) {
      close();
      section = heading.type;
      sectionScore = heading.score ? Number(heading.score) : 1;
      lastNo = 0;
      return;
    }
    const num = numberOf(text);
    const e: Entry | null = cur;
    const continuing = e !== null && (e.state === 'explanation' || (e.state === 'answer' && (e.own ?? e.section) === 'short'));
    let entry: Entry;
    if (num && continuing && (num.n <= lastNo || num.n === inner + 1)) {
      inner = num.n;
      entry = e;
    } else if (num) entry = open(i, num.n);
    else if (e && /^\s*$/.test(marked(text).before))
      entry = e; // 答案：/解析：/出处： of the question before
    else if (!e) {
      if (!looksLikeQuestion(i)) return; // a title or a note before the first question
      entry = open(i, null);
    } else if ((e.state === 'answer' || e.state === 'source') && !continuing) entry = open(i, null);
    else if (e.state === 'explanation' && looksLikeQuestion(i)) entry = open(i, null);
    else entry = e;
    entry.lines.push(lines[i]!.text.trim());
    let body = entry.lines.length === 1 && num && entry.no === num.n ? num.rest : text;
    if (entry.lines.length === 1) {
      const own = OWN_TYPE.exec(body);
      if (own) {
        entry.own = typeOf(own[1]!.replace(/题$/, '')) ?? typeOf(own[1]!) ?? null;
        body = body.slice(own[0].length);
      }
    }
    const { before, parts } = marked(body);
    if (before.trim() !== '') addContent(entry, before);
    for (const p of parts) {
      entry[p.field].push(clean(p.text));
      entry.state = p.field;
    }
  });
  close();
  if (out.questions.length === 0 && out.errors.length === 0) out.errors.push({ row: lines[0]?.no ?? 1, column: '题干', message: said('bank.row.noQuestionsInFile') });
  return out;
}

function addContent(e: Entry, text: string) {
  if (e.state === 'answer' || e.state === 'explanation' || e.state === 'source') {
    e[e.state].push(clean(text));
    return;
  }
  const last = e.options[e.options.length - 1];
  const found = findOptions(text, e.state === 'options');
  if (found && (e.state === 'stem' || (last && found.options[0]!.letter > last.letter))) {
    if (found.head.trim() !== '') e.stem.push(clean(found.head));
    e.options.push(...found.options);
    e.state = 'options';
  } else if (e.state === 'options' && last) last.text = clean(`${last.text} ${text}`);
  else e.stem.push(clean(text));
}

/** One entry: a question, or refused with the reason. */
function finish(e: Entry, out: QuestionListParse) {
  let stem = stripNumber(e.stem.join(' '));
  let answerText = clean(e.answer.join(' '));
  // an answer written in the stem's brackets is taken out of it, whether or not 答案 says it too
  const inBrackets = [...stem.matchAll(BRACKET_ANSWER)].pop();
  const compact = (s: string) =>
    s
      .normalize('NFKC')
      .toUpperCase()
      .replace(/[\s、,，]/g, '');
  if (inBrackets && (answerText === '' || compact(answerText) === compact(inBrackets[1]!))) {
    stem = `${stem.slice(0, inBrackets.index)}（ ）${stem.slice(inBrackets.index + inBrackets[0].length)}`;
    answerText = inBrackets[1]!;
  }
  const options = e.options.map((o) => o.text);
  const explanation = e.explanation.join('\n').trim();
  const source = clean(e.source.join(' '));
  const said_ = e.own ?? e.section;
  const refuse = (column: string, message: Message, type?: QuestionType | null) => {
    out.errors.push({ row: e.row, column, message });
    const t = type ?? said_;
    out.refused.push({
      row: e.row,
      text: e.lines.join('\n'),
      // each option under its own letter: a missing one stays a gap the officer sees and fills
      fields: { type: t ? TYPE_NAME[t] : '', stem, options: atLetters(e.options), answer: answerText, explanation, source, score: e.score === 1 ? '' : String(e.score) },
    });
  };
  if (stem === '') return refuse('题干', said('bank.row.noStem'));
  const letters = e.options.map((o) => o.letter);
  const gap = letters.findIndex((l, i) => l !== LETTERS[i]);
  if (gap >= 0) return refuse('选项', said('bank.row.optionLetterMissing', { found: letters.join(', '), missing: LETTERS[gap]! }));
  if ((said_ === 'single' || said_ === 'multiple') && options.length === 0) return refuse('选项', said('bank.row.noOptions'));
  if (answerText === '') return refuse('答案', said('bank.row.noAnswer'));
  // a letter for an answer and no options: the options were lost, not a fill-in answered "B"
  if (options.length === 0 && said_ !== 'fill' && said_ !== 'short' && /^[A-H]{1,8}$/.test(compact(answerText))) return refuse('选项', said('bank.row.noOptions'));
  let type: QuestionType;
  let answer: string[];
  const truth = tf(answerText) ?? (options.length > 0 ? optionTruth(answerText, options) : null);
  const trueFalseOptions = options.length === 2 && tf(options[0]!) !== null && tf(options[1]!) !== null && tf(options[0]!) !== tf(options[1]!);
  if (said_ === 'truefalse' || (said_ === null && truth && (options.length === 0 || trueFalseOptions))) {
    if (!truth) return refuse('答案', said('bank.row.notTrueFalse', { value: answerText }), 'truefalse');
    type = 'truefalse';
    answer = [truth];
  } else if (options.length > 0 && said_ !== 'fill' && said_ !== 'short') {
    const picked = choiceLetters(answerText, options);
    if (picked.length === 0) return refuse('答案', said('bank.row.answerTextNotOption', { answer: answerText }));
    const bad = picked.find((l) => LETTERS.indexOf(l) >= options.length);
    if (bad) return refuse('答案', said('bank.row.answerNotOption', { answer: bad }));
    type = said_ ?? (picked.length > 1 ? 'multiple' : 'single');
    if (type === 'single' && picked.length > 1) return refuse('答案', said('bank.row.singleOneAnswer', { answer: picked.join('') }));
    if (type === 'multiple' && picked.length < 2) return refuse('答案', said('bank.row.multipleOneAnswer', { answer: picked.join('') }));
    answer = picked;
  } else {
    type = said_ === 'short' ? 'short' : 'fill';
    answer =
      type === 'short'
        ? [e.answer.join('\n').trim() || answerText]
        : answerText
            .split(/[|｜;；]/)
            .map(clean)
            .filter(Boolean);
  }
  if (type === 'truefalse') stem = stem.replace(/\s*[（(][\s\u3000]*[)）]\s*([。.]?)$/, '$1');
  const keep = type === 'single' || type === 'multiple' ? options : [];
  const parsed = questionSchema.safeParse({ id: questionId(type, stem, keep), type, stem, options: keep, answer, explanation, score: e.score, source: source.slice(0, 200) });
  if (!parsed.success) return refuse(String(parsed.error.issues[0]!.path[0] ?? ''), ruleOf(parsed.error.issues[0]!), type);
  out.questions.push(parsed.data);
}

function atLetters(options: readonly Option[]): string[] {
  const out: string[] = [];
  for (const o of options) out[LETTERS.indexOf(o.letter)] = o.text;
  return Array.from(out, (t) => t ?? '');
}

/** A 判断 written as a choice: the answer's letter names an option that says 正确 or 错误. */
function optionTruth(answer: string, options: readonly string[]): 'T' | 'F' | null {
  const i = LETTERS.indexOf(letterOf(clean(answer)));
  return i >= 0 && options[i] !== undefined ? tf(options[i]) : null;
}

/** `B`, `A B D`, `A、C`, or the options' own words (`通风`, `动火、吊装`) → letters. */
function choiceLetters(answer: string, options: readonly string[]): string[] {
  const compact = answer
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s、,，;；.。]/g, '');
  if (/^[A-Z]{1,8}$/.test(compact)) return [...new Set(compact.split(''))].sort();
  const norm = (s: string) => clean(s).replace(/[。.；;]$/, '');
  const whole = options.findIndex((o) => norm(o) === norm(answer));
  if (whole >= 0) return [LETTERS[whole]!];
  const each = answer.split(/[、,，;；|｜]/).map((p) => options.findIndex((o) => norm(o) === norm(p)));
  return each.length > 1 && each.every((i) => i >= 0) ? [...new Set(each.map((i) => LETTERS[i]!))].sort() : [];
}

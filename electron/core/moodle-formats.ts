// Moodle's text formats for questions, GIFT and Aiken: parsed with line numbers, so a bad question is
// named by its line. Pure: text in, questions and errors out; a bad question never spills into the
// good ones, which are returned beside the errors (the officer may import them and skip the rest).
// (Moodle XML is parsed in the service layer with fast-xml-parser and mapped with `fromMoodleXml`.)
import { questionSchema, type Question, type QuestionType } from './model';
import { questionId, type ImportError } from './question-import';
import { ruleOf, said, type Message } from './message';

/** ok: every question of the file is good. Not ok: `questions` holds the good ones, `errors` the refused. */
export type TextBankParse = { ok: true; questions: Question[] } | { ok: false; errors: ImportError[]; questions: Question[] };

const result = (questions: Question[], errors: ImportError[], column: string): TextBankParse =>
  errors.length > 0
    ? { ok: false, errors, questions }
    : questions.length === 0
      ? { ok: false, errors: [{ row: 1, column, message: said('bank.row.noQuestionsInFile') }], questions }
      : { ok: true, questions };

function finish(type: QuestionType, stem: string, options: string[], answer: string[], explanation: string, line: number, column: string, errors: ImportError[], out: Question[], category = '') {
  const parsed = questionSchema.safeParse({ id: questionId(type, stem, options), type, stem, options, answer, explanation, score: 1, category });
  if (!parsed.success) errors.push({ row: line, column, message: ruleOf(parsed.error.issues[0]!) });
  else out.push(parsed.data);
}

/** Blocks of non-empty lines, with the line number each starts on and each line's own number. */
function blocks(text: string, comment?: RegExp): { line: number; lines: string[]; nums: number[] }[] {
  const out: { line: number; lines: string[]; nums: number[] }[] = [];
  let cur: { line: number; lines: string[]; nums: number[] } | null = null;
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .forEach((raw, i) => {
      const l = raw.trimEnd();
      if (comment && comment.test(l.trim())) return;
      if (l.trim() === '') {
        cur = null;
        return;
      }
      if (!cur) out.push((cur = { line: i + 1, lines: [], nums: [] }));
      cur.lines.push(l);
      cur.nums.push(i + 1);
    });
  return out;
}

/** Aiken: a question, options `A. …` or `A) …`, then `ANSWER: X`. Single choice only. */
export function parseAiken(text: string): TextBankParse {
  const errors: ImportError[] = [];
  const questions: Question[] = [];
  for (const b of blocks(text)) {
    const stemLines: string[] = [];
    const options: string[] = [];
    let answer: string | null = null;
    const before = errors.length;
    for (const l of b.lines) {
      const opt = /^([A-Z])[.)]\s+(.*)$/.exec(l.trim());
      const ans = /^ANSWER:\s*([A-Z])\s*$/i.exec(l.trim());
      if (ans) answer = ans[1]!.toUpperCase();
      else if (opt && (options.length > 0 || stemLines.length > 0) && opt[1] === String.fromCharCode(65 + options.length)) options.push(opt[2]!.trim());
      else if (options.length === 0) stemLines.push(l.trim());
      else errors.push({ row: b.line, column: 'Aiken', message: said('bank.row.aikenOptionOrder', { line: l.trim() }) });
    }
    if (!answer) {
      errors.push({ row: b.line, column: 'ANSWER', message: said('bank.row.noAikenAnswer') });
      continue;
    }
    // a question with a line out of order is refused whole, not imported without that option
    if (errors.length > before) continue;
    finish('single', stemLines.join(' '), options, [answer], '', b.line, 'ANSWER', errors, questions);
  }
  return result(questions, errors, 'Aiken');
}

const GIFT_ESCAPE = /\\([~=#{}:\\])/g;
const unescape = (s: string) => s.replace(GIFT_ESCAPE, '$1').trim();

/** Split on an unescaped character. */
function splitUnescaped(s: string, chars: string): { mark: string; text: string }[] {
  const out: { mark: string; text: string }[] = [];
  let cur = '';
  let mark = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      cur += c + s[i + 1];
      i += 1;
    } else if (chars.includes(c)) {
      if (cur.trim() !== '' || mark) out.push({ mark, text: cur });
      mark = c;
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '' || mark) out.push({ mark, text: cur });
  return out;
}

/**
 * The braces of one GIFT question: exactly one answer block `{ … }`, not nested (GIFT has no
 * nesting: a `{` inside a block is most often the next question, written without the blank line
 * between). Returns the problem and the line of the brace that shows it, or null when they balance.
 */
function braceProblem(lines: readonly string[], nums: readonly number[]): { line: number; message: Message } | null {
  let openLine = 0;
  let blocksSeen = 0;
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    for (let i = 0; i < l.length; i++) {
      const c = l[i]!;
      if (c === '\\') {
        i += 1;
        continue;
      }
      if (c === '{') {
        if (openLine)
          return {
            line: nums[k]!,
            message: said('bank.row.braceInsideBlock', { openLine }),
          };
        if (blocksSeen > 0) return { line: nums[k]!, message: said('bank.row.twoAnswerBlocks') };
        openLine = nums[k]!;
      } else if (c === '}') {
        if (!openLine) return { line: nums[k]!, message: said('bank.row.closeWithoutOpen') };
        openLine = 0;
        blocksSeen += 1;
      }
    }
  }
  if (openLine) return { line: openLine, message: said('bank.row.blockNotClosed') };
  return null;
}

/**
 * GIFT: `::title::` stem `{…}`. `{=right ~wrong}` single choice, `{~%50%a ~%50%b ~%-100%c}` multiple
 * choice, `{T}`/`{F}` true/false, `{=a =b}` fill-in (accepted answers), `{}` short answer (essay);
 * `####…` general feedback becomes the explanation; `#…` per-answer feedback is dropped.
 */
export function parseGift(text: string): TextBankParse {
  const errors: ImportError[] = [];
  const questions: Question[] = [];
  // `$CATEGORY: top/特殊作业` puts the questions after it into 分类「特殊作业」
  let category = '';
  for (const b of blocks(text, /^\/\//)) {
    const joined = b.lines.join('\n');
    const cat = /^\$CATEGORY:(.*)$/m.exec(joined);
    if (cat) category = categoryName(cat[1]!);
    const src = joined.replace(/^\$CATEGORY:.*$/m, '').trim();
    if (src === '') continue;
    const qLines = b.lines.filter((l) => !/^\$CATEGORY:/.test(l));
    const bad = braceProblem(
      qLines,
      b.nums.filter((_, k) => !/^\$CATEGORY:/.test(b.lines[k]!)),
    );
    if (bad) {
      errors.push({ row: bad.line, column: 'GIFT', message: bad.message });
      continue;
    }
    const body = src.replace(/^::(?:[^:]|\\:)*::/, '').trim();
    const open = body.search(/(?<!\\)\{/);
    const close = body.search(/(?<!\\)\}[^}]*$/);
    if (open < 0 || close < open) {
      errors.push({ row: b.line, column: 'GIFT', message: said('bank.row.noAnswerBlock') });
      continue;
    }
    const before = body.slice(0, open);
    const after = body.slice(close + 1);
    let inner = body.slice(open + 1, close);
    let explanation = '';
    const fb = inner.search(/(?<!\\)####/);
    if (fb >= 0) {
      explanation = unescape(inner.slice(fb + 4));
      inner = inner.slice(0, fb);
    }
    const stem = unescape(after.trim() ? `${before.trim()} ____ ${after.trim()}` : before)
      .replace(/^\[(html|markdown|plain|moodle)\]/, '')
      .trim();
    const trimmed = inner.trim();
    if (trimmed === '') {
      finish('short', stem, [], ['（无参考答案）'], explanation, b.line, 'GIFT', errors, questions, category);
      continue;
    }
    if (/^(T|TRUE|F|FALSE)(#.*)?$/i.test(trimmed)) {
      finish('truefalse', stem, [], [/^T/i.test(trimmed) ? 'T' : 'F'], explanation, b.line, 'GIFT', errors, questions, category);
      continue;
    }
    const parts = splitUnescaped(inner, '=~').filter((p) => p.mark);
    if (parts.length === 0) {
      errors.push({ row: b.line, column: 'GIFT', message: said('bank.row.unreadableBlock', { block: `{${trimmed}}` }) });
      continue;
    }
    const items = parts.map((p) => {
      const m = /^%(-?\d+(?:\.\d+)?)%([\s\S]*)$/.exec(p.text.trim());
      const textWithFeedback = m ? m[2]! : p.text;
      const answerText = unescape(splitUnescaped(textWithFeedback, '#')[0]?.text ?? '');
      return { right: p.mark === '=', weight: m ? Number(m[1]) : p.mark === '=' ? 100 : 0, text: answerText };
    });
    if (items.every((i) => i.right) && !parts.some((p) => p.mark === '~')) {
      finish(
        'fill',
        stem,
        [],
        items.map((i) => i.text),
        explanation,
        b.line,
        'GIFT',
        errors,
        questions,
        category,
      );
      continue;
    }
    const options = items.map((i) => i.text);
    const correct = items.map((it, k) => ({ it, k })).filter(({ it }) => it.weight > 0);
    const multiple = correct.length > 1 || items.some((i) => i.weight > 0 && i.weight < 100);
    finish(
      multiple ? 'multiple' : 'single',
      stem,
      options,
      correct.map(({ k }) => String.fromCharCode(65 + k)),
      explanation,
      b.line,
      'GIFT',
      errors,
      questions,
      category,
    );
  }
  return result(questions, errors, 'GIFT');
}

/** Plain text of Moodle's HTML question text. */
export function stripHtml(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

/** One <question> of Moodle XML, already parsed to objects, with the line it starts on. */
export interface MoodleXmlQuestion {
  type: string;
  line: number;
  text: string;
  single?: string;
  generalfeedback?: string;
  answers: { fraction: number; text: string }[];
  graderinfo?: string;
  /** of a <question type="category">: the category path */
  category?: string;
}

/** `$course$/top/特殊作业/动火` → 「动火」: the last part of a Moodle category path. */
function categoryName(path: string): string {
  const parts = path
    .trim()
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && !/^\$\w+\$$/.test(p) && p !== 'top' && p !== 'Default');
  return (parts[parts.length - 1] ?? '').slice(0, 60);
}

export function fromMoodleXml(items: readonly MoodleXmlQuestion[]): TextBankParse {
  const errors: ImportError[] = [];
  const questions: Question[] = [];
  let category = '';
  for (const q of items) {
    if (q.type === 'category') category = categoryName(q.category ?? '');
    if (q.type === 'category' || q.type === 'description') continue;
    const stem = stripHtml(q.text);
    const explanation = stripHtml(q.generalfeedback ?? '');
    const answers = q.answers.map((a) => ({ ...a, text: stripHtml(a.text) }));
    if (q.type === 'multichoice') {
      const single = (q.single ?? 'true').trim() !== 'false';
      const correct = answers.map((a, k) => ({ a, k })).filter(({ a }) => a.fraction > 0);
      finish(
        single ? 'single' : 'multiple',
        stem,
        answers.map((a) => a.text),
        (single ? correct.filter(({ a }) => a.fraction === 100) : correct).map(({ k }) => String.fromCharCode(65 + k)),
        explanation,
        q.line,
        'multichoice',
        errors,
        questions,
        category,
      );
    } else if (q.type === 'truefalse') {
      const right = answers.find((a) => a.fraction === 100);
      const tf = right && /^(true|正确|对)$/i.test(right.text) ? 'T' : right && /^(false|错误|错)$/i.test(right.text) ? 'F' : null;
      if (!tf) errors.push({ row: q.line, column: 'truefalse', message: said('bank.row.trueFalseNoAnswer') });
      else finish('truefalse', stem, [], [tf], explanation, q.line, 'truefalse', errors, questions, category);
    } else if (q.type === 'shortanswer') {
      finish(
        'fill',
        stem,
        [],
        answers.filter((a) => a.fraction === 100).map((a) => a.text),
        explanation,
        q.line,
        'shortanswer',
        errors,
        questions,
        category,
      );
    } else if (q.type === 'essay') {
      finish('short', stem, [], [stripHtml(q.graderinfo ?? '') || '（无参考答案）'], explanation, q.line, 'essay', errors, questions, category);
    } else {
      errors.push({
        row: q.line,
        column: 'type',
        message: said('bank.row.typeNotSupported', { type: q.type }),
      });
    }
  }
  return result(questions, errors, 'quiz');
}

/** GIFT text of a bank (export), escaped so it reads back the same. */
export function toGift(questions: readonly Question[]): string {
  const esc = (s: string) => s.replace(/([~=#{}:\\])/g, '\\$1');
  let category = '';
  return (
    questions
      .map((q) => {
        // a $CATEGORY line whenever the 分类 changes, so it reads back into the same 分类
        const cat = q.category !== category ? `$CATEGORY: $course$/top/${q.category || 'Default'}\n\n` : '';
        category = q.category;
        const head = `${cat}// ${q.id}\n::${esc(q.stem.slice(0, 40))}::${esc(q.stem)}`;
        const fb = q.explanation ? `####${esc(q.explanation)}` : '';
        if (q.type === 'truefalse') return `${head} {${q.answer[0] === 'T' ? 'TRUE' : 'FALSE'}${fb}}`;
        if (q.type === 'fill') return `${head} {${q.answer.map((a) => `=${esc(a)}`).join(' ')}${fb}}`;
        if (q.type === 'short') return `${head} {${fb}}`;
        const right = new Set(q.answer);
        const n = right.size;
        const opts = q.options.map((o, i) => {
          const l = String.fromCharCode(65 + i);
          if (q.type === 'single') return `${right.has(l) ? '=' : '~'}${esc(o)}`;
          const w = right.has(l) ? Math.round((100 / n) * 100000) / 100000 : -100;
          return `~%${w}%${esc(o)}`;
        });
        return `${head} {\n${opts.map((o) => `  ${o}`).join('\n')}${fb ? `\n  ${fb}` : ''}\n}`;
      })
      .join('\n\n') + '\n'
  );
}

// Question banks from the spreadsheets safety departments already have. Pure: rows of strings in,
// questions or row/column errors out. Two layouts:
// - 'template' (ours, downloadable): 题型 | 题干 | 选项A … 选项F | 答案 | 解析 | 分值 | 难度
// - 'packed' (common in the wild): 试题类型 | 题目内容 | 题目选项 | 题目答案, all options in one cell as
//   `**A.…**B.…` with `.`/`:`/`：`/nothing after the letter, answers with stray spaces, 判断题 and 是非题
//   meaning the same, stems that start with their own number.
import { questionSchema, type Question, type QuestionType } from './model';
import { ruleOf, said, type Message } from './message';

export interface ImportError {
  /** 1-based row as the spreadsheet shows it */
  row: number;
  column: string;
  /** a key of the backend's message catalog with its values */
  message: Message;
}

/** our template's columns; 难度 1–3 (or 易/中/难), 标签 separated by commas */
export const TEMPLATE_HEADER = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '分值', '难度', '分类', '标签', '出处'];

/** What could be read of a refused question, in our template's terms (all as written). */
export interface TemplateFields {
  type?: string;
  stem?: string;
  options?: string[];
  answer?: string;
  explanation?: string;
  score?: string;
  difficulty?: string;
  category?: string;
  tags?: string;
  source?: string;
}

/** A refused question as the officer wrote it: where it starts, its text, and its fields when they could be told apart. */
export interface RefusedEntry {
  row: number;
  text: string;
  fields: TemplateFields | null;
}

/** One row of our template. */
export function templateRow(f: TemplateFields): string[] {
  const opts = Array.from({ length: 6 }, (_, i) => f.options?.[i] ?? '');
  return [f.type ?? '', f.stem ?? '', ...opts, f.answer ?? '', f.explanation ?? '', f.score ?? '', f.difficulty ?? '', f.category ?? '', f.tags ?? '', f.source ?? ''];
}

/** Not ok: `errors` names the refused rows, `questions` holds the good ones (the officer may import them and skip the rest). */
export type BankParse =
  { ok: true; layout: 'template' | 'packed'; questions: Question[]; skippedBlankRows: number } | { ok: false; layout?: 'template' | 'packed'; errors: ImportError[]; questions: Question[] };

const TYPE_NAMES: Record<string, QuestionType> = {
  单选: 'single',
  单选题: 'single',
  单项选择题: 'single',
  多选: 'multiple',
  多选题: 'multiple',
  多项选择题: 'multiple',
  判断: 'truefalse',
  判断题: 'truefalse',
  是非: 'truefalse',
  是非题: 'truefalse',
  填空: 'fill',
  填空题: 'fill',
  简答: 'short',
  简答题: 'short',
  问答题: 'short',
};

const TRUE_WORDS = new Set(['正确', '对', '是', '√', 'T', 'TRUE', 'Y']);
const FALSE_WORDS = new Set(['错误', '错', '不正确', '否', '×', 'X', 'F', 'FALSE', 'N']);

/** White space folded; the text itself (full-width Chinese punctuation included) kept as written. */
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const folded = (s: string) => clean(s.normalize('NFKC')).toUpperCase();
const LETTERS = 'ABCDEFGH';

/** `**A.正确**B:错误` → ['正确', '错误']; null when the cell is not in that form. */
export function splitPackedOptions(cell: string): { letter: string; text: string }[] | null {
  // '**' starts an option; a stray third '*' (seen in real files: '死亡***B:') is dropped
  const parts = cell
    .split(/\*{2,}/)
    .map((p) => p.replace(/^\*+|\*+$/g, '').trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  const out: { letter: string; text: string }[] = [];
  for (const p of parts) {
    const m = /^([A-Ha-hＡ-Ｈ])\s*[.．:：、,，)）]?\s*([\s\S]*)$/.exec(p);
    if (!m) return null;
    out.push({ letter: m[1]!.normalize('NFKC').toUpperCase(), text: clean(m[2]!) });
  }
  return out;
}

/** '1.安全…' / '139．安全…' / '200. 企业…' → the stem without its own number. */
export function stripNumber(stem: string): string {
  // not when a decimal follows: '1.5倍额定电流' keeps its number
  return clean(stem).replace(/^\d{1,4}\s*[.．、]\s*(?!\d)/, '');
}

/** FNV-1a over UTF-16 units, 32 bits, with a seed: two seeds make a 64-bit fingerprint. */
function fnv(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A stable id from what the question says: the same question imported twice gets the same id. */
export function questionId(type: QuestionType, stem: string, options: readonly string[]): string {
  const key = `${type}|${clean(stem)}|${options.map(clean).join('|')}`;
  return `q-${fnv(key, 0x811c9dc5)}${fnv(key, 0x01234567)}`;
}

function letters(answer: string): string[] {
  return [
    ...new Set(
      answer
        .normalize('NFKC')
        .toUpperCase()
        .replace(/[^A-H]/g, ''),
    ),
  ].sort();
}

function trueFalse(answer: string, options: readonly string[]): 'T' | 'F' | null {
  const a = folded(answer);
  if (TRUE_WORDS.has(a)) return 'T';
  if (FALSE_WORDS.has(a)) return 'F';
  // a letter pointing at an option that says 正确 / 错误
  const i = LETTERS.indexOf(a);
  const opt = i >= 0 ? options[i] : undefined;
  if (opt !== undefined) {
    const o = folded(opt);
    if (TRUE_WORDS.has(o)) return 'T';
    if (FALSE_WORDS.has(o)) return 'F';
  }
  return null;
}

/** 难度 as banks write it: 1–3, or words. */
const DIFFICULTY_WORDS: Record<string, number> = {
  '1': 1,
  '2': 2,
  '3': 3,
  易: 1,
  容易: 1,
  简单: 1,
  较易: 1,
  中: 2,
  中等: 2,
  一般: 2,
  适中: 2,
  难: 3,
  较难: 3,
  困难: 3,
};

function headerIndex(header: readonly string[], names: readonly string[]): number {
  return header.findIndex((h) => names.includes(clean(h).replace(/\s/g, '')));
}

function columnsOf(header: readonly string[]) {
  const col = {
    type: headerIndex(header, ['题型', '试题类型', '题目类型']),
    stem: headerIndex(header, ['题干', '题目内容', '题目']),
    packed: headerIndex(header, ['题目选项', '选项']),
    answer: headerIndex(header, ['答案', '题目答案', '正确答案']),
    explanation: headerIndex(header, ['解析', '答案解析']),
    score: headerIndex(header, ['分值', '分数']),
    difficulty: headerIndex(header, ['难度']),
    source: headerIndex(header, ['出处', '依据', '来源', '条款']),
    category: headerIndex(header, ['分类', '知识点', '类别']),
    tags: headerIndex(header, ['标签']),
  };
  const optionCols = LETTERS.slice(0, 6)
    .split('')
    .map((l) => headerIndex(header, [`选项${l}`, `选项${l.toLowerCase()}`, l]));
  const layout: 'template' | 'packed' = optionCols[0]! >= 0 ? 'template' : 'packed';
  return { col, optionCols, layout };
}

/** The refused rows of a table, each as written and in our template's columns (for the officer to correct). */
export function tableRefused(rows: readonly (readonly string[])[], refusedRows: readonly number[]): RefusedEntry[] {
  const header = rows[0];
  if (!header) return [];
  const { col, optionCols, layout } = columnsOf(header);
  return [...new Set(refusedRows)]
    .filter((r) => r >= 2 && r <= rows.length)
    .map((r) => {
      const row = rows[r - 1]!;
      const cell = (i: number) => (i >= 0 ? clean(row[i] ?? '') : '');
      const packed = layout === 'packed' ? splitPackedOptions(row[col.packed] ?? '') : null;
      const options = layout === 'template' ? optionCols.map(cell) : packed ? packed.map((p) => p.text) : [cell(col.packed)];
      const fields: TemplateFields = {
        type: cell(col.type),
        stem: stripNumber(cell(col.stem)),
        options,
        answer: cell(col.answer),
        explanation: cell(col.explanation),
        score: cell(col.score),
        difficulty: cell(col.difficulty),
        category: cell(col.category),
        tags: cell(col.tags),
        source: cell(col.source),
      };
      return { row: r, text: row.map(clean).filter(Boolean).join(' | '), fields };
    });
}

export function parseQuestionTable(rows: readonly (readonly string[])[], opts: { defaultScore?: number } = {}): BankParse {
  const header = rows[0];
  if (!header) return { ok: false, errors: [{ row: 1, column: '表头', message: said('bank.row.noHeader') }], questions: [] };
  const { col, optionCols, layout } = columnsOf(header);
  const missing: string[] = [];
  if (col.type < 0) missing.push('题型');
  if (col.stem < 0) missing.push('题干');
  if (col.answer < 0) missing.push('答案');
  if (layout === 'packed' && col.packed < 0) missing.push('选项A…（或 题目选项）');
  if (missing.length > 0) return { ok: false, errors: missing.map((m) => ({ row: 1, column: m, message: said('bank.row.missingColumn', { column: m }) })), questions: [] };

  const errors: ImportError[] = [];
  const questions: Question[] = [];
  let skipped = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const rowNo = r + 1;
    const cell = (i: number) => (i >= 0 ? (row[i] ?? '') : '');
    if (row.every((c) => c.trim() === '')) {
      skipped += 1;
      continue;
    }
    const typeText = clean(cell(col.type)).replace(/\s/g, '');
    const type = TYPE_NAMES[typeText];
    if (!type) {
      errors.push({
        row: rowNo,
        column: clean(header[col.type] ?? '题型'),
        message: typeText ? said('bank.row.unknownType', { value: typeText }) : said('bank.row.noType'),
      });
      continue;
    }
    const stem = stripNumber(cell(col.stem));
    if (!stem) {
      errors.push({ row: rowNo, column: clean(header[col.stem] ?? '题干'), message: said('bank.row.noStem') });
      continue;
    }
    let options: string[] = [];
    if (layout === 'template') options = optionCols.map((i) => clean(cell(i))).filter((o, i, all) => o !== '' || all.slice(i).some((x) => x !== ''));
    else if (cell(col.packed).trim() !== '') {
      const parsed = splitPackedOptions(cell(col.packed));
      if (!parsed || parsed.some((p, i) => p.letter !== LETTERS[i])) {
        errors.push({
          row: rowNo,
          column: clean(header[col.packed] ?? '题目选项'),
          message: said('bank.row.packedOptions'),
        });
        continue;
      }
      options = parsed.map((p) => p.text);
    }
    const answerText = cell(col.answer);
    const answerCol = clean(header[col.answer] ?? '答案');
    let answer: string[];
    if (type === 'single' || type === 'multiple') {
      answer = letters(answerText);
      const bad = answer.find((a) => LETTERS.indexOf(a) >= options.length);
      if (answer.length === 0 || bad) {
        errors.push({ row: rowNo, column: answerCol, message: answer.length === 0 ? said('bank.row.noAnswer') : said('bank.row.answerNotOption', { answer: bad! }) });
        continue;
      }
      if (type === 'single' && answer.length !== 1) {
        errors.push({ row: rowNo, column: answerCol, message: said('bank.row.singleOneAnswer', { answer: answer.join('') }) });
        continue;
      }
      if (type === 'multiple' && answer.length < 2) {
        errors.push({ row: rowNo, column: answerCol, message: said('bank.row.multipleOneAnswer', { answer: answer.join('') }) });
        continue;
      }
    } else if (type === 'truefalse') {
      const tf = trueFalse(answerText, options);
      if (!tf) {
        errors.push({ row: rowNo, column: answerCol, message: said('bank.row.notTrueFalse', { value: clean(answerText) }) });
        continue;
      }
      answer = [tf];
      options = [];
    } else {
      answer = clean(answerText)
        .split(/[|｜;；]/)
        .map(clean)
        .filter(Boolean);
      if (answer.length === 0) {
        errors.push({ row: rowNo, column: answerCol, message: said('bank.row.noAnswer') });
        continue;
      }
    }
    const scoreText = clean(cell(col.score));
    const score = scoreText === '' ? (opts.defaultScore ?? 1) : Number(scoreText);
    if (!(score > 0 && score <= 100)) {
      errors.push({ row: rowNo, column: clean(header[col.score] ?? '分值'), message: said('bank.row.badScore', { value: scoreText }) });
      continue;
    }
    const difficultyText = clean(cell(col.difficulty)).replace(/\s/g, '');
    const difficulty = difficultyText === '' ? 0 : DIFFICULTY_WORDS[difficultyText];
    if (difficulty === undefined) {
      errors.push({
        row: rowNo,
        column: clean(header[col.difficulty] ?? '难度'),
        message: said('bank.row.badDifficulty', { value: difficultyText }),
      });
      continue;
    }
    const parsed = questionSchema.safeParse({
      id: questionId(type, stem, options),
      difficulty,
      category: clean(cell(col.category)),
      tags: [
        ...new Set(
          clean(cell(col.tags))
            .split(/[,，;；、\s]+/)
            .filter(Boolean),
        ),
      ],
      type,
      stem,
      options,
      answer,
      explanation: clean(cell(col.explanation)),
      score,
      source: clean(cell(col.source)),
    });
    if (!parsed.success) {
      errors.push({ row: rowNo, column: String(parsed.error.issues[0]!.path[0] ?? ''), message: ruleOf(parsed.error.issues[0]!) });
      continue;
    }
    questions.push(parsed.data);
  }
  if (errors.length > 0) return { ok: false, layout, errors, questions };
  if (questions.length === 0) return { ok: false, layout, errors: [{ row: 2, column: '数据', message: said('bank.row.noQuestions') }], questions };
  return { ok: true, layout, questions, skippedBlankRows: skipped };
}

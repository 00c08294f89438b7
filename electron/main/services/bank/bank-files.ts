// Reading a bank file, whatever its kind: Excel/CSV tables (ours and the 'packed' one), GIFT, Aiken,
// Moodle XML, and question lists typed in Word, Markdown or plain text. Each gives the good
// questions, the refused ones with the reason, and each refused one as written (for the sheet the
// officer corrects).
import { fromMoodleXml, parseAiken, parseGift, type MoodleXmlQuestion } from '../../../core/moodle-formats';
import { said } from '../../../core/message';
import { parseQuestionTable, tableRefused, type ImportError, type RefusedEntry } from '../../../core/question-import';
import { markdownLine, parseQuestionList, type NumberedLine } from '../../../core/question-text';
import type { Question } from '../../../core/model';
import type { BankPreview } from '../../../shared/api';
import { ApiError } from '../errors';
import { docxParagraphs } from './docx-list';
import { decodeText, readTable } from '../files/table-file';

/** ok: every question of the file is good. Otherwise `errors` are the refused ones (or why the file cannot be read), `questions` the good ones. */
export interface BankFileParse {
  ok: boolean;
  layout: BankPreview['layout'];
  numbering: BankPreview['numbering'];
  questions: Question[];
  errors: ImportError[];
  /** the refused questions as written, one per row/line/paragraph they start on */
  refused: RefusedEntry[];
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** Moodle XML → plain objects, each question with the line its <question> tag is on. */
async function parseMoodleXml(fileName: string, text: string): Promise<{ ok: boolean; errors: ImportError[]; questions: Question[] }> {
  // A DOCTYPE can declare entities: ones that read other files or addresses (external), or that
  // grow into gigabytes (nested). Moodle's own exports have none, so none is read at all.
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    const line = lineAt(text, doctype.index);
    throw new ApiError('bad_input', 'bank.lineXmlDoctypeNot', { fileName, line }, 'file');
  }
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, errors: [{ row: valid.err.line, column: 'XML', message: said('bank.row.xmlNotWellFormed', { why: valid.err.msg }) }], questions: [] };
  const lines: number[] = [];
  for (const m of text.matchAll(/<question\b/g)) lines.push(lineAt(text, m.index));
  let doc: { quiz?: { question?: Record<string, unknown>[] } };
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'question' || name === 'answer' }).parse(text) as typeof doc;
  } catch (e) {
    // what the validator let through and the parser still refuses is the file's fault, not ours
    const why = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 200) : String(e);
    throw new ApiError('bad_input', 'bank.cannotReadXml', { fileName, why }, 'file');
  }
  const textOf = (v: unknown): string => (v && typeof v === 'object' ? String((v as { text?: unknown }).text ?? '') : String(v ?? ''));
  const items: MoodleXmlQuestion[] = (doc.quiz?.question ?? []).map((q, i) => ({
    type: String(q.type ?? ''),
    line: lines[i] ?? 1,
    text: textOf(q.questiontext),
    single: q.single === undefined ? undefined : String(q.single),
    generalfeedback: textOf(q.generalfeedback),
    graderinfo: textOf(q.graderinfo),
    category: textOf(q.category),
    answers: ((q.answer as Record<string, unknown>[] | undefined) ?? []).map((a) => ({ fraction: Number(a.fraction ?? 0), text: textOf(a) })),
  }));
  if (!doc.quiz) return { ok: false, errors: [{ row: 1, column: 'quiz', message: said('bank.row.notMoodleXml') }], questions: [] };
  const r = fromMoodleXml(items);
  return { ok: r.ok, errors: r.ok ? [] : r.errors, questions: r.questions };
}

/** A refused question of a GIFT, Aiken or XML file: the lines from where it starts to the blank line (or </question>) after it. */
function refusedLines(text: string, errors: readonly ImportError[], xml: boolean): RefusedEntry[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return [...new Set(errors.map((e) => e.row))].map((row) => {
    const out: string[] = [];
    for (let i = row - 1; i < lines.length && out.length < 60; i++) {
      if (!xml && lines[i]!.trim() === '' && out.length > 0) break;
      out.push(lines[i]!);
      if (xml && /<\/question>/.test(lines[i]!)) break;
    }
    return { row, text: out.join('\n').trim(), fields: null };
  });
}

const textLines = (text: string, md: boolean): NumberedLine[] =>
  text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((t, i) => ({ no: i + 1, text: md ? markdownLine(t) : t }));

function listParse(lines: NumberedLine[], numbering: BankFileParse['numbering']): BankFileParse {
  const r = parseQuestionList(lines);
  return { ok: r.errors.length === 0, layout: 'question-list', numbering, questions: r.questions, errors: r.errors, refused: r.refused };
}

/** Any bank file we read. */
export async function parseBankFile(fileName: string, bytes: Uint8Array): Promise<BankFileParse> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'xlsx' || ext === 'csv') {
    const rows = await readTable(fileName, bytes);
    const r = parseQuestionTable(rows);
    const errors = r.ok ? [] : r.errors;
    return {
      ok: r.ok,
      layout: r.layout ?? null,
      numbering: 'row',
      questions: r.questions,
      errors,
      refused: tableRefused(
        rows,
        errors.map((e) => e.row),
      ),
    };
  }
  if (bytes.length === 0) throw new ApiError('bad_input', 'common.fileEmpty', { fileName }, 'file');
  if (ext === 'docx') return listParse(await docxParagraphs(fileName, bytes), 'paragraph');
  const text = decodeText(bytes);
  const withLines = (layout: BankPreview['layout'], r: { ok: boolean; errors?: ImportError[]; questions: Question[] }, xml = false): BankFileParse => {
    const errors = r.errors ?? [];
    return { ok: r.ok, layout, numbering: 'line', questions: r.questions, errors, refused: refusedLines(text, errors, xml) };
  };
  if (ext === 'xml') return withLines('moodle-xml', await parseMoodleXml(fileName, text), true);
  if (ext === 'gift' || (ext === 'txt' && /(?<!\\)\{[\s\S]*(?<!\\)\}/.test(text))) return withLines('gift', parseGift(text));
  if (ext === 'txt' && /^\s*ANSWER\s*:\s*[A-Z]\s*$/im.test(text)) return withLines('aiken', parseAiken(text));
  if (ext === 'txt' || ext === 'md') return listParse(textLines(text, ext === 'md'), 'line');
  throw new ApiError('bad_input', 'bank.formatNotSupportedUse', { fileName }, 'file');
}

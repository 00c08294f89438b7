// Questions drafted from an official text, for an officer to review: fill-in blanks on a number
// with its unit or on a term the text defines, true/false statements (as written, or with a number
// changed or a duty denied), single choices whose distractors are values of the same kind found
// elsewhere in the same text. Pure and deterministic: the same text always gives the same drafts,
// so a reviewed list can be compared with a new draft of it. Nothing here adds to a bank.
import { questionSchema, type Question, type QuestionType } from './model';
import { questionId } from './question-import';
import { citedUnitAt, structureOf, type TextUnit } from './text-structure';
import { definedTerm, dutyIn, numberPhrases, otherNumerals, stableShuffle, type NumberPhrase } from './draft-phrases';

export interface DraftSource {
  docId: string;
  /** the document's title; the 出处 uses its short form (安全生产法 for 中华人民共和国安全生产法) */
  title: string;
  paragraphs: readonly string[];
}

export interface QuestionDraft {
  question: Question;
  /** the unit it is drawn from, as the structure names it: '第二十八条', '4.2.3' */
  unit: string;
  /** the sentence it was drawn from, as the text has it */
  quote: string;
}

/** so one long article does not fill the list */
export const DRAFTS_PER_UNIT = 5;
/** two ideographic spaces: a blank the page shows as wide as it is written (ASCII spaces collapse) */
export const BLANK = '（\u3000\u3000）';
const SCORE: Record<QuestionType, number> = { single: 2, multiple: 2, truefalse: 1, fill: 2, short: 5 };
/** a sentence that leans on the ones before it (前款, 下列…) is not a question by itself */
const LEANS = /前款|前[两二三四]款|前条|前项|前述|上述|本条(?!例)|下列|该款/;
/** nor one that goes on from the sentence before it (其中，…; 但…) */
const GOES_ON = /^(?:其中|但是?|并且|同时|此外|对此|为此)[，,]?/;
const STEM_CHARS = 160;
const ITEM_STEM_CHARS = 200;
/** a longer statement is hard to judge as a whole */
const TF_CHARS = 150;

export const shortTitleOf = (title: string) => title.replace(/^中华人民共和国/, '').trim();

/** A sentence's piece (split on ；) with the words around it that the stem shows. */
interface Segment {
  unit: TextUnit;
  before: string;
  text: string;
  after: string;
  /** the whole sentence, as the explanation quotes it */
  quote: string;
  numbers: NumberPhrase[];
}

function unitLabel(s: ReturnType<typeof structureOf>, u: TextUnit): string {
  return s.kind === 'notice' ? u.id.replace(/\//g, '').replace(/、$/, '') : u.id;
}

const stripLabel = (p: string, u: TextUnit) => (p.startsWith(u.label) ? p.slice(u.label.length).replace(/^[\s\u3000]+/, '') : p);
const ITEM = /^[（(][一二三四五六七八九十]+[）)]\s*/;

/** The pieces of one unit's paragraphs that a question can stand on, with the words a stem needs. */
function segmentsOf(unit: TextUnit, paras: readonly string[]): Segment[] {
  const out: Segment[] = [];
  let intro = '';
  paras.forEach((raw, k) => {
    let p = raw.trim();
    if (k === 0) p = stripLabel(p, unit);
    const isItem = ITEM.test(p);
    if (isItem) p = p.replace(ITEM, '');
    // an item reads under the sentence that lists it (…负有下列职责：)
    const prefix = isItem ? (intro && intro.length <= 140 ? `${intro}：` : null) : '';
    if (prefix === null) return;
    // the paragraph that lists items (…负有下列职责：) is what each item reads under
    if (!isItem && /[：:]$/.test(p)) intro = p.replace(/[：:]$/, '');
    for (const raw of p.split(/(?<=。)/)) {
      const sentence = raw.replace(/[。\s]+$/, '');
      if (!sentence) continue;
      if (/[：:]$/.test(sentence)) continue;
      const pieces = sentence.split(/[；;]/).filter((x) => x.trim());
      const whole = pieces.join('；');
      pieces.forEach((text, i) => {
        let before: string;
        let after: string;
        if (whole.length <= STEM_CHARS) {
          before = pieces.slice(0, i).join('；') + (i > 0 ? '；' : '');
          after = i < pieces.length - 1 ? `；${pieces.slice(i + 1).join('；')}` : '';
        } else if (i > 0 && pieces[0]!.length + text.length <= STEM_CHARS - 10) {
          before = `${pieces[0]}；……；`;
          after = '';
        } else {
          before = '';
          after = '';
        }
        if (text.length < 8 || LEANS.test(before + text + after) || GOES_ON.test(before || text)) return;
        // an item under a long lead makes a stem too long to read
        if (prefix && prefix.length + before.length + text.length + after.length > ITEM_STEM_CHARS) return;
        out.push({ unit, before: prefix + before, text, after, quote: `${prefix}${whole}。`, numbers: numberPhrases(text).filter((n) => n.text.length <= 20) });
      });
    }
  });
  return out;
}

type Made = Omit<QuestionInputLike, 'id'>;
interface QuestionInputLike {
  type: QuestionType;
  stem: string;
  options: string[];
  answer: string[];
  note?: string;
}

/** The drafts of a text: none when the text has no structure (no articles, clauses or items). */
export function draftQuestions(src: DraftSource): QuestionDraft[] {
  const s = structureOf(src.paragraphs);
  if (s.kind === 'none') return [];
  const short = shortTitleOf(src.title);
  // the paragraphs of each unit a question can cite (a law's article, a standard's deepest clause)
  const groups = new Map<TextUnit, string[]>();
  src.paragraphs.forEach((p, i) => {
    const u = citedUnitAt(s, i);
    if (!u || !p.trim()) return;
    if (!groups.has(u)) groups.set(u, []);
    groups.get(u)!.push(p);
  });
  const segments = [...groups].map(([u, paras]) => segmentsOf(u, paras));
  // every value of each kind in the text, in the order it first appears: where distractors come from
  const values = new Map<string, string[]>();
  for (const paras of groups.values())
    for (const p of paras)
      for (const n of numberPhrases(p)) {
        const list = values.get(n.kind) ?? [];
        if (!list.includes(n.text) && n.text.length <= 20) values.set(n.kind, [...list, n.text]);
      }
  const others = (n: NumberPhrase, stem: string) => (values.get(n.kind) ?? []).filter((v) => v !== n.text && !stem.includes(v) && !v.includes(n.text) && !n.text.includes(v));

  const tf = { T: 0, F: 0 };
  const stems = new Set<string>();
  const out: QuestionDraft[] = [];

  const fill = (g: Segment): Made | null => {
    const term = definedTerm(g.text);
    const at = g.numbers[0] ?? (term ? { text: term.text, at: term.at } : null);
    if (!at) return null;
    const stem = `${g.before}${g.text.slice(0, at.at)}${BLANK}${g.text.slice(at.at + at.text.length)}${g.after}。`;
    const alt = otherNumerals(at.text);
    return { type: 'fill', stem, options: [], answer: alt ? [at.text, alt] : [at.text] };
  };
  const single = (g: Segment): Made | null => {
    for (const n of g.numbers) {
      const stem = `${g.before}${g.text.slice(0, n.at)}${BLANK}${g.text.slice(n.at + n.text.length)}${g.after}。`;
      const wrong = stableShuffle(others(n, stem), n.text, (v) => v).slice(0, 3);
      if (wrong.length < 3) continue;
      const options = stableShuffle([n.text, ...wrong], stem, (v) => v);
      return { type: 'single', stem, options, answer: [String.fromCharCode(65 + options.indexOf(n.text))] };
    }
    return null;
  };
  const trueFalse = (g: Segment): Made | null => {
    const duty = dutyIn(g.text);
    if (!duty && g.numbers.length === 0) return null;
    const asWritten = `${g.before}${g.text}${g.after}。`;
    if (asWritten.length > TF_CHARS) return null;
    if (tf.F <= tf.T) {
      // false: a duty denied, or a number another of its kind
      if (duty) {
        const text = g.text.slice(0, duty.at) + duty.negated + g.text.slice(duty.at + duty.word.length);
        return { type: 'truefalse', stem: `${g.before}${text}${g.after}。`, options: [], answer: ['F'], note: `题中「${duty.negated}」，原文为「${duty.word}」。` };
      }
      for (const n of g.numbers) {
        const other = stableShuffle(others(n, asWritten), n.text, (v) => v)[0];
        if (!other) continue;
        const text = g.text.slice(0, n.at) + other + g.text.slice(n.at + n.text.length);
        return { type: 'truefalse', stem: `${g.before}${text}${g.after}。`, options: [], answer: ['F'], note: `题中「${other}」，原文为「${n.text}」。` };
      }
    }
    return { type: 'truefalse', stem: asWritten, options: [], answer: ['T'] };
  };
  const makers: Record<'fill' | 'single' | 'truefalse', (g: Segment) => Made | null> = { single, fill, truefalse: trueFalse };
  const order = ['single', 'fill', 'truefalse'] as const;

  segments.forEach((segs, ui) => {
    if (segs.length === 0) return;
    const unit = segs[0]!.unit;
    const label = unitLabel(s, unit);
    const used = new Set<Segment>();
    const picked: { g: Segment; q: QuestionDraft }[] = [];
    // the types take turns, starting with a different one in each unit, so none dominates the list
    let progress = true;
    for (let turn = 0; progress && picked.length < DRAFTS_PER_UNIT;) {
      progress = false;
      for (let t = 0; t < order.length && picked.length < DRAFTS_PER_UNIT; t++, turn++) {
        const type = order[(ui + turn) % order.length]!;
        // a statement is drawn from a duty first: the sentences with numbers are kept for blanks
        const inTurn = type === 'truefalse' ? [...segs.filter((g) => g.numbers.length === 0), ...segs.filter((g) => g.numbers.length > 0)] : segs;
        for (const g of inTurn) {
          if (used.has(g)) continue;
          const made = makers[type](g);
          if (!made || stems.has(made.stem)) continue;
          used.add(g);
          stems.add(made.stem);
          if (made.type === 'truefalse') tf[made.answer[0] as 'T' | 'F'] += 1;
          const explanation = `依据《${short}》${label}：「${g.quote}」${made.note ?? ''}`;
          const question = questionSchema.parse({
            id: questionId(made.type, made.stem, made.options),
            type: made.type,
            stem: made.stem,
            options: made.options,
            answer: made.answer,
            explanation,
            score: SCORE[made.type],
            source: `《${short}》${label}`,
            docId: src.docId,
          });
          picked.push({ g, q: { question, unit: unit.id, quote: g.quote } });
          progress = true;
          break;
        }
      }
    }
    // in the order the text has them
    picked.sort((a, b) => segs.indexOf(a.g) - segs.indexOf(b.g));
    out.push(...picked.map((p) => p.q));
  });
  return out;
}

// A Word document's paragraphs, for reading a question list out of it. Word's automatic numbering
// (1. 2. 3. before the questions, A. B. C. before the options) is not in the text mammoth gives:
// it is worked out here from numbering.xml and each paragraph's numbering, and put back in front
// of the paragraph, so a list numbered by Word reads like one numbered by hand.
import { Writable } from 'node:stream';
import type { NumberedLine } from '../../../core/question-text';
import { badInput } from '../errors';

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/** numId → its levels (by ilvl), from numbering.xml; a level's start may be overridden by the num. */
export function readNumbering(xml: string): Map<string, Map<string, Level>> {
  const attr = (s: string, tag: string) => new RegExp(`<w:${tag}\\b[^>]*\\bw:val="([^"]*)"`).exec(s)?.[1];
  const abstracts = new Map<string, Map<string, Level>>();
  for (const a of xml.matchAll(/<w:abstractNum\b[^>]*\bw:abstractNumId="([^"]+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<string, Level>();
    for (const l of a[2]!.matchAll(/<w:lvl\b[^>]*\bw:ilvl="([^"]+)"[^>]*>([\s\S]*?)<\/w:lvl>/g))
      levels.set(l[1]!, { fmt: attr(l[2]!, 'numFmt') ?? 'decimal', text: attr(l[2]!, 'lvlText') ?? '', start: Number(attr(l[2]!, 'start') ?? 1) });
    abstracts.set(a[1]!, levels);
  }
  const nums = new Map<string, Map<string, Level>>();
  for (const n of xml.matchAll(/<w:num\b[^>]*\bw:numId="([^"]+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const base = abstracts.get(attr(n[2]!, 'abstractNumId') ?? '');
    if (!base) continue;
    const levels = new Map(base);
    for (const o of n[2]!.matchAll(/<w:lvlOverride\b[^>]*\bw:ilvl="([^"]+)"[^>]*>([\s\S]*?)<\/w:lvlOverride>/g)) {
      const start = attr(o[2]!, 'startOverride');
      const l = levels.get(o[1]!);
      if (l && start !== undefined) levels.set(o[1]!, { ...l, start: Number(start) });
    }
    nums.set(n[1]!, levels);
  }
  return nums;
}

const CN = '〇一二三四五六七八九';
function counted(n: number, fmt: string): string | null {
  const letters = (base: number) => String.fromCharCode(base + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
  switch (fmt) {
    case 'decimal':
    case 'decimalZero':
      return fmt === 'decimalZero' && n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'upperLetter':
      return letters(65);
    case 'lowerLetter':
      return letters(97);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'ideographDigital':
      return n < 10 ? CN[n]! : n < 20 ? `十${n % 10 ? CN[n % 10] : ''}` : n < 100 ? `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}` : String(n);
    default:
      // bullets, none, and the rarer counting styles: no label (the paragraph reads as typed)
      return null;
  }
}

/** The label Word shows before each numbered paragraph of document.xml, in order (null: a bullet, or none). */
export function numberLabels(documentXml: string, numbering: Map<string, Map<string, Level>>): (string | null)[] {
  const counters = new Map<string, number[]>();
  const out: (string | null)[] = [];
  for (const p of documentXml.matchAll(/<w:p\b[^>]*>([\s\S]*?)<\/w:p>/g)) {
    const pr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(p[1]!)?.[1];
    if (pr === undefined) continue;
    const numId = /<w:numId\b[^>]*\bw:val="([^"]+)"/.exec(pr)?.[1] ?? '0';
    const ilvl = Number(/<w:ilvl\b[^>]*\bw:val="([^"]+)"/.exec(pr)?.[1] ?? 0);
    const levels = numbering.get(numId);
    // numId 0 takes a paragraph out of its list; an unknown level numbers nothing (as mammoth sees it)
    if (numId === '0' || !levels?.has(String(ilvl))) continue;
    const c = counters.get(numId) ?? [];
    for (let l = 0; l <= ilvl; l++) c[l] ??= (levels.get(String(l))?.start ?? 1) - (l === ilvl ? 1 : 0);
    c[ilvl]! += 1;
    c.length = ilvl + 1; // a deeper level starts again under the next item
    counters.set(numId, c);
    const level = levels.get(String(ilvl))!;
    let ok = counted(1, level.fmt) !== null;
    const text = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const s = counted(c[l] ?? 1, levels.get(String(l))?.fmt ?? 'decimal');
      if (s === null) ok = false;
      return s ?? '';
    });
    out.push(ok && text.trim() !== '' ? text : null);
  }
  return out;
}

type El = { type: string; value?: string; breakType?: string; numbering?: unknown; children?: El[] };

/** Each paragraph's text as mammoth reads it (a line break inside one kept), and whether Word numbers it. */
function paragraphsOf(doc: El): { text: string; numbered: boolean }[] {
  const out: { text: string; numbered: boolean }[] = [];
  const inline = (e: El): string =>
    e.type === 'text' ? (e.value ?? '') : e.type === 'tab' ? '\t' : e.type === 'break' ? (e.breakType === 'line' || !e.breakType ? '\n' : '') : (e.children ?? []).map(inline).join('');
  const walk = (e: El) => {
    if (e.type === 'paragraph') out.push({ text: inline(e), numbered: e.numbering != null });
    else for (const c of e.children ?? []) walk(c);
  };
  walk(doc);
  return out;
}

/** The parts of the .docx (already checked against zip bombs) that hold the numbering. */
async function numberingParts(bytes: Uint8Array, fileName: string): Promise<{ document: string; numbering: string } | null> {
  const { eachZipEntry, ZIP_LIMITS } = await import('../files/zip-folder');
  const parts: Record<string, Buffer[]> = {};
  try {
    await eachZipEntry(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName, ZIP_LIMITS.office, (name) => {
      const keep = name === 'word/document.xml' || name === 'word/numbering.xml' ? (parts[name] = [] as Buffer[]) : null;
      return new Writable({ write: (chunk: Buffer, _e, done) => (keep?.push(chunk), done()) });
    });
  } catch {
    return null; // mammoth says what is wrong with the file
  }
  const text = (name: string) => (parts[name] ? Buffer.concat(parts[name]).toString('utf8') : '');
  return parts['word/numbering.xml'] ? { document: text('word/document.xml'), numbering: text('word/numbering.xml') } : null;
}

/** A .docx's paragraphs, numbered as Word counts them (an empty paragraph counts, and reads as a blank line). */
export async function docxParagraphs(fileName: string, bytes: Uint8Array): Promise<NumberedLine[]> {
  // mammoth unpacks the .docx whole in memory: a zip bomb is refused before it gets it
  const { checkOfficeZip } = await import('../files/zip-folder');
  await checkOfficeZip(bytes, fileName);
  let doc: El | null = null;
  try {
    const { default: mammoth } = await import('mammoth'); // loaded when first needed
    // the document as mammoth reads it is all we want: nothing is left to turn into HTML
    await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { transformDocument: (d: El) => ((doc = d), { ...d, children: [] }) });
  } catch {
    throw badInput('bank.notValidDocx', { fileName }, 'file');
  }
  if (!doc) throw badInput('bank.notValidDocx', { fileName }, 'file');
  const paragraphs = paragraphsOf(doc);
  const parts = await numberingParts(bytes, fileName);
  const labels = parts ? numberLabels(parts.document, readNumbering(parts.numbering)) : [];
  // the labels go back only when they and mammoth agree on which paragraphs are numbered (numbering
  // that comes from a paragraph style has no numPr of its own: then the text is read as typed)
  const numbered = paragraphs.filter((p) => p.numbered).length;
  let next = 0;
  return paragraphs.flatMap((p, i) => {
    const label = p.numbered && numbered === labels.length ? labels[next++] : null;
    return (label ? `${label} ${p.text}` : p.text).split('\n').map((text) => ({ no: i + 1, text }));
  });
}

// Checks the bundled content against content/AUTHORING.md and, where a law's text is in
// ../shared/corpus, every citation against that text. Used by tests/content/content.test.ts and
// runnable on its own while writing: `npx tsx tests/content/check-content.ts` prints every defect
// and the counts per document.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { questionSchema } from '../../electron/core/model';
import type { BundledCase, BundledDoc } from '../../electron/main/services/corpus/content-catalog';

export const CORPUS_FILES: Record<string, string> = {
  'work-safety-law': '安全生产法.md',
  'hazchem-regulations': '危险化学品安全管理条例.md',
  'emergency-regulations': '生产安全事故应急条例.md',
  'accident-report-regulations': '生产安全事故报告和调查处理条例.md',
  'safety-license-regulations': '安全生产许可证条例.md',
};
/** How guides and cases name a law in 《》 → its docId. */
const LAW_NAMES: Record<string, string> = {
  安全生产法: 'work-safety-law',
  中华人民共和国安全生产法: 'work-safety-law',
  危险化学品安全管理条例: 'hazchem-regulations',
  生产安全事故应急条例: 'emergency-regulations',
  生产安全事故报告和调查处理条例: 'accident-report-regulations',
  安全生产许可证条例: 'safety-license-regulations',
};
export const GUIDE_SECTIONS = ['一、文件概况', '二、逐条学习要点', '三、对岗位的要求', '四、常见违规', '五、相关事故案例', '六、自测'];
export const CASE_SECTIONS = ['事故概况', '事故经过', '直接原因', '管理原因', '违反的规定', '教训与启示', '资料来源'];
const FLOOR_CATEGORIES = new Set(['法律', '行政法规', '国家标准', '行业标准']);
export const GUIDE_FLOOR = 8000;
export const LOCAL_GUIDE_FLOOR = 1500;
const QUESTION_TYPES = ['single', 'multiple', 'truefalse', 'fill', 'short'] as const;

const here = path.dirname(fileURLToPath(import.meta.url));
export const CONTENT_DIR = path.resolve(here, '../../content');
export const CORPUS_DIR = path.resolve(here, '../../../shared/corpus');

// ---- law texts -------------------------------------------------------------------------------

export interface Article {
  /** the article's paragraphs: 款 and （一）项 alike, in order */
  paras: string[];
}
export type Law = Map<string, Article>;

/** Articles of a corpus file by their heading "第二十八条" (body after `<!-- INFO END -->`). */
export function parseLaw(text: string): Law {
  const body = text.includes('<!-- INFO END -->') ? text.slice(text.indexOf('<!-- INFO END -->')) : text;
  const law: Law = new Map();
  let cur: Article | null = null;
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#') || line.startsWith('<!--')) {
      cur = null;
      continue;
    }
    const m = /^(第[零〇一二三四五六七八九十百]+条)[\s　]*(.*)$/.exec(line);
    if (m) {
      cur = { paras: [m[2]!] };
      law.set(m[1]!, cur);
    } else if (cur) cur.paras.push(line);
  }
  return law;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
export function cnNumber(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += digit * 100;
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

/**
 * Resolves "第二十八条", "第二十八条第四款", "第九十七条第（四）项", "第九十七条第一款第（三）项" in a law.
 * Returns the text the clause covers, or an error in words.
 */
export function lookupClause(law: Law, clause: string): { text: string } | { error: string } {
  const m = /^(第[零〇一二三四五六七八九十百]+条)(?:第([一二三四五六七八九十]+)款)?(?:第?（([一二三四五六七八九十]+)）项)?$/.exec(clause.replace(/\s/g, ''));
  if (!m) return { error: `不是可核对的条款写法：${clause}` };
  const art = law.get(m[1]!);
  if (!art) return { error: `没有${m[1]}` };
  let paras = art.paras;
  if (m[2]) {
    // 款 are the paragraphs that do not start with an item number; items belong to the 款 before them.
    const kuan: string[][] = [];
    for (const p of art.paras) {
      if (/^[（(][一二三四五六七八九十]+[）)]/.test(p) && kuan.length) kuan[kuan.length - 1]!.push(p);
      else kuan.push([p]);
    }
    const k = kuan[cnNumber(m[2]) - 1];
    if (!k) return { error: `${m[1]}没有第${m[2]}款（共 ${kuan.length} 款）` };
    paras = k;
  }
  if (m[3]) {
    // the corpus writes items with full-width or half-width brackets
    const item = paras.find((p) => p.startsWith(`（${m[3]}）`) || p.startsWith(`(${m[3]})`));
    if (!item) return { error: `${m[1]}${m[2] ? `第${m[2]}款` : ''}没有第（${m[3]}）项` };
    // the item's terms may sit in the lead-in of its 款 (e.g. the penalty), so keep that too
    paras = [paras[0]!, item];
  }
  return { text: paras.join('\n') };
}

let lawCache: Map<string, Law> | null = null;
export function corpusLaws(corpusDir = CORPUS_DIR): Map<string, Law> {
  if (lawCache) return lawCache;
  lawCache = new Map();
  for (const [docId, file] of Object.entries(CORPUS_FILES)) {
    const p = path.join(corpusDir, file);
    if (existsSync(p)) lawCache.set(docId, parseLaw(readFileSync(p, 'utf8')));
  }
  return lawCache;
}

/** Our sentences, not the law's: a run this long shared with a law text is a copied sentence. */
export const COPY_RUN = 24;
let gramCache: { text: string; grams: Set<string> } | null = null;
function corpusGrams(corpusDir: string): { text: string; grams: Set<string> } {
  if (gramCache) return gramCache;
  let text = '';
  for (const file of Object.values(CORPUS_FILES)) {
    const p = path.join(corpusDir, file);
    if (existsSync(p)) text += readFileSync(p, 'utf8').split('<!-- INFO END -->').pop()!.replace(/\s/g, '');
  }
  const grams = new Set<string>();
  for (let i = 0; i + COPY_RUN <= text.length; i++) grams.add(text.slice(i, i + COPY_RUN));
  return (gramCache = { text, grams });
}
/** The runs of COPY_RUN or more characters (white space ignored) a text shares with the law texts. */
export function copiedRuns(ours: string, corpusDir = CORPUS_DIR): string[] {
  const { text, grams } = corpusGrams(corpusDir);
  const t = ours.replace(/\s/g, '');
  const out: string[] = [];
  for (let i = 0; i + COPY_RUN <= t.length; ) {
    if (!grams.has(t.slice(i, i + COPY_RUN))) {
      i++;
      continue;
    }
    let j = i + COPY_RUN;
    while (j < t.length && text.includes(t.slice(i, j + 1))) j++;
    out.push(t.slice(i, j));
    i = j;
  }
  return out;
}

const squash = (s: string) => s.normalize('NFKC').replace(/[\s“”"'‘’]/g, '');

// ---- the content ---------------------------------------------------------------------------

// the manifest's own types: the checker reads the raw JSON (to name every defect rather than stop at the first)
type ManifestDoc = BundledDoc;
type ManifestCase = BundledCase;
interface Cite {
  doc: string;
  clause: string;
  terms?: string[];
}
interface BundledQuestion {
  id: string;
  type: string;
  docId: string;
  cite?: Cite;
  caseId?: string;
  stem: string;
  source: string;
  answer: string[];
}

/** What a reader counts: text without Markdown syntax, link targets or white space. */
export function readableChars(md: string): number {
  return md
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[#>*_`|[\]-]/g, '')
    .replace(/\s/g, '').length;
}

export interface ContentReport {
  defects: string[];
  guides: Record<string, number>;
  questions: Record<string, Record<string, number>>;
  cases: Record<string, number>;
  totalQuestions: number;
  totalCases: number;
}

/** Every `（…第X条…）` group of a text: the law it names (or the fallback) and the clause. */
function citationsIn(text: string, fallbackDoc: string | null): { doc: string | null; clause: string; raw: string }[] {
  const out: { doc: string | null; clause: string; raw: string }[] = [];
  for (const g of text.matchAll(/（([^（）]*(?:（[^（）]*）[^（）]*)*)）/g)) {
    const inner = g[1]!;
    if (!/第[零〇一二三四五六七八九十百]+条/.test(inner)) continue;
    // a group may cite several: "《安全生产法》第二十一条、第二十五条；《危险化学品安全管理条例》第四条"
    let doc: string | null = fallbackDoc;
    let named = false;
    for (const part of inner.split(/[；;]/)) {
      const nm = /《([^》]+)》/.exec(part);
      if (nm) {
        doc = LAW_NAMES[nm[1]!] ?? `?${nm[1]}`;
        named = true;
      }
      for (const c of part.matchAll(/(第[零〇一二三四五六七八九十百]+条)((?:第[一二三四五六七八九十]+款)?(?:第?（[一二三四五六七八九十]+）项)?)/g)) {
        out.push({ doc: named || fallbackDoc ? doc : null, clause: c[1]! + (c[2] ?? ''), raw: g[0] });
      }
    }
  }
  return out;
}

function linksIn(md: string): { kind: string; target: string }[] {
  return [...md.matchAll(/\]\((case|doc):([a-z0-9-]+)\)/g)].map((m) => ({ kind: m[1]!, target: m[2]! }));
}

export function checkContent(contentDir = CONTENT_DIR, corpusDir = CORPUS_DIR): ContentReport {
  const defects: string[] = [];
  const laws = corpusLaws(corpusDir);
  const manifest = JSON.parse(readFileSync(path.join(contentDir, 'manifest.json'), 'utf8')) as {
    documents: ManifestDoc[];
    cases?: ManifestCase[];
    questionBanks: string[];
  };
  const docs = new Map(manifest.documents.map((d) => [d.id, d]));
  const cases = new Map((manifest.cases ?? []).map((c) => [c.id, c]));
  const report: ContentReport = { defects, guides: {}, questions: {}, cases: {}, totalQuestions: 0, totalCases: cases.size };

  const checkCitation = (where: string, doc: string | null, clause: string) => {
    // not attributable, or a law outside our corpus: nothing here to check it against
    if (!doc || doc.startsWith('?')) return;
    const law = laws.get(doc);
    if (!law) return;
    const r = lookupClause(law, clause);
    if ('error' in r) defects.push(`${where}：引用 ${CORPUS_FILES[doc]} ${clause} 不成立（${r.error}）`);
  };
  const checkLinks = (where: string, md: string) => {
    for (const l of linksIn(md)) {
      if (l.kind === 'case' && !cases.has(l.target)) defects.push(`${where}：链接的案例 ${l.target} 不存在`);
      if (l.kind === 'doc' && !docs.has(l.target)) defects.push(`${where}：链接的文件 ${l.target} 不存在`);
    }
  };

  // guides
  const guideDir = path.join(contentDir, 'guides');
  const guideFiles = existsSync(guideDir) ? readdirSync(guideDir).filter((f) => f.endsWith('.md')) : [];
  for (const f of guideFiles) {
    const docId = f.replace(/\.md$/, '');
    const where = `guides/${f}`;
    const doc = docs.get(docId);
    if (!doc) {
      defects.push(`${where}：目录中没有文件 ${docId}`);
      continue;
    }
    if (!doc.notes.some((n) => n.key === 'guide' && n.file === `guides/${f}`)) defects.push(`${where}：manifest 中 ${docId} 没有以 key "guide" 列出这份指南`);
    const md = readFileSync(path.join(guideDir, f), 'utf8');
    const chars = readableChars(md);
    report.guides[docId] = chars;
    if (!/^# 《.+》学习指南/.test(md)) defects.push(`${where}：第一行应为"# 《文件名》学习指南"`);
    if (!md.includes('以正式文本为准')) defects.push(`${where}：缺少"以正式文本为准"的提示`);
    const heads = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    const missing = GUIDE_SECTIONS.filter((s) => !heads.some((h) => h.startsWith(s)));
    if (missing.length) defects.push(`${where}：缺少章节 ${missing.join('、')}`);
    const floor = FLOOR_CATEGORIES.has(doc.category) ? GUIDE_FLOOR : LOCAL_GUIDE_FLOOR;
    if (chars < floor) defects.push(`${where}：${chars} 字，不足 ${floor} 字`);
    checkLinks(where, md);
    for (const run of copiedRuns(md, corpusDir)) defects.push(`${where}：照抄了法规原文（${run.length} 字）：${run}`);
    for (const c of citationsIn(md, laws.has(docId) ? docId : null)) checkCitation(`${where} ${c.raw}`, c.doc, c.clause);
  }
  for (const d of manifest.documents) {
    for (const n of d.notes) if (!existsSync(path.join(contentDir, n.file))) defects.push(`manifest：${d.id} 的 ${n.key} 文件 ${n.file} 不存在`);
  }

  // cases
  for (const c of cases.values()) {
    const where = `cases/${c.id}.md`;
    const p = path.join(contentDir, 'cases', `${c.id}.md`);
    if (!existsSync(p)) {
      defects.push(`${where}：文件不存在`);
      continue;
    }
    const md = readFileSync(p, 'utf8');
    report.cases[c.id] = readableChars(md);
    const heads = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
    const missing = CASE_SECTIONS.filter((s) => !heads.some((h) => h.startsWith(s)));
    if (missing.length) defects.push(`${where}：缺少章节 ${missing.join('、')}`);
    if (readableChars(md) < 1200) defects.push(`${where}：只有 ${readableChars(md)} 字`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.date)) defects.push(`${where}：date 应为 YYYY-MM-DD`);
    for (const k of ['report', 'authority', 'published'] as const) if (!c.source?.[k]) defects.push(`${where}：source.${k} 为空`);
    if (!(c.prompts?.length >= 3 && c.prompts.length <= 5)) defects.push(`${where}：研讨题应为 3–5 个`);
    for (const d of c.docIds ?? []) if (!docs.has(d)) defects.push(`${where}：docIds 中的 ${d} 不存在`);
    for (const cl of c.clauses ?? []) {
      if (!docs.has(cl.doc)) defects.push(`${where}：clauses 中的 ${cl.doc} 不存在`);
      else checkCitation(`${where} clauses`, cl.doc, cl.clause);
    }
    checkLinks(where, md);
    for (const run of copiedRuns(md, corpusDir)) defects.push(`${where}：照抄了法规原文（${run.length} 字）：${run}`);
    for (const ct of citationsIn(md, null)) checkCitation(`${where} ${ct.raw}`, ct.doc, ct.clause);
  }

  // questions
  const ids = new Set<string>();
  const byDoc = new Map<string, BundledQuestion[]>();
  const byCase = new Map<string, number>();
  for (const b of manifest.questionBanks) {
    const file = path.join(contentDir, b);
    if (!existsSync(file)) {
      defects.push(`${b}：题库文件不存在`);
      continue;
    }
    const bank = JSON.parse(readFileSync(file, 'utf8')) as { questions: (BundledQuestion & Record<string, unknown>)[] };
    for (const q of bank.questions) {
      const where = `${b} ${q.id}`;
      const parsed = questionSchema.safeParse(q);
      if (!parsed.success) defects.push(`${where}：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
      if (ids.has(q.id)) defects.push(`${where}：题号重复`);
      ids.add(q.id);
      if (!docs.has(q.docId)) defects.push(`${where}：docId ${q.docId} 不存在`);
      const shown = [q.stem, ...((q as { options?: string[] }).options ?? []), (q as { explanation?: string }).explanation ?? '', ...q.answer].join('\n');
      for (const run of copiedRuns(shown, corpusDir)) defects.push(`${where}：照抄了法规原文（${run.length} 字）：${run}`);
      byDoc.set(q.docId, [...(byDoc.get(q.docId) ?? []), q]);
      if (!q.source) defects.push(`${where}：缺少 source（出处）`);
      if (!q.cite) {
        defects.push(`${where}：缺少 cite`);
        continue;
      }
      if (!docs.has(q.cite.doc)) defects.push(`${where}：cite.doc ${q.cite.doc} 不存在`);
      if (q.caseId) {
        if (!cases.has(q.caseId)) defects.push(`${where}：caseId ${q.caseId} 不存在`);
        byCase.set(q.caseId, (byCase.get(q.caseId) ?? 0) + 1);
      }
      const law = laws.get(q.cite.doc);
      if (law) {
        const r = lookupClause(law, q.cite.clause);
        if ('error' in r) defects.push(`${where}：${CORPUS_FILES[q.cite.doc]} ${q.cite.clause} 不成立（${r.error}）`);
        else if (!q.cite.terms?.length) defects.push(`${where}：出处在法规原文中，cite.terms 不能为空`);
        else {
          const missingTerms = q.cite.terms.filter((t) => !squash(r.text).includes(squash(t)));
          if (missingTerms.length) defects.push(`${where}：${q.cite.clause} 中找不到 ${missingTerms.map((t) => `"${t}"`).join('、')}`);
        }
      }
    }
  }
  report.totalQuestions = ids.size;
  for (const [docId, qs] of byDoc) {
    const t: Record<string, number> = {};
    for (const q of qs) t[q.type] = (t[q.type] ?? 0) + 1;
    report.questions[docId] = t;
    if (qs.length > Math.max(0.16 * ids.size, 10)) defects.push(`题库：${docId} 有 ${qs.length} 题，超过全部 ${ids.size} 题的 16%`);
    const doc = docs.get(docId);
    if (doc && FLOOR_CATEGORIES.has(doc.category)) {
      const lacking = QUESTION_TYPES.filter((ty) => !t[ty]);
      if (lacking.length) defects.push(`题库：${docId} 缺少题型 ${lacking.join('、')}`);
    }
  }
  for (const c of cases.values()) if ((byCase.get(c.id) ?? 0) < 2) defects.push(`cases/${c.id}：题库中由它出的题少于 2 道`);

  // every required document and core law: a guide, questions, a case
  for (const d of manifest.documents) {
    if (!d.required && !FLOOR_CATEGORIES.has(d.category)) continue;
    if (d.category === '事故案例') continue;
    if (!report.guides[d.id]) defects.push(`${d.id}：没有学习指南`);
    if (!byDoc.get(d.id)?.length) defects.push(`${d.id}：题库中没有它的题`);
    if (![...cases.values()].some((c) => c.docIds.includes(d.id))) defects.push(`${d.id}：没有关联的事故案例`);
  }
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const r = checkContent();
  for (const d of r.defects) console.log(`✗ ${d}`);
  console.log(`\n指南字数：${JSON.stringify(r.guides)}`);
  console.log(`题目（共 ${r.totalQuestions}）：${JSON.stringify(r.questions)}`);
  console.log(`案例（共 ${r.totalCases}）：${JSON.stringify(r.cases)}`);
  console.log(r.defects.length ? `\n${r.defects.length} 处问题` : '\n没有问题');
  process.exitCode = r.defects.length ? 1 : 0;
}

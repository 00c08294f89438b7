// A web page saved from a government site ("网页，仅HTML" or "完整网页"), read as the text of its main
// content: the navigation, menus, share bars, breadcrumbs, headers and footers around an official
// text are dropped; its headings, paragraphs, list items and table rows are kept as Markdown, so
// the reader shows it with its outline. The page is only parsed: nothing in it is ever run.
import type { parseDocument } from 'htmlparser2';
import { normalizeCjk } from '../../../core/normalize';
import { decodeText } from '../files/table-file';
import type { Block } from './text-block';

type Doc = ReturnType<typeof parseDocument>;
type Node = Doc['children'][number];
interface El {
  type: string;
  name: string;
  attribs: Record<string, string>;
  children: Node[];
  parent: El | null;
}

const isEl = (n: Node | El | null | undefined): n is El => !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');
const kids = (n: Node | El): Node[] => ('children' in n ? (n.children as Node[]) : []);

/** The charset a page names for itself (meta charset or http-equiv), in its first bytes. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

/**
 * The page's text. A byte-order mark decides; else bytes that are valid UTF-8 are UTF-8 whatever
 * the page declares (Chinese text in GBK is practically never valid UTF-8, and a page moved to
 * UTF-8 often keeps its old declaration); else the charset it declares; else GBK (decodeText).
 */
export function decodeHtml(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return decodeText(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: what the page says it is
  }
  const cs = declaredCharset(bytes);
  // GB2312 and GBK pages are read as GB18030, the superset: a page "in GB2312" often holds GBK characters
  const label = cs && /^(gb2312|gbk|gb18030|x-gbk|cp936|windows-936|euc-cn)$/.test(cs) ? 'gb18030' : cs;
  if (label) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      // an unknown label, or bytes that are not in it: guessed below
    }
  }
  return decodeText(bytes);
}

/** Whether decoded text is an HTML page at all (a page saved by a browser starts with its markup). */
export function looksLikeHtml(text: string): boolean {
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|table|h[1-6]|article|section|\?xml[^>]*>\s*<!doctype\s+html)\b/i.test(text.slice(0, 4096));
}

// Elements that never hold the text people read. Not <form>: ASP.NET sites wrap whole pages in one.
const DROP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'svg',
  'canvas',
  'select',
  'button',
  'input',
  'textarea',
  'nav',
  'menu',
  'aside',
  'map',
  'audio',
  'video',
]);
// Parts of a page that are dropped when named so (class or id), unless they hold the main content:
// as substrings, words that name nothing else; as whole words, the short ones.
const NOISE_PART = /nav|menu|breadcrumb|crumb|share|footer|copyright|sidebar|toolbar|banner|daohang|dqwz|weizhi|fenxiang|bdshare|jiathis|skip|wza|aria-?bar|qrcode|erweima/i;
const NOISE_WORD = /^(top|foot|bottom|header|head|side|bar|search|login|links?|position|location|print|close|share|tools?|related|comments?|pager|pagination|ad|ads|logo|hidden|hide)$/i;
// Containers Chinese government sites put an official text in (TRS and UCAP publishing systems, the
// State Council's pages, and the common article markup).
const CONTENT = [
  (e: El) => /\bTRS_(Editor|UEDITOR)\b/i.test(e.attribs.class ?? ''),
  (e: El) => /^(UCAP-CONTENT|zoom|Zoom|content_text|article_content|articleContent|pages_content)$/i.test(e.attribs.id ?? ''),
  (e: El) => /\b(pages_content|article[-_]content|article[-_]con|content[-_]text|detail[-_]content|news[-_]content|zw|zwnr)\b/i.test(e.attribs.class ?? ''),
  (e: El) => e.name === 'article',
  (e: El) => e.name === 'main' || e.attribs.role === 'main',
];

function isHidden(e: El): boolean {
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(e.attribs.style ?? '') || 'hidden' in e.attribs || e.attribs['aria-hidden'] === 'true';
}

function namedNoise(e: El): boolean {
  const names = `${e.attribs.class ?? ''} ${e.attribs.id ?? ''}`.trim();
  if (!names) return false;
  if (NOISE_PART.test(names)) return true;
  return names.split(/[\s_-]+/).some((w) => NOISE_WORD.test(w));
}

function walk(n: Node | El, visit: (e: El) => void) {
  for (const c of kids(n)) {
    if (!isEl(c)) continue;
    visit(c);
    walk(c, visit);
  }
}

const holdsContent = (e: El) => {
  if (CONTENT.some((f) => f(e))) return true;
  let found = false;
  walk(e, (d) => (found ||= CONTENT.some((f) => f(d))));
  return found;
};

/** A box of running text (sentences, few links) is kept whatever its name: a site may call its article box "top" or "main-side". */
function prose(e: El): boolean {
  const all = solid(textOf(e));
  return all >= 300 && linkText(e) < all * 0.25 && (textOf(e).match(/[。；]/g)?.length ?? 0) >= 5;
}

/** Removes what is never content, and what names itself navigation, menus, share bars, footers. */
function prune(n: Node | El) {
  const keep: Node[] = [];
  for (const c of kids(n)) {
    if (c.type === 'comment' || c.type === 'directive' || c.type === 'cdata') continue;
    if (isEl(c)) {
      if (DROP.has(c.name) || isHidden(c)) continue;
      if ((c.name === 'header' || c.name === 'footer' || namedNoise(c)) && !holdsContent(c) && !prose(c)) continue;
      prune(c);
    }
    keep.push(c);
  }
  (n as { children: Node[] }).children = keep;
}

function textOf(n: Node | El): string {
  if (n.type === 'text') return (n as { data: string }).data;
  return kids(n).map(textOf).join('');
}
const solid = (s: string) => s.replace(/\s/g, '').length;
function linkText(e: El): number {
  let n = 0;
  walk(e, (d) => {
    if (d.name === 'a') n += solid(textOf(d));
  });
  return n;
}

/**
 * The main content when no known container holds it: each paragraph scores its parent (and half
 * its grandparent) by its length and its Chinese and Latin punctuation, as readers of web articles
 * do; the container with the highest score, discounted by the share of its text in links, wins.
 */
function bestByText(body: El): El {
  const score = new Map<El, number>();
  walk(body, (e) => {
    const own = kids(e)
      .filter((c) => c.type === 'text')
      .map(textOf)
      .join('');
    const isPara = e.name === 'p' || e.name === 'td' || e.name === 'pre' || (solid(own) >= 20 && e.name !== 'a');
    if (!isPara) return;
    const t = textOf(e);
    if (solid(t) < 10) return;
    const s = 1 + (t.match(/[，。；：、,;]/g)?.length ?? 0) + Math.min(solid(t) / 100, 3);
    if (e.parent && isEl(e.parent)) score.set(e.parent, (score.get(e.parent) ?? 0) + s);
    if (e.parent?.parent && isEl(e.parent.parent)) score.set(e.parent.parent, (score.get(e.parent.parent) ?? 0) + s / 2);
  });
  let best: El = body;
  let top = 0;
  for (const [e, s] of score) {
    const all = solid(textOf(e)) || 1;
    const v = s * (1 - linkText(e) / all);
    if (v > top) [best, top] = [e, v];
  }
  return best;
}

function hasBlocks(e: El): boolean {
  let found = false;
  walk(e, (d) => (found ||= d.name === 'br' || d.name === 'table' || /^h[1-6]$/.test(d.name) || BLOCK.has(d.name)));
  return found;
}

const flat = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
const TITLE_BOX = /(^|[\s_-])(title|tit|biaoti|bt|article-title|wztitle)([\s_-]|$)/i;

function first(n: Node | El, pred: (e: El) => boolean): El | null {
  for (const c of kids(n)) {
    if (!isEl(c)) continue;
    if (pred(c)) return c;
    const d = first(c, pred);
    if (d) return d;
  }
  return null;
}

function inDropped(e: El): boolean {
  // only what is surely not the article: a title box may well be called a "header" or "top"
  for (let a: El | null = e; a && isEl(a); a = a.parent) if (DROP.has(a.name) || a.name === 'footer' || NOISE_PART.test(`${a.attribs.class ?? ''} ${a.attribs.id ?? ''}`)) return true;
  return false;
}

type Piece = { kind: 'h'; level: number; text: string } | { kind: 'p'; text: string; prefix: string };

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'blockquote',
  'center',
  'dl',
  'dt',
  'dd',
  'ul',
  'ol',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'pre',
  'address',
  'figure',
  'figcaption',
  'header',
  'footer',
  'body',
  'form',
]);

/** The content as headings and paragraphs, in document order. */
function pieces(root: El): Piece[] {
  const out: Piece[] = [];
  let line = '';
  const flush = () => {
    const text = flat(line);
    if (text) out.push({ kind: 'p', text, prefix: '' });
    line = '';
  };
  const inline = (n: Node | El): string => {
    if (n.type === 'text') return (n as { data: string }).data;
    if (isEl(n) && n.name === 'br') return ' ';
    return kids(n).map(inline).join('');
  };
  const visit = (n: Node | El) => {
    if (n.type === 'text') {
      line += (n as { data: string }).data;
      return;
    }
    if (!isEl(n)) return;
    const h = /^h([1-6])$/.exec(n.name);
    if (h) {
      flush();
      const text = flat(inline(n));
      if (text) out.push({ kind: 'h', level: Math.min(Number(h[1]), 4), text });
      return;
    }
    if (n.name === 'br') return flush();
    if (n.name === 'li') {
      flush();
      const ordered = n.parent?.name === 'ol';
      const index = ordered ? n.parent!.children.filter((c) => isEl(c) && c.name === 'li').indexOf(n as unknown as Node) + 1 : 0;
      const text = flat(inline(n));
      if (text) out.push({ kind: 'p', text, prefix: ordered ? `${index}. ` : '- ' });
      return;
    }
    if (n.name === 'tr') {
      flush();
      const cells = kids(n).flatMap((c) => (isEl(c) && (c.name === 'td' || c.name === 'th') ? [c] : []));
      // old sites lay whole pages out in tables: a cell with paragraphs in it is read as a container
      if (cells.some(hasBlocks)) {
        for (const c of cells) {
          visit(c);
          flush();
        }
        return;
      }
      const texts = cells.map((c) => flat(inline(c))).filter(Boolean);
      if (texts.length) out.push({ kind: 'p', text: texts.join(' | '), prefix: '' });
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) flush();
    for (const c of kids(n)) visit(c);
    if (block) flush();
  };
  visit(root);
  flush();
  return out;
}

// Characters that would change the Markdown's meaning when they come from the page's text.
const escapeInline = (s: string) => s.replace(/([\\`*_])/g, '\\$1');
const escapeStart = (s: string) => s.replace(/^(#|>|[-+*]\s|\d+[.)]\s)/, '\\$1');

// A short line of the page's own (date, hits, font size, print, editor) often sits in the content box.
const CHROME_LINE = /发布(日期|时间)|浏览(次数|量)|点击(数|量|次数)|阅读(次数|量)|访问(次数|量)|【字体|字号[：:]|【打印|【关闭|打印本页|关闭窗口|我要纠错|责任编辑[：:]/;
const chrome = (text: string) => text.length < 100 && CHROME_LINE.test(text);

export interface HtmlText {
  markdown: string;
  blocks: Block[];
  title: string;
}

/** A page's main content as Markdown and the blocks the index and the reader share (loc: heading index). */
export async function htmlToMarkdown(html: string): Promise<HtmlText> {
  const { parseDocument } = await import('htmlparser2'); // loaded when first needed
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const pageTitle = first(doc, (e) => e.name === 'title')
    ?.children.map(textOf)
    .join('')
    .trim();
  // Headings anywhere on the page, before the navigation is dropped: sites put an article's title
  // in a "header" or "title" box above its content
  const headings: string[] = [];
  walk(doc, (e) => {
    if ((/^h[1-3]$/.test(e.name) || TITLE_BOX.test(`${e.attribs.class ?? ''} ${e.attribs.id ?? ''}`)) && !inDropped(e)) {
      const t = flat(textOf(e));
      if (t.length >= 4 && t.length <= 120 && solid(t) > linkText(e)) headings.push(t);
    }
  });
  prune(doc);
  const root = first(doc, (e) => e.name === 'body') ?? (doc as unknown as El);
  let main: El | null = null;
  for (const f of CONTENT) {
    let best: El | null = null as El | null;
    walk(root, (e) => {
      if (f(e) && solid(textOf(e)) >= 30 && (!best || solid(textOf(e)) > solid(textOf(best)))) best = e;
    });
    if (best) {
      main = best;
      break;
    }
  }
  main ??= bestByText(root);
  const list = pieces(main).filter((p) => p.kind === 'h' || !chrome(p.text));
  // a page of navigation and a title only has no text to study
  if (!list.some((p) => p.kind === 'p')) return { markdown: '', blocks: [], title: '' };
  if (list[0]?.kind !== 'h') {
    // The page's <title> is the article's title and then the site's name; a heading that says the
    // same (often in full, where the <title> is cut) is preferred to it
    const short = (pageTitle ?? '').split(/\s*(?:_|\||｜|－|——|\s-\s)\s*/)[0]!.trim();
    const title = headings.find((h) => short && (h.includes(short) || short.includes(h))) ?? (short || headings[0] || '');
    if (title && list[0]?.text === title) list[0] = { kind: 'h', level: 1, text: title };
    else if (title) list.unshift({ kind: 'h', level: 1, text: title });
  }
  const md: string[] = [];
  const blocks: Block[] = [];
  let heading = -1;
  list.forEach((p, i) => {
    const text = normalizeCjk(p.text);
    if (p.kind === 'h') {
      heading += 1;
      md.push(`${'#'.repeat(p.level)} ${escapeInline(text)}`);
    } else {
      // list items stay together in one list; everything else is its own paragraph
      const next = list[i + 1];
      md.push(`${p.prefix}${p.prefix ? escapeInline(text) : escapeStart(escapeInline(text))}`);
      if (p.prefix && next?.kind === 'p' && next.prefix) {
        md.push('\n');
        blocks.push({ loc: heading, text });
        return;
      }
    }
    md.push('\n\n');
    blocks.push({ loc: heading, text });
  });
  const markdown = md.join('').trim() + '\n';
  const title = list.find((p) => p.kind === 'h')?.text ?? list[0]?.text ?? '';
  return { markdown, blocks, title: normalizeCjk(title).slice(0, 80) };
}

// Where the units of an official text (its 章/条, clauses, items) are in the rendered reader, to jump
// to one, mark it, and tell which one is being read. Plain text has an element per paragraph
// (b-<index>); Markdown is found by each unit's opening words under its heading; a PDF by its page.
import { normalizeCjk, searchForm } from '../../../electron/core/normalize';
import type { PlacedUnit } from '../../../electron/shared/api';
import { findRanges } from './highlight';

type Format = 'md' | 'pdf' | 'txt';

const squash = (s: string) => searchForm(normalizeCjk(s)).replace(/\s+/g, '');
const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, td, th';

/** The words a unit's first paragraph starts with: its label and a few of its title's. */
function opening(u: PlacedUnit): { label: string; words: string } {
  const label = squash(u.label);
  return { label, words: (label + squash(u.title.replace(/…$/, ''))).slice(0, label.length + 8) };
}

/**
 * The element each unit starts at (null where none is found). Units come in text order, so each
 * search starts where the one before was found, within the unit's own heading (Markdown).
 */
export function unitAnchors(root: HTMLElement, format: Format, units: readonly PlacedUnit[]): (HTMLElement | null)[] {
  if (format === 'txt') return units.map((u) => document.getElementById(`b-${u.first}`));
  if (format === 'pdf') return units.map((u) => document.getElementById(`page-${u.loc}`));
  const els = Array.from(root.querySelectorAll<HTMLElement>(BLOCKS));
  const texts: (string | undefined)[] = [];
  const textAt = (i: number) => (texts[i] ??= squash(els[i]!.textContent ?? ''));
  const headingAt = new Map<number, number>();
  els.forEach((el, i) => {
    const m = /^h-(\d+)$/.exec(el.id);
    if (m) headingAt.set(Number(m[1]), i);
  });
  let cursor = 0;
  return units.map((u) => {
    const from = Math.max(cursor, u.loc >= 0 ? (headingAt.get(u.loc) ?? 0) : 0);
    const to = headingAt.get(u.loc + 1) ?? els.length - 1;
    const { label, words } = opening(u);
    let found = -1;
    for (let i = from; i <= to && found < 0; i++) if (textAt(i).startsWith(words)) found = i;
    for (let i = from; i <= to && found < 0; i++) if (textAt(i).startsWith(label)) found = i;
    if (found < 0) return u.loc >= 0 ? (els[headingAt.get(u.loc) ?? -1] ?? null) : null;
    cursor = found;
    return els[found]!;
  });
}

/** Where a unit's label starts a line in a PDF page's text layer (a citation of it inside a line is passed over). */
export function labelRange(layer: Element, unit: PlacedUnit): Range | undefined {
  const ranges = findRanges(layer, null, [searchForm(normalizeCjk(unit.label))]);
  return ranges.find((r) => r.startOffset === 0) ?? ranges[0];
}

let flashTimer: number | undefined;

/**
 * Bring the unit's element to the top of the view and light it, and the paragraphs after it up to
 * the next unit's (`next`), for a moment; data-unit names it after.
 */
export function markUnit(el: HTMLElement, unit: PlacedUnit, format: Format, next: HTMLElement | null = null) {
  for (const old of document.querySelectorAll('[data-unit]')) old.removeAttribute('data-unit');
  window.clearTimeout(flashTimer);
  const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  registry?.delete('unit-mark');
  for (const old of document.querySelectorAll('.unit-flash')) old.classList.remove('unit-flash');
  let target = el;
  if (format === 'pdf') {
    // on its page, the label in the text layer (once the page is drawn), else the page itself
    const layer = (el.closest('.pdf-page') ?? el).querySelector('.textLayer');
    const range = layer ? labelRange(layer, unit) : undefined;
    if (range) {
      if (registry && typeof Highlight !== 'undefined') registry.set('unit-mark', new Highlight(range));
      target = range.startContainer.parentElement ?? el;
    }
  }
  const lit = [target];
  if (format !== 'pdf') for (let x = target.nextElementSibling; x && x !== next && lit.length < 40; x = x.nextElementSibling) if (x instanceof HTMLElement) lit.push(x);
  target.setAttribute('data-unit', unit.id);
  for (const x of lit) x.classList.add('unit-flash');
  target.scrollIntoView({ block: 'start' });
  flashTimer = window.setTimeout(() => {
    for (const x of lit) x.classList.remove('unit-flash');
    registry?.delete('unit-mark');
  }, 2500);
}

/**
 * The unit being read: the last whose element starts above a line a little below the top of the
 * view. Units that share an element (a PDF page not drawn yet) count as the first of them.
 */
export function unitInView(anchors: readonly (HTMLElement | null)[], line = 140): number {
  let at = -1;
  for (let i = 0; i < anchors.length; i++) {
    const el = anchors[i];
    if (!el || (i > 0 && anchors[i - 1] === el)) continue;
    if (el.getBoundingClientRect().top <= line) at = i;
    else break;
  }
  return at;
}

// Search hits in the reader: find each term in the rendered text (the same length-preserving fold
// the index uses) and paint it with the CSS Custom Highlight API, without touching the DOM.
import { searchForm } from '../../../electron/core/normalize';

export interface PendingHit {
  docId: string;
  key: string;
  loc: number;
  terms: string[];
}

let pending: PendingHit | null = null;
export function setPendingHit(h: PendingHit | null) {
  pending = h;
}
/** The hit waiting for this text (cleared by clearHighlights when the reader leaves). */
export function pendingHitFor(docId: string, key: string): PendingHit | null {
  return pending && pending.docId === docId && pending.key === key ? pending : null;
}

/**
 * Ranges of every term in the text under root (from `from` on). The text of all text nodes is read
 * as one string, so a hit split across elements (a PDF text layer splits lines into many spans)
 * is still found.
 */
export function findRanges(root: Element, from: Element | null, terms: readonly string[]): Range[] {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let full = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (from && !(from.compareDocumentPosition(node) & (Node.DOCUMENT_POSITION_FOLLOWING | Node.DOCUMENT_POSITION_CONTAINED_BY))) continue;
    nodes.push(node);
    starts.push(full.length);
    full += node.data;
  }
  const folded = searchForm(full); // same length as full
  const at = (offset: number, end: boolean): [Text, number] => {
    // the node holding this offset (an end offset may sit at the very end of a node)
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! < offset || (!end && starts[mid] === offset)) lo = mid;
      else hi = mid - 1;
    }
    return [nodes[lo]!, offset - starts[lo]!];
  };
  const ranges: Range[] = [];
  for (const term of terms) {
    for (let i = folded.indexOf(term); i >= 0 && term; i = folded.indexOf(term, i + term.length)) {
      const r = document.createRange();
      r.setStart(...at(i, false));
      r.setEnd(...at(i + term.length, true));
      ranges.push(r);
    }
  }
  return ranges.sort((a, b) => a.compareBoundaryPoints(Range.START_TO_START, b));
}

/** Paint the ranges and bring the first into view (unless the view is already where it should be). Returns how many were painted. */
export function showRanges(ranges: Range[], scroll = true): number {
  const registry = (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights;
  if (registry && typeof Highlight !== 'undefined') registry.set('search-hit', new Highlight(...ranges));
  const first = ranges[0]?.startContainer.parentElement;
  if (scroll) first?.scrollIntoView({ block: 'center' });
  first?.setAttribute('data-search-hit', 'first');
  return ranges.length;
}

export function clearHighlights() {
  pending = null;
  (globalThis.CSS as { highlights?: Map<string, unknown> } | undefined)?.highlights?.delete('search-hit');
}

// Chinese full-text search over the corpus: paragraphs in a BigramIndex (see electron/core/bigram-index.ts
// for why it is not a general-purpose library), every query term matched as an exact phrase, and a
// snippet around the first hit with every hit marked.
import { BigramIndex } from '../../../core/bigram-index';
import { searchForm } from '../../../core/normalize';
import { queryTermsOf } from '../../../core/query';
import type { Block } from './text-extract';

export interface Hit {
  docId: string;
  key: string;
  loc: number;
  unit?: string;
  score: number;
  snippet: string;
  /** [start, end) of each hit inside snippet */
  marks: [number, number][];
}

/** The corpus index: one BigramIndex of paragraphs, addressed by document and text. */
export class CorpusIndex {
  constructor(private readonly ix = new BigramIndex()) {}

  get size(): number {
    return this.ix.size;
  }

  /** Replace the indexed blocks of one text (a new edition replaces the old one); units: each block's unit id. */
  setText(docId: string, key: string, blocks: readonly Block[], units: readonly (string | undefined)[] = []): void {
    this.removeText(docId, key);
    blocks.forEach((b, i) => this.ix.add({ docId, key, loc: b.loc, text: b.text, ...(units[i] ? { unit: units[i] } : {}) }));
  }

  removeText(docId: string, key: string): void {
    this.ix.removeWhere((b) => b.docId === docId && b.key === key);
  }

  search(query: string, limit = 40): Hit[] {
    const terms = queryTermsOf(query);
    return this.ix.search(query, limit).map(({ block, score }) => {
      const b = this.ix.blocks[block]!;
      return { docId: b.docId, key: b.key, loc: b.loc, ...(b.unit ? { unit: b.unit } : {}), score, ...snippet(b.text, terms) };
    });
  }

  toBinary() {
    return this.ix.toBinary();
  }

  static fromBinary(meta: string, postings: Uint8Array): CorpusIndex {
    return new CorpusIndex(BigramIndex.fromBinary(meta, postings));
  }
}

/** A window of the block around its first hit, with every hit of every term marked. */
export function snippet(text: string, terms: readonly string[], width = 90): { snippet: string; marks: [number, number][] } {
  const lower = searchForm(text); // same length as text: offsets carry over
  const first = Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0));
  const start = Math.max(0, first - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  const cutLower = lower.slice(start, end);
  const marks: [number, number][] = [];
  for (const t of terms) {
    for (let i = cutLower.indexOf(t); i >= 0; i = cutLower.indexOf(t, i + t.length)) marks.push([i, i + t.length]);
  }
  marks.sort((a, b) => a[0] - b[0]);
  const prefix = start > 0 ? '…' : '';
  return {
    snippet: prefix + text.slice(start, end) + (end < text.length ? '…' : ''),
    marks: marks.map(([a, b]) => [a + prefix.length, b + prefix.length] as [number, number]),
  };
}

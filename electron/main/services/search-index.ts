// Chinese full-text search over the corpus. MiniSearch (BM25) indexes character bigrams, which
// finds candidates fast; every candidate is then checked for each query term as an exact phrase,
// so 动火作业 never matches a paragraph that has only 动 and 火 apart.
import MiniSearch from 'minisearch';
import { searchForm } from '../../core/normalize';
import { queryTermsOf } from '../../core/query';
import type { Block } from './text-extract';

export interface IndexedBlock {
  id: number;
  docId: string;
  /** which text: 'notes', 'notes-pdf', 'official' */
  key: string;
  loc: number;
  /** normalized (NFKC + radicals) text as shown in snippets */
  text: string;
}

export interface Hit {
  docId: string;
  key: string;
  loc: number;
  score: number;
  snippet: string;
  /** [start, end) of each hit inside snippet */
  marks: [number, number][];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Bigrams for runs of Chinese characters (a lone character stays a unigram); whole words otherwise. */
export function tokenize(text: string): string[] {
  const s = searchForm(text);
  const out: string[] = [];
  let run = '';
  let word = '';
  const flushRun = () => {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    run = '';
  };
  const flushWord = () => {
    if (word) out.push(word);
    word = '';
  };
  for (const ch of s) {
    if (CJK.test(ch)) {
      flushWord();
      run += ch;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      flushRun();
      word += ch;
    } else {
      flushRun();
      flushWord();
    }
  }
  flushRun();
  flushWord();
  return out;
}


const OPTIONS = {
  fields: ['text'],
  idField: 'id',
  tokenize: (t: string) => tokenize(t),
  processTerm: (t: string) => t,
  searchOptions: { combineWith: 'AND' as const, prefix: false, fuzzy: false },
};

export class CorpusIndex {
  private ms: MiniSearch<{ id: number; text: string }>;
  private readonly blocks = new Map<number, IndexedBlock>();
  private nextId = 1;

  constructor() {
    this.ms = new MiniSearch(OPTIONS);
  }

  get size(): number {
    return this.blocks.size;
  }

  has(docId: string, key: string): boolean {
    for (const b of this.blocks.values()) if (b.docId === docId && b.key === key) return true;
    return false;
  }

  /** Replace the indexed blocks of one text (a new edition replaces the old one). */
  setText(docId: string, key: string, blocks: readonly Block[]): void {
    this.removeText(docId, key);
    const docs = blocks.map((b) => {
      const ib: IndexedBlock = { id: this.nextId++, docId, key, loc: b.loc, text: b.text };
      this.blocks.set(ib.id, ib);
      return { id: ib.id, text: ib.text };
    });
    this.ms.addAll(docs);
  }

  removeText(docId: string, key: string): void {
    for (const b of [...this.blocks.values()]) {
      if (b.docId === docId && b.key === key) {
        this.ms.discard(b.id);
        this.blocks.delete(b.id);
      }
    }
  }

  search(query: string, limit = 40): Hit[] {
    const terms = queryTermsOf(query);
    if (terms.length === 0) return [];
    const phraseOk = (b: IndexedBlock) => {
      const t = searchForm(b.text);
      return terms.every((term) => t.includes(term));
    };
    let scored: { b: IndexedBlock; score: number }[];
    const indexable = terms.every((t) => tokenize(t).every((tok) => tok.length > 1 || !CJK.test(tok)));
    if (indexable) {
      scored = this.ms
        .search(terms.flatMap((t) => tokenize(t)).join(' '), { combineWith: 'AND', tokenize: (x) => x.split(' ') })
        .map((r) => ({ b: this.blocks.get(r.id as number)!, score: r.score }))
        .filter((x) => x.b && phraseOk(x.b));
    } else {
      // a lone character cannot be looked up in a bigram index: scan (rare, and bounded by the corpus)
      scored = [...this.blocks.values()].filter(phraseOk).map((b) => ({ b, score: 1 }));
    }
    scored.sort((a, b) => b.score - a.score || a.b.id - b.b.id);
    return scored.slice(0, limit).map(({ b, score }) => ({ docId: b.docId, key: b.key, loc: b.loc, score, ...snippet(b.text, terms) }));
  }

  toJSON(): object {
    return { version: 1, nextId: this.nextId, blocks: [...this.blocks.values()], index: this.ms.toJSON() };
  }

  static fromJSON(data: { version: number; nextId: number; blocks: IndexedBlock[]; index: unknown }): CorpusIndex {
    if (data.version !== 1) throw new Error(`search index version ${data.version} is not supported`);
    const ix = new CorpusIndex();
    ix.ms = MiniSearch.loadJSON(JSON.stringify(data.index), OPTIONS);
    ix.nextId = data.nextId;
    for (const b of data.blocks) ix.blocks.set(b.id, b);
    return ix;
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

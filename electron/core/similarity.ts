// Copy detection for self-analysis essays: exact character n-gram shingles.
//
// Text is folded to what carries meaning (Han characters, letters, digits; case folded; spaces and
// punctuation dropped), cut into overlapping shingles of K characters, and each shingle hashed to 32
// bits. For an essay A and another text B, the share of A found in B is the part of A's characters
// covered by shingles B also has (containment, from A's side: a short essay copied whole into a long
// one is 100 % copied, the long one only partly). Exact sets rather than MinHash: the benchmark
// (`npm run bench -- essays`) runs the full pairwise check of 3,000 essays of 2,000 characters in a
// few seconds with an inverted index, so there is no need to trade accuracy for speed, and exact
// shingles also give the matching passages to show side by side.

/** 8 Chinese characters: long enough that set phrases (安全生产、违章作业) do not count as copying. */
export const SHINGLE = 8;

/**
 * How many of the texts sharing one shingle are credited with it. Beyond this, the share of the
 * essay found elsewhere stays exact, and its best matches are found among the first texts that
 * share the passage (by their order in the comparison).
 */
export const POSTINGS_CAP = 256;

export interface Folded {
  /** the folded characters */
  text: string;
  /** for each folded character, its offset in the original text (UTF-16) */
  at: Int32Array;
  /** one past the end of each folded character in the original text */
  end: Int32Array;
}

const KEEP = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Only the folded characters (for comparing; no offsets kept). */
export function foldText(original: string): string {
  let out = '';
  for (const ch of original) if (KEEP.test(ch)) out += foldChar(ch);
  return out;
}

/** full-width letters and digits → half-width, then lower case (one character stays one) */
function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return ch.toLowerCase();
  if (code >= 0x4e00 && code <= 0x9fff) return ch; // the common Han block: nothing to fold
  const f = ch.normalize('NFKC').toLowerCase();
  return f.length === 1 ? f : ch;
}

export function fold(original: string): Folded {
  const chars: string[] = [];
  const at: number[] = [];
  const end: number[] = [];
  let i = 0;
  for (const ch of original) {
    const n = ch.length;
    if (KEEP.test(ch)) {
      chars.push(foldChar(ch));
      at.push(i);
      end.push(i + n);
    }
    i += n;
  }
  return { text: chars.join(''), at: Int32Array.from(at), end: Int32Array.from(end) };
}

/** FNV-1a over the UTF-16 code units of each K-character window; one hash per start position. */
export function shingleHashes(folded: string, k = SHINGLE): Uint32Array {
  const n = folded.length - k + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let s = 0; s < n; s++) {
    let h = 0x811c9dc5;
    for (let j = s; j < s + k; j++) {
      h ^= folded.charCodeAt(j);
      h = Math.imul(h, 0x01000193);
    }
    out[s] = h >>> 0;
  }
  return out;
}

function uniqueSorted(a: Uint32Array): Uint32Array {
  const s = Uint32Array.from(a).sort();
  let w = 0;
  for (let r = 0; r < s.length; r++) if (r === 0 || s[r] !== s[r - 1]) s[w++] = s[r]!;
  return s.slice(0, w);
}

export interface SimilarityDoc {
  id: string;
  text: string;
  /** sources (template prompts, study notes) are compared against, but are not essays themselves */
  source?: boolean;
}

export interface Match {
  /** the other text */
  id: string;
  source: boolean;
  /** share of this essay's characters found in the other text, 0–1 */
  share: number;
}

export interface SimilarityResult {
  id: string;
  /** the share of this essay found in any other text (essays or sources together), 0–1 */
  share: number;
  /** the texts it shares most with, best first (at most `top`) */
  matches: Match[];
}

/**
 * Every essay against every other essay and every source. An inverted index of shingles makes the
 * work proportional to the shingles texts actually share, not to the number of pairs.
 */
export function compareAll(docs: readonly SimilarityDoc[], opts: { top?: number; k?: number } = {}): SimilarityResult[] {
  const k = opts.k ?? SHINGLE;
  const top = opts.top ?? 5;
  const folded = docs.map((d) => foldText(d.text));
  const hashes = folded.map((t) => shingleHashes(t, k));
  const sets = hashes.map(uniqueSorted);
  if (docs.length >= 1048576) throw new Error('too many texts for one comparison');
  const index = buildIndex(sets);
  // per other text: characters of A it covers so far, and where its last shingle in A ended
  const covered = new Int32Array(docs.length);
  const lastEnd = new Int32Array(docs.length);
  const touched: number[] = [];
  const results: SimilarityResult[] = [];
  docs.forEach((doc, a) => {
    if (doc.source) return;
    const hs = hashes[a]!;
    const len = folded[a]!.length;
    let any = 0;
    let anyEnd = 0;
    // shingle starts in increasing order: each shared shingle adds the characters it covers beyond
    // what that text already covered, so the coverage is exact, in one pass over the postings
    for (let s = 0; s < hs.length; s++) {
      const at = index.find(hs[s]!);
      const from = index.starts[at]!;
      const to = index.starts[at + 1]!;
      const shared = to - from > 1;
      // a passage hundreds of essays share (a template everyone copied): every one of them is
      // found with the first POSTINGS_CAP of those essays, which keeps the work linear
      for (let p = from; p < Math.min(to, from + POSTINGS_CAP + 1); p++) {
        const b = index.docs[p]!;
        if (b === a) continue;
        if (covered[b] === 0) touched.push(b);
        covered[b]! += s + k - Math.max(s, lastEnd[b]!);
        lastEnd[b] = s + k;
      }
      if (shared) {
        any += s + k - Math.max(s, anyEnd);
        anyEnd = s + k;
      }
    }
    const matches: Match[] = touched
      .sort((x, y) => covered[y]! - covered[x]! || x - y)
      .slice(0, top)
      .map((b) => ({ id: docs[b]!.id, source: !!docs[b]!.source, share: covered[b]! / len }));
    for (const b of touched) covered[b] = lastEnd[b] = 0;
    touched.length = 0;
    results.push({ id: doc.id, share: len === 0 ? 0 : any / len, matches });
  });
  return results;
}

/**
 * Inverted index in flat typed arrays (far less memory than a Map of arrays for millions of
 * shingles): the distinct hashes sorted, and for each, its documents in `docs[starts[i]…starts[i+1])`.
 */
function buildIndex(sets: readonly Uint32Array[]) {
  let total = 0;
  for (const s of sets) total += s.length;
  // (hash, document) packed into one float64 (32 + 20 bits are exact), so one typed sort orders both
  const keys = new Float64Array(total);
  let w = 0;
  sets.forEach((s, d) => {
    for (const h of s) keys[w++] = h * 1048576 + d;
  });
  keys.sort();
  let distinct = 0;
  for (let i = 0; i < total; i++) if (i === 0 || Math.floor(keys[i]! / 1048576) !== Math.floor(keys[i - 1]! / 1048576)) distinct += 1;
  const sorted = new Uint32Array(distinct);
  const startsArr = new Int32Array(distinct + 1);
  const docs = new Int32Array(total);
  let u = -1;
  let last = -1;
  for (let i = 0; i < total; i++) {
    const key = keys[i]!;
    const h = Math.floor(key / 1048576);
    docs[i] = key - h * 1048576;
    if (h !== last) {
      sorted[++u] = h;
      startsArr[u] = i;
      last = h;
    }
  }
  startsArr[distinct] = total;
  return {
    starts: startsArr,
    docs,
    /** the slot of a hash that is in the index */
    find(h: number): number {
      let lo = 0;
      let hi = sorted.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < h) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}

function sum(a: Uint8Array): number {
  let n = 0;
  for (const x of a) n += x;
  return n;
}

/** A stretch of text, as offsets into the original (not folded) text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * The passages two texts share, as offsets into each original text: for the side-by-side view.
 * Runs of shared shingles merge into passages; passages shorter than `minChars` are dropped.
 */
export function sharedPassages(a: string, b: string, opts: { k?: number; minChars?: number } = {}): { a: Span[]; b: Span[]; shareOfA: number } {
  const k = opts.k ?? SHINGLE;
  const fa = fold(a);
  const fb = fold(b);
  const ha = shingleHashes(fa.text, k);
  const hb = shingleHashes(fb.text, k);
  const inB = new Set(hb);
  const inA = new Set(ha);
  const spansOf = (f: Folded, hs: Uint32Array, other: Set<number>) => {
    const cover = new Uint8Array(f.text.length);
    for (let s = 0; s < hs.length; s++) if (other.has(hs[s]!)) cover.fill(1, s, s + k);
    const out: Span[] = [];
    let s = -1;
    for (let i = 0; i <= cover.length; i++) {
      if (i < cover.length && cover[i]) {
        if (s < 0) s = i;
      } else if (s >= 0) {
        if (i - s >= (opts.minChars ?? k)) out.push({ start: f.at[s]!, end: f.end[i - 1]! });
        s = -1;
      }
    }
    return { out, covered: sum(cover) };
  };
  const sa = spansOf(fa, ha, inB);
  const sb = spansOf(fb, hb, inA);
  return { a: sa.out, b: sb.out, shareOfA: fa.text.length === 0 ? 0 : sa.covered / fa.text.length };
}

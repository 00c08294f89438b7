// essays — the full copy check of 3,000 essays of 2,000 characters (target: under 30 s), against
// a naive yardstick: every pair compared with JavaScript Sets of shingles, timed on 300 essays and
// scaled to 3,000 by the number of pairs. The two must agree on the 300.
import { compareAll, fold, shingleHashes, type SimilarityDoc } from '../../electron/core/similarity';

/**
 * Essays of `chars` characters. Written independently, an essay shares words with the others but
 * rarely a run of 8 characters: each is made of word-sized pieces (2–4 characters) taken at random
 * from the source text. `sentences` instead makes every essay out of whole sentences of one pool
 * (a worst case: nearly every essay shares something with many others).
 */
export function makeEssays(n: number, chars: number, source: string[], random: () => number, mode: 'words' | 'sentences' = 'words'): SimilarityDoc[] {
  const text = source.join('');
  const pick =
    mode === 'sentences'
      ? () => source[Math.floor(random() * source.length)]!
      : () => {
          const at = Math.floor(random() * (text.length - 4));
          return text.slice(at, at + 2 + Math.floor(random() * 3));
        };
  const essays: string[] = [];
  for (let i = 0; i < n; i++) {
    let t = '';
    while (t.length < chars) t += pick();
    essays.push(t.slice(0, chars));
  }
  // some copying, as it happens: a paragraph lifted from a colleague (10 %), a lightly edited copy (5 %)
  for (let i = 0; i < n; i++) {
    const r = random();
    const from = essays[Math.floor(random() * n)]!;
    if (r < 0.1) essays[i] = from.slice(0, 500) + essays[i]!.slice(500);
    else if (r < 0.15) essays[i] = from.replace(/的/g, '地').replace(/。/g, '；');
  }
  return essays.map((text, i) => ({ id: `E${i}`, text }));
}

function naiveBest(docs: readonly SimilarityDoc[]): number[] {
  const k = 8;
  const folded = docs.map((d) => fold(d.text).text);
  const hashes = folded.map((t) => shingleHashes(t, k));
  const sets = hashes.map((h) => new Set(h));
  return docs.map((_, a) => {
    let best = 0;
    const len = folded[a]!.length;
    for (let b = 0; b < docs.length; b++) {
      if (b === a) continue;
      const cover = new Uint8Array(len);
      const hs = hashes[a]!;
      for (let s = 0; s < hs.length; s++) if (sets[b]!.has(hs[s]!)) cover.fill(1, s, s + k);
      let c = 0;
      for (const x of cover) c += x;
      best = Math.max(best, c / len);
    }
    return best;
  });
}

export function benchEssays(sentences: string[], random: () => number, sample: () => number) {
  const N = 3000;
  const base = sample();
  const docs = makeEssays(N, 2000, sentences, random);
  sample();
  const t0 = performance.now();
  const results = compareAll(docs);
  const seconds = (performance.now() - t0) / 1000;
  sample();
  const flagged = results.filter((r) => (r.matches[0]?.share ?? 0) >= 0.3).length;
  const peak = sample();
  // the worst case: every essay made of whole sentences from one pool
  const worst = makeEssays(N, 2000, sentences, random, 'sentences');
  const tw = performance.now();
  compareAll(worst);
  const worstSeconds = (performance.now() - tw) / 1000;
  // the yardstick on 300, and agreement of the best match there
  const few = docs.slice(0, 300);
  const t1 = performance.now();
  const naive = naiveBest(few);
  const naiveSeconds = (performance.now() - t1) / 1000;
  const ours = compareAll(few).map((r) => r.matches[0]?.share ?? 0);
  const agree = ours.every((x, i) => Math.abs(x - naive[i]!) < 1e-9);
  const naiveEstimate = naiveSeconds * ((N * (N - 1)) / (300 * 299));
  console.log(`[bench essays] worst case (all essays from one pool of sentences): ${worstSeconds.toFixed(2)} s`);
  console.log(
    `[bench essays] ${N} essays × 2,000 characters: ${seconds.toFixed(2)} s (${flagged} with a match ≥ 30 %); naive pairwise: ${naiveSeconds.toFixed(2)} s for 300 → ~${naiveEstimate.toFixed(0)} s for ${N}; best matches agree on the 300: ${agree}`,
  );
  if (!agree) throw new Error('our index and the naive comparison disagree');
  return { seconds, base, peak, worstSeconds, flagged, naiveSeconds, naiveEstimate, agree };
}

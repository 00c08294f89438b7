// Quiz statistics as Moodle's quiz statistics report defines them, over each person's first attempt:
// - facility index F = mean score on the question / its maximum × 100 (how easy it was);
// - discrimination index D = 100 × the Pearson correlation between the score on the question and the
//   score on the rest of the paper (does the question separate those who know from those who don't).
// Questions outside sensible ranges are flagged: F < 5 or F > 95, D < 30 (weak), D < 0 (check the key).

export interface AttemptScores {
  /** question id → points scored */
  scores: Record<string, number>;
}

export interface QuestionStat {
  questionId: string;
  attempts: number;
  facility: number | null;
  sd: number | null;
  discrimination: number | null;
  flags: ('too_easy' | 'too_hard' | 'weak_discrimination' | 'negative_discrimination')[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

export function questionStats(attempts: readonly AttemptScores[], questions: readonly { id: string; max: number }[]): QuestionStat[] {
  return questions.map((q) => {
    const rows = attempts.filter((a) => q.id in a.scores);
    const xs = rows.map((a) => a.scores[q.id]! / q.max);
    const rest = rows.map((a) => Object.entries(a.scores).reduce((s, [id, v]) => (id === q.id ? s : s + v), 0));
    if (rows.length === 0) return { questionId: q.id, attempts: 0, facility: null, sd: null, discrimination: null, flags: [] };
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1)) : null;
    const r = pearson(xs, rest);
    const facility = round1(mean * 100);
    const discrimination = r === null ? null : round1(r * 100);
    const flags: QuestionStat['flags'] = [];
    if (facility > 95) flags.push('too_easy');
    if (facility < 5) flags.push('too_hard');
    if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
    else if (discrimination !== null && discrimination < 30) flags.push('weak_discrimination');
    return { questionId: q.id, attempts: rows.length, facility, sd: sd === null ? null : round1(sd * 100), discrimination, flags };
  });
}

export interface PaperStats {
  attempts: number;
  mean: number | null;
  median: number | null;
  passRate: number | null;
  /** how many percentages fall in [0,10), [10,20) … [90,100] */
  histogram: number[];
}

export function paperStats(percents: readonly number[], passMark: number): PaperStats {
  const histogram = Array.from({ length: 10 }, () => 0);
  for (const p of percents) histogram[Math.min(9, Math.floor(p / 10))]! += 1;
  if (percents.length === 0) return { attempts: 0, mean: null, median: null, passRate: null, histogram };
  const sorted = [...percents].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    attempts: percents.length,
    mean: round1(percents.reduce((a, b) => a + b, 0) / percents.length),
    median: round1(median),
    passRate: round1((percents.filter((p) => p >= passMark).length / percents.length) * 100),
    histogram,
  };
}

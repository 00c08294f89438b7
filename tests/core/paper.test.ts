// Papers drawn at random by rules: composition, filters, fairness, shortages.
import { describe, expect, it } from 'vitest';
import { questionSchema, type DrawRule, type Question, type QuestionType } from '../../electron/core/model';
import { describeShortages, drawPaper, rulePools, rulesTotal } from '../../electron/core/paper';

function q(id: string, type: QuestionType, extra: Partial<Question> = {}): Question {
  const choice = type === 'single' || type === 'multiple';
  return questionSchema.parse({
    id,
    type,
    stem: `题 ${id}`,
    options: choice ? ['甲', '乙', '丙'] : [],
    answer: type === 'truefalse' ? ['T'] : choice ? ['A'] : ['答'],
    score: 1,
    ...extra,
  });
}

const rule = (r: Partial<DrawRule> & Pick<DrawRule, 'type' | 'count' | 'points'>): DrawRule => ({ banks: [], categories: [], docIds: [], difficulties: [], ...r });

/** a small deterministic generator (mulberry32), so a draw can be replayed */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BANK: Question[] = [
  ...Array.from({ length: 10 }, (_, i) => q(`s${i}`, 'single', { category: i < 4 ? '动火' : '受限空间', difficulty: ((i % 3) + 1) as 1 | 2 | 3 })),
  ...Array.from({ length: 6 }, (_, i) => q(`m${i}`, 'multiple', { docId: i < 3 ? 'gb30871' : 'aqt3034', bank: '车间题库' })),
  ...Array.from({ length: 8 }, (_, i) => q(`t${i}`, 'truefalse', { difficulty: i < 2 ? 3 : 1 })),
  q('k0', 'short'),
];

describe('drawing a paper by rules', () => {
  it('gives every rule its count of questions of its type, each worth the rule’s points, none twice', () => {
    const rules = [
      rule({ type: 'single', count: 5, points: 4 }),
      rule({ type: 'multiple', count: 3, points: 10 }),
      rule({ type: 'truefalse', count: 4, points: 5 }),
      rule({ type: 'short', count: 1, points: 30 }),
    ];
    expect(rulesTotal(rules)).toEqual({ count: 13, points: 100 });
    const d = drawPaper(BANK, rules, seededRandom(1));
    if (!d.ok) throw new Error('draw failed');
    expect(d.questions.map((x) => x.type)).toEqual([...Array(5).fill('single'), ...Array(3).fill('multiple'), ...Array(4).fill('truefalse'), 'short']);
    expect(new Set(d.questions.map((x) => x.id)).size).toBe(13);
    expect(d.questions.reduce((s, x) => s + x.score, 0)).toBe(100);
    // the bank itself is not changed by the points of the rule
    expect(BANK.every((x) => x.score === 1)).toBe(true);
  });

  it('draws only from the categories, documents, banks and difficulties a rule names', () => {
    const rules = [
      rule({ type: 'single', count: 4, points: 2, categories: ['动火'] }),
      rule({ type: 'multiple', count: 3, points: 2, docIds: ['gb30871'], banks: ['车间题库'] }),
      rule({ type: 'truefalse', count: 2, points: 2, difficulties: [3] }),
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const d = drawPaper(BANK, rules, seededRandom(seed));
      if (!d.ok) throw new Error('draw failed');
      expect(
        d.questions
          .slice(0, 4)
          .map((x) => x.id)
          .sort(),
      ).toEqual(['s0', 's1', 's2', 's3']);
      expect(
        d.questions
          .slice(4, 7)
          .map((x) => x.id)
          .sort(),
      ).toEqual(['m0', 'm1', 'm2']);
      expect(
        d.questions
          .slice(7)
          .map((x) => x.id)
          .sort(),
      ).toEqual(['t0', 't1']);
    }
    expect(rulePools(BANK, rules)).toEqual([4, 3, 2]);
  });

  it('a wide rule first does not starve a narrower rule after it', () => {
    // rule 1 wants any 6 single questions; rule 2 wants the 4 about 动火: 10 exist, so both fit
    const rules = [rule({ type: 'single', count: 6, points: 1 }), rule({ type: 'single', count: 4, points: 1, categories: ['动火'] })];
    for (let seed = 1; seed <= 30; seed++) {
      const d = drawPaper(BANK, rules, seededRandom(seed));
      expect(d.ok).toBe(true);
      if (d.ok) expect(d.questions.slice(6).every((x) => x.category === '动火')).toBe(true);
    }
  });

  it('different people get different papers; the same random numbers give the same paper', () => {
    const rules = [rule({ type: 'single', count: 3, points: 1 })];
    const papers = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const d = drawPaper(BANK, rules, seededRandom(seed));
      if (d.ok) papers.add(d.questions.map((x) => x.id).join());
    }
    expect(papers.size).toBeGreaterThan(10);
    const a = drawPaper(BANK, rules, seededRandom(7));
    const b = drawPaper(BANK, rules, seededRandom(7));
    expect(a).toEqual(b);
  });

  it('every question is drawn about equally often (no favourite)', () => {
    const counts = new Map<string, number>();
    const random = seededRandom(42);
    for (let i = 0; i < 5000; i++) {
      const d = drawPaper(BANK, [rule({ type: 'single', count: 2, points: 1 })], random);
      if (d.ok) for (const x of d.questions) counts.set(x.id, (counts.get(x.id) ?? 0) + 1);
    }
    // expected 1,000 draws each (5,000 papers × 2 of 10 questions)
    for (let i = 0; i < 10; i++) expect(Math.abs(counts.get(`s${i}`)! - 1000)).toBeLessThan(120);
  });

  it('names the rules the bank cannot fill', () => {
    const rules = [rule({ type: 'multiple', count: 7, points: 1 }), rule({ type: 'fill', count: 1, points: 1 }), rule({ type: 'short', count: 1, points: 1 })];
    const d = drawPaper(BANK, rules, seededRandom(1));
    expect(d).toEqual({
      ok: false,
      shortages: [
        { rule: 0, available: 6, wanted: 7 },
        { rule: 1, available: 0, wanted: 1 },
      ],
    });
    if (!d.ok) expect(describeShortages(d.shortages, rules)).toBe('规则 1（多选）：可抽的题 6 道，要抽 7 道；规则 2（填空）：可抽的题 0 道，要抽 1 道');
  });
});

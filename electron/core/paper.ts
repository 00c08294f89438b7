// Papers drawn at random by rules (随机组卷): each person gets the same number of questions of each
// type, worth the same points, drawn from the part of the bank each rule names. Pure: randomness is
// injected, so a test can replay a draw.
import type { DrawRule, Question } from './model';
import { shuffledOrder } from './grading';

export function matchesRule(q: Question, r: DrawRule): boolean {
  return (
    q.type === r.type &&
    (r.banks.length === 0 || r.banks.includes(q.bank)) &&
    (r.categories.length === 0 || r.categories.includes(q.category)) &&
    (r.docIds.length === 0 || r.docIds.includes(q.docId)) &&
    (r.difficulties.length === 0 || r.difficulties.includes(q.difficulty))
  );
}

export interface RuleShortage {
  rule: number;
  available: number;
  wanted: number;
}

export type DrawResult = { ok: true; questions: Question[] } | { ok: false; shortages: RuleShortage[] };

/**
 * Draw a paper: rules in order, no question twice. Within a rule, questions that no later rule
 * could use go first (so an earlier, wider rule does not starve a later, narrower one); ties are
 * broken at random. Each drawn question is worth the rule's points.
 */
export function drawPaper(bank: readonly Question[], rules: readonly DrawRule[], random: () => number): DrawResult {
  const used = new Set<string>();
  const out: Question[] = [];
  const shortages: RuleShortage[] = [];
  rules.forEach((r, i) => {
    const pool = bank.filter((q) => !used.has(q.id) && matchesRule(q, r));
    if (pool.length < r.count) {
      shortages.push({ rule: i, available: pool.length, wanted: r.count });
      return;
    }
    const later = rules.slice(i + 1);
    const order = shuffledOrder(pool.length, random);
    const need = pool.map((q) => later.filter((l) => matchesRule(q, l)).length);
    const ranked = order.map((k, pos) => ({ k, pos })).sort((a, b) => need[a.k]! - need[b.k]! || a.pos - b.pos);
    for (const { k } of ranked.slice(0, r.count)) {
      const q = pool[k]!;
      used.add(q.id);
      out.push({ ...q, score: r.points });
    }
  });
  return shortages.length > 0 ? { ok: false, shortages } : { ok: true, questions: out };
}

/** How many questions of the bank each rule could draw from, on its own. */
export function rulePools(bank: readonly Question[], rules: readonly DrawRule[]): number[] {
  return rules.map((r) => bank.filter((q) => matchesRule(q, r)).length);
}

export function rulesTotal(rules: readonly DrawRule[]): { count: number; points: number } {
  return {
    count: rules.reduce((s, r) => s + r.count, 0),
    points: Math.round(rules.reduce((s, r) => s + r.count * r.points, 0) * 100) / 100,
  };
}

const TYPE_NAMES = { single: '单选', multiple: '多选', truefalse: '判断', fill: '填空', short: '简答' } as const;

/** 「规则 2（多选）：符合条件的题 5 道，要抽 10 道」 */
export function describeShortages(shortages: readonly RuleShortage[], rules?: readonly DrawRule[]): string {
  return shortages.map((s) => `规则 ${s.rule + 1}${rules?.[s.rule] ? `（${TYPE_NAMES[rules[s.rule]!.type]}）` : ''}：可抽的题 ${s.available} 道，要抽 ${s.wanted} 道`).join('；');
}

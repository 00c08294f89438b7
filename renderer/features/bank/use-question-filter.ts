// The question list's filters (text, bank, type, category) and its paging: what the bank page
// shows of a bank of thousands of questions.
import { useMemo, useState } from 'react';
import type { Question } from '../../../electron/core/model';
import { ALL_BANKS } from './BankTypeSelects';

/** '\u0000' means "all categories" ('' is a question without one). */
export const ALL_CATEGORIES = '\u0000';
export interface QuestionFilter {
  text: string;
  bank: string;
  type: string;
  category: string;
}

export function useQuestionFilter(all: readonly Question[], pageSize: number) {
  const [filter, setFilter] = useState<QuestionFilter>({ text: '', bank: ALL_BANKS, type: '', category: ALL_CATEGORIES });
  const [shown, setShown] = useState(pageSize);
  const banks = useMemo(() => [...new Set(all.map((q) => q.bank))].sort(), [all]);
  const categories = useMemo(() => [...new Set(all.map((q) => q.category).filter(Boolean))].sort(), [all]);
  const text = filter.text.trim();
  const matches = all.filter(
    (q) =>
      (filter.bank === ALL_BANKS || q.bank === filter.bank) &&
      (!filter.type || q.type === filter.type) &&
      (filter.category === ALL_CATEGORIES || q.category === filter.category) &&
      (!text || q.stem.includes(text) || q.tags.includes(text)),
  );
  return {
    filter,
    change: (c: Partial<QuestionFilter>) => setFilter((f) => ({ ...f, ...c })),
    banks,
    categories,
    matches,
    visible: matches.slice(0, shown),
    /** how many more match than are shown */
    more: Math.max(0, matches.length - shown),
    showMore: () => setShown((n) => n + pageSize),
  };
}

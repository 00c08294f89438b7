// What the year's table shows of the rows: the filters and the order (pure, so it is tested alone).
import type { YearPersonRow } from '../../../electron/shared/api';

export interface YearFilter {
  dept: string;
  team: string;
  category: string;
  onlyShort: boolean;
}
export type YearSort = 'short' | 'employeeNo';

export function shownRows(rows: readonly YearPersonRow[], f: YearFilter, sort: YearSort): YearPersonRow[] {
  const out = rows.filter((r) => (!f.dept || r.dept === f.dept) && (!f.team || r.team === f.team) && (!f.category || r.category === f.category) && (!f.onlyShort || !r.met));
  // most short first; among equals the roster's 工号 order
  return sort === 'short' ? out.sort((a, b) => b.shortCreditHours - a.shortCreditHours || a.employeeNo.localeCompare(b.employeeNo)) : out.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
}

/** The choices of the filters: the departments, the teams of the chosen department, the categories. */
export function filterChoices(rows: readonly YearPersonRow[], dept: string) {
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    depts: uniq(rows.map((r) => r.dept)),
    teams: uniq(rows.filter((r) => !dept || r.dept === dept).map((r) => r.team)).filter(Boolean),
    categories: uniq(rows.map((r) => r.category)),
  };
}

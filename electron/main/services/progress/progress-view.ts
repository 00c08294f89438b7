// The progress page's answer from everyone's rows: counts and the chart over the chosen department
// or team, then one page of the rows that pass the filters. Pure, so the rule is tested without a store.
import type { Input, ProgressGroup, ProgressRow, ProgressView } from '../../../shared/api';
import { PROGRESS_PAGE } from '../../../shared/calls/progress';

/** What the counts and the filters read of a row: the page's rows are made whole afterwards (progress.ts). */
export type CountRow = Pick<ProgressRow, 'employeeNo' | 'name' | 'dept' | 'team' | 'category' | 'creditHours' | 'targetCreditHours'> & { flags: readonly unknown[] };

const isBehind = (r: CountRow) => r.creditHours < r.targetCreditHours;

function groupsBy(rows: readonly CountRow[], key: (r: CountRow) => string): ProgressGroup[] {
  const out = new Map<string, ProgressGroup>();
  for (const r of rows) {
    const k = key(r);
    const g = out.get(k) ?? out.set(k, { key: k, reached: 0, notReached: 0 }).get(k)!;
    if (isBehind(r)) g.notReached += 1;
    else g.reached += 1;
  }
  return [...out.values()];
}

export function progressViewOf<R extends CountRow>(rows: readonly R[], q: Omit<Input<'progress.table'>, 'campaignId'>): Omit<ProgressView, 'rows'> & { rows: R[] } {
  const depts = new Map<string, Set<string>>();
  for (const r of rows) {
    const teams = depts.get(r.dept) ?? depts.set(r.dept, new Set()).get(r.dept)!;
    if (r.team) teams.add(r.team);
  }
  const scoped = rows.filter((r) => (!q.dept || r.dept === q.dept) && (!q.team || r.team === q.team));
  const find = q.find?.trim().toLowerCase() ?? '';
  const matching = scoped.filter((r) => (!q.onlyBehind || isBehind(r)) && (!find || r.employeeNo.toLowerCase().includes(find) || r.name.toLowerCase().includes(find)));
  const pageSize = q.pageSize ?? PROGRESS_PAGE;
  // a page past the end (the list shrank since it was asked for) shows the last one, not nothing
  const last = Math.max(0, Math.ceil(matching.length / pageSize) - 1);
  const page = Math.min(q.page ?? 0, last);
  return {
    depts: [...depts].map(([dept, teams]) => ({ dept, teams: [...teams] })),
    total: scoped.length,
    behind: scoped.filter(isBehind).length,
    flagged: scoped.filter((r) => r.flags.length > 0).length,
    groups: {
      dept: groupsBy(scoped, (r) => r.dept),
      team: groupsBy(scoped, (r) => r.team || '—'),
      category: groupsBy(scoped, (r) => r.category),
    },
    matching: matching.length,
    page,
    pageSize,
    rows: matching.slice(page * pageSize, (page + 1) * pageSize),
  };
}

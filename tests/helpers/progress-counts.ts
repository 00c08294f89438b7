// The progress page's counts as they follow from everyone's whole rows: what the counts read from
// the stores' numbers (Store.campaignCounts) must agree with.
import type { ProgressRow, ProgressView } from '../../electron/shared/api';

export function countsFromRows(rows: readonly ProgressRow[]) {
  const behind = (r: ProgressRow) => r.creditHours < r.targetCreditHours;
  const groups = (key: (r: ProgressRow) => string) => {
    const out = new Map<string, { key: string; reached: number; notReached: number }>();
    for (const r of rows) {
      const g = out.get(key(r)) ?? out.set(key(r), { key: key(r), reached: 0, notReached: 0 }).get(key(r))!;
      if (behind(r)) g.notReached += 1;
      else g.reached += 1;
    }
    return [...out.values()];
  };
  return {
    total: rows.length,
    behind: rows.filter(behind).length,
    flagged: rows.filter((r) => r.flags.length > 0).length,
    groups: { dept: groups((r) => r.dept), team: groups((r) => r.team || '—'), category: groups((r) => r.category) },
  };
}

export const countsOfView = (v: ProgressView) => ({ total: v.total, behind: v.behind, flagged: v.flagged, groups: v.groups });

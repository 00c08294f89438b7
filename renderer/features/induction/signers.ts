// Who fits to sign a level of 三级安全教育 for a new hire, from the roster: 公司级 the principal and
// the safety managers, 车间级 the head of the new hire's workshop, 班组级 the leader of their team.
// Only a suggestion, shown first: anyone on the roster may be chosen.
import type { InductionLevel } from '../../../electron/core/model';
import type { InductionRow, InductionSigner } from '../../../electron/shared/api';

const HEAD_POST = /主任|负责人|经理|厂长|总监/;
const TEAM_POST = /班长|组长|工段长/;

function fits(level: InductionLevel, s: InductionSigner, who: Pick<InductionRow, 'dept' | 'team'>): boolean {
  if (level === 'company') return s.category === '主要负责人' || s.category === '安全管理人员' || s.level === 'head' || s.level === 'deputy';
  if (level === 'workshop') return s.dept === who.dept && (s.level === 'workshop' || s.leader || HEAD_POST.test(s.post) || s.category === '安全管理人员');
  return s.dept === who.dept && s.team === who.team && (s.level === 'team' || TEAM_POST.test(s.post));
}

/** The roster split for a level: those who fit first (in roster order), then everyone else; never the new hire. */
export function signersFor(
  level: InductionLevel,
  who: Pick<InductionRow, 'employeeNo' | 'dept' | 'team'>,
  all: readonly InductionSigner[],
): { suggested: InductionSigner[]; others: InductionSigner[] } {
  const rest = all.filter((s) => s.employeeNo !== who.employeeNo);
  const suggested = rest.filter((s) => fits(level, s, who));
  return { suggested, others: rest.filter((s) => !suggested.includes(s)) };
}

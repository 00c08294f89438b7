import { describe, expect, it } from 'vitest';
import { countParticipants, participantsOf, takesPart } from '../../electron/core/campaign-scope';
import type { Participants } from '../../electron/core/model';

const people = Array.from({ length: 60 }, (_, i) => ({
  employeeNo: `P${i}`,
  dept: ['甲醇车间', '储运车间', '安全环保部'][i % 3]!,
  team: `${(i % 4) + 1}班`,
  category: i % 7 === 0 ? ('主要负责人' as const) : ('其他从业人员' as const),
}));

describe('who takes part, for many people at once', () => {
  const cases: [string, Participants][] = [
    ['everyone', { kind: 'all' }],
    ['a department', { kind: 'some', depts: ['储运车间'], teams: [], categories: [], employeeNos: [] }],
    // 1班 of 甲醇车间 only, not 1班 of the other departments
    ['a team named with its department', { kind: 'some', depts: [], teams: [{ dept: '甲醇车间', team: '1班' }], categories: [], employeeNos: [] }],
    ['a category', { kind: 'some', depts: [], teams: [], categories: ['主要负责人'], employeeNos: [] }],
    ['a list and a department', { kind: 'some', depts: ['安全环保部'], teams: [], categories: [], employeeNos: ['P1', 'P4', 'P59', 'X9'] }],
  ];
  for (const [name, participants] of cases) {
    it(`lists and counts the people takesPart says take part: ${name}`, () => {
      const c = { participants };
      const one = people.filter((p) => takesPart(c, p));
      expect(participantsOf(c, people)).toEqual(one);
      expect(countParticipants(c, people)).toBe(one.length);
    });
  }

  it('a team is told apart by its department', () => {
    const c = { participants: { kind: 'some', depts: [], teams: [{ dept: '甲醇车间', team: '1班' }], categories: [], employeeNos: [] } as Participants };
    expect(participantsOf(c, people).map((p) => [p.dept, p.team])).toEqual(people.filter((p) => p.dept === '甲醇车间' && p.team === '1班').map((p) => [p.dept, p.team]));
    expect(countParticipants(c, people)).toBeGreaterThan(0);
    expect(countParticipants(c, people)).toBeLessThan(people.filter((p) => p.team === '1班').length);
  });
});

import { describe, expect, it } from 'vitest';
import { countParticipants, participantsOf, takesPart } from '../../electron/core/campaign-scope';
import type { Participants } from '../../electron/core/model';

const END = '2024-09-30';
// every fifth person has a 入职日期: before the campaign, on its last day, or after it ended
const HIRED = ['2020-03-01', END, '2024-10-01'];
const people = Array.from({ length: 60 }, (_, i) => ({
  employeeNo: `P${i}`,
  dept: ['甲醇车间', '储运车间', '安全环保部'][i % 3]!,
  team: `${(i % 4) + 1}班`,
  category: i % 7 === 0 ? ('主要负责人' as const) : ('其他从业人员' as const),
  ...(i % 5 === 0 ? { hiredOn: HIRED[(i / 5) % 3]! } : {}),
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
      const c = { participants, end: END };
      const one = people.filter((p) => takesPart(c, p));
      expect(participantsOf(c, people)).toEqual(one);
      expect(countParticipants(c, people)).toBe(one.length);
    });
  }

  it('a team is told apart by its department', () => {
    const c = { participants: { kind: 'some', depts: [], teams: [{ dept: '甲醇车间', team: '1班' }], categories: [], employeeNos: [] } as Participants, end: END };
    expect(participantsOf(c, people).map((p) => [p.dept, p.team])).toEqual(people.filter((p) => p.dept === '甲醇车间' && p.team === '1班').map((p) => [p.dept, p.team]));
    expect(countParticipants(c, people)).toBeGreaterThan(0);
    expect(countParticipants(c, people)).toBeLessThan(people.filter((p) => p.team === '1班').length);
  });
});

describe('入职日期: someone hired after a campaign ended does not take part in it', () => {
  const everyone = { participants: { kind: 'all' } as Participants, end: END };
  const person = (hiredOn?: string) => ({ employeeNo: 'N1', dept: '甲醇车间', team: '1班', category: '其他从业人员' as const, ...(hiredOn ? { hiredOn } : {}) });

  it('hired before the end, on its last day, or not known: takes part; the day after: does not', () => {
    expect([undefined, '2019-01-01', '2024-09-15', END, '2024-10-01', '2025-03-01'].map((d) => takesPart(everyone, person(d)))).toEqual([true, true, true, true, false, false]);
  });

  it('whatever the participants name: listed by 工号, by department, team or category', () => {
    const named: Participants = { kind: 'some', depts: ['甲醇车间'], teams: [{ dept: '甲醇车间', team: '1班' }], categories: ['其他从业人员'], employeeNos: ['N1'] };
    const c = { participants: named, end: END };
    expect(takesPart(c, person('2024-10-01'))).toBe(false);
    expect(takesPart(c, person('2024-09-30'))).toBe(true);
    expect(participantsOf(c, [person('2024-10-01'), person()]).length).toBe(1);
    expect(countParticipants(c, [person('2024-10-01'), person()])).toBe(1);
  });

  it('an everyone-campaign lists and counts everyone but those hired after it ended', () => {
    const late = people.filter((p) => p.hiredOn === '2024-10-01').map((p) => p.employeeNo);
    expect(late).toEqual(['P10', 'P25', 'P40', 'P55']);
    expect(participantsOf(everyone, people).map((p) => p.employeeNo)).toEqual(people.map((p) => p.employeeNo).filter((no) => !late.includes(no)));
    expect(countParticipants(everyone, people)).toBe(people.length - late.length);
    // a later campaign has them all
    expect(countParticipants({ ...everyone, end: '2024-12-31' }, people)).toBe(people.length);
  });
});
